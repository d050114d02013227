import { memo } from "react";
import { Choices, DateInput, Select, Textarea, TextInput, type Option } from "~/components/govuk";
import {
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_FORMATS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_KINDS,
  ENGAGEMENT_STATUS_LABELS,
  ENGAGEMENT_STATUSES,
} from "~/domain/engagement-labels";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { startValue, useDateParts, type FormContext } from "./context";

/** The engagement's title. */
export const TitleField = memo(function TitleField({ ctx, hint }: { ctx: FormContext; hint?: string }) {
  return (
    <TextInput
      label="Title"
      hint={hint ?? "For example, “Quarterly meeting with the NCA modern slavery unit”"}
      {...ctx.form.register("title")}
      defaultValue={startValue(ctx.start, "title")}
      error={ctx.errors.title}
      autoComplete="off"
      autoFocus={ctx.focus === "title" || undefined}
    />
  );
});

/** Kind, status, when, format, where, lead officer and purpose. */
export const DetailsFields = memo(function DetailsFields({ ctx, staff }: { ctx: FormContext; staff: Option[] }) {
  const { register } = ctx.form;
  const v = (path: string) => startValue(ctx.start, path);
  const e = ctx.errors;
  const date = useDateParts(ctx.form);
  return (
    <>
      <Choices
        type="radio"
        name="kind"
        legend="Kind"
        items={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: ENGAGEMENT_KIND_LABELS[k] }))}
        defaultValue={v("kind")}
        error={e.kind}
        inline
        small
        inputProps={register("kind")}
      />
      <Choices
        type="radio"
        name="status"
        legend="Status"
        items={ENGAGEMENT_STATUSES.map((s) => ({ value: s, label: ENGAGEMENT_STATUS_LABELS[s] }))}
        defaultValue={v("status")}
        error={e.status}
        inline
        small
        inputProps={register("status")}
      />

      <div className="app-field-row">
        <DateInput
          name="date"
          legend="Date"
          legendClassName="govuk-fieldset__legend--s"
          values={datePartsOf(ctx.start, "date")}
          error={e.date}
          errorParts={datePartsInError(date, e.date)}
          partProps={(part) => register(`date-${part}`)}
          autoFocus={ctx.focus === "date"}
        />
        <TextInput
          label="Start time (optional)"
          type="time"
          {...register("startTime")}
          defaultValue={v("startTime")}
          error={e.startTime}
          widthClass="app-input--time"
        />
        <TextInput
          label="End time (optional)"
          type="time"
          {...register("endTime")}
          defaultValue={v("endTime")}
          error={e.endTime}
          widthClass="app-input--time"
        />
        <TextInput
          label="or length in minutes"
          inputMode="numeric"
          {...register("durationMinutes")}
          defaultValue={v("durationMinutes")}
          error={e.durationMinutes}
          widthClass="govuk-input--width-3"
          autoComplete="off"
        />
      </div>

      <Choices
        type="radio"
        name="format"
        legend="Format (optional)"
        items={ENGAGEMENT_FORMATS.map((f) => ({ value: f, label: ENGAGEMENT_FORMAT_LABELS[f] }))}
        defaultValue={v("format")}
        error={e.format}
        inline
        small
        inputProps={register("format")}
      />
      <div className="app-field-row">
        <TextInput
          label="Location (optional)"
          {...register("location")}
          defaultValue={v("location")}
          error={e.location}
          widthClass="govuk-input--width-30"
          autoComplete="off"
        />
        <TextInput
          label="Country (optional)"
          {...register("country")}
          defaultValue={v("country")}
          error={e.country}
          widthClass="govuk-input--width-10"
          autoComplete="off"
        />
      </div>
      <Select
        label="Lead officer"
        {...register("leadUserId")}
        defaultValue={v("leadUserId")}
        error={e.leadUserId}
        options={staff}
        placeholder="No lead officer"
      />
      <Textarea label="Purpose (optional)" {...register("purpose")} defaultValue={v("purpose")} error={e.purpose} rows={2} />
    </>
  );
});
