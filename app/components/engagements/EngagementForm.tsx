import { Form, Link } from "@remix-run/react";
import { useEffect, useState, type MouseEvent, type ReactNode } from "react";
import { useController, useFieldArray, type Control, type UseFormReturn } from "react-hook-form";
import { Button, Choices, ErrorSummary, Select, Textarea, TextInput, type Option } from "~/components/govuk";
import { ErrorMessage } from "~/components/govuk/Fields";
import { useErrorTitle } from "~/components/page-title";
import {
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_FORMATS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_KINDS,
  ENGAGEMENT_STATUS_LABELS,
  ENGAGEMENT_STATUSES,
  ACTION_STATUS_LABELS,
  type ActionStatus,
} from "~/domain/engagement-labels";
import { formatDate } from "~/domain/format";
import { fieldId, type FormFailure } from "~/forms/form-data";
import { useValidatedForm } from "~/forms/use-validated-form";
import { editEngagementSchema, LIMITS, newEngagementSchema, type EngagementFormValues } from "~/forms/engagement";
import { ADD_LABELS, blankRow, FIRST_FIELD, type Section } from "./form-values";
import type { ConflictChange } from "./EngagementConflictNotice";
import { OrganisationPicker } from "./OrganisationPicker";

export type FormOptions = {
  organisations: { id: number; name: string; shortName: string | null; archived: boolean }[];
  staff: { id: number; name: string; active: boolean }[];
  themes: { id: number; name: string }[];
  contacts: { id: number; organisationId: number; name: string; roleTitle: string | null }[];
};

export type EngagementFailure = FormFailure & {
  focus?: string;
  conflict?: { version: number; actionVersions: Record<string, number>; baseline: Record<string, string>; changes: ConflictChange[] };
};

export const FIELD_ORDER = [
  "title",
  "organisations",
  "kind",
  "status",
  "date",
  "startTime",
  "endTime",
  "durationMinutes",
  "format",
  "location",
  "country",
  "leadUserId",
  "purpose",
  "attendees",
  "agenda",
  "summary",
  "commitments",
  "followUps",
  "themeIds",
  "newTheme",
  "marking",
  "resolvesActionId",
  "version",
];

type Props = {
  mode: "new" | "edit";
  initial: EngagementFormValues;
  failure?: EngagementFailure | null;
  options: FormOptions;
  currentUserId: number;
  /** Edit: the actions the form was loaded with (id to version), and their status, for the Remove buttons. */
  loadedActions?: Record<string, number>;
  /** Edit: fingerprints of what the form was loaded with, posted back so a conflict can tell whose change is whose. */
  baseline?: Record<string, string>;
  actionStatus?: Record<string, { status: ActionStatus; resolved: boolean }>;
  /** New, from an open follow-up: the follow-up this engagement resolves. */
  resolves?: { id: number; description: string; engagementId: number; engagementTitle: string; engagementDate: string } | null;
  heading: ReactNode;
  intro?: ReactNode;
  submitLabel: string;
  cancelTo: string;
  /** Where the form posts: the page's own path, without any query (after a row button the address has ?restructure). */
  action: string;
  /** Where the row buttons post without JavaScript: this page with ?restructure, so it is not titled an error. */
  restructureAction: string;
};

function organisationLabel(o: { name: string; shortName: string | null; archived?: boolean }) {
  const name = o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name;
  return o.archived ? `${name} (archived)` : name;
}

/**
 * The engagement form: one page, one submit for the common case. Repeating sections are
 * react-hook-form field arrays in the browser; without JavaScript their buttons post the form and
 * the server hands it back restructured. Rows left empty are ignored.
 */
export function EngagementForm(props: Props) {
  const {
    mode,
    initial,
    failure,
    options,
    currentUserId,
    loadedActions,
    baseline,
    actionStatus,
    resolves,
    heading,
    intro,
    submitLabel,
    cancelTo,
    action,
    restructureAction,
  } = props;
  const schema = mode === "new" ? newEngagementSchema : editEngagementSchema;
  const start = (failure?.values as EngagementFormValues | undefined) ?? initial;
  const validated = useValidatedForm(schema as typeof newEngagementSchema, { defaultValues: start as never, failure });
  const form = validated.form as unknown as UseFormReturn<EngagementFormValues>;
  const { errors, onSubmit } = validated;
  const { register, control, watch } = form;
  useErrorTitle(Object.keys(errors).length > 0);

  // Until the browser's JavaScript runs, show every field (a plain form); then only the relevant ones.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);

  // Without JavaScript, the server says which field to put the person back at after a row button.
  const focus = failure?.focus;
  // An organisation row just added: its type-ahead takes focus once it has loaded.
  const [focusOrganisation, setFocusOrganisation] = useState<number | null>(null);

  const orgs = useFieldArray({ control, name: "organisations", keyName: "fieldKey" });
  const attendeeRows = useFieldArray({ control, name: "attendees", keyName: "fieldKey" });
  const agendaRows = useFieldArray({ control, name: "agenda", keyName: "fieldKey" });
  const commitmentRows = useFieldArray({ control, name: "commitments", keyName: "fieldKey" });
  const followUpRows = useFieldArray({ control, name: "followUps", keyName: "fieldKey" });
  const arrays = { organisations: orgs, attendees: attendeeRows, agenda: agendaRows, commitments: commitmentRows, followUps: followUpRows };

  const chosenOrgIds = (watch("organisations") ?? []).map((o) => o?.organisationId).filter((v): v is string => Boolean(v));
  const chosenOrgs = chosenOrgIds
    .map((id) => options.organisations.find((o) => String(o.id) === id))
    .filter((o): o is FormOptions["organisations"][number] => Boolean(o));
  const agendaNow = watch("agenda") ?? [];
  const attendeesNow = watch("attendees") ?? [];
  const commitmentsNow = watch("commitments") ?? [];

  const organisationOptions = options.organisations.map((o) => ({ value: String(o.id), label: organisationLabel(o) }));
  const staffOptions: Option[] = options.staff.map((u) => ({ value: String(u.id), label: u.name }));
  const agendaOptions: Option[] = agendaNow
    .map((a, i) => ({ value: a?.key ?? "", label: a?.title?.trim() ? `${i + 1}. ${a.title.trim().slice(0, 60)}` : `Agenda item ${i + 1}` }))
    .filter((o) => o.value);
  const actionOrgOptions: Option[] = chosenOrgs.map((o) => ({ value: String(o.id), label: organisationLabel(o) }));

  const e = (path: string) => errors[path];
  const v = (path: string): string => {
    let cursor: unknown = start;
    for (const key of path.split(".")) cursor = cursor && typeof cursor === "object" ? (cursor as Record<string, unknown>)[key] : undefined;
    return typeof cursor === "string" ? cursor : "";
  };
  const autoFocus = (path: string) => (focus === path ? { autoFocus: true } : {});

  /** A row button: a submit without JavaScript (the server restructures), a field-array call with it. */
  const rowButton = (
    section: Section,
    verb: "add" | "remove" | "up" | "down",
    index: number,
    text: ReactNode,
    run: () => void,
    className = "app-link-button",
  ) => (
    <button
      type="submit"
      name="intent"
      value={verb === "add" ? `add:${section}` : `${verb}:${section}:${index}`}
      formAction={restructureAction}
      formNoValidate
      className={className}
      id={verb === "add" ? `${section}-add` : `${section}-${index}-${verb}`}
      autoFocus={focus === (verb === "add" ? `${section}-add` : `${section}-${index}-${verb}`) || undefined}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        event.preventDefault();
        run();
      }}
    >
      {text}
    </button>
  );

  const add = (section: Section) =>
    rowButton(
      section,
      "add",
      -1,
      ADD_LABELS[section],
      () => {
        const list = arrays[section];
        const index = list.fields.length;
        (list.append as (v: unknown, o: unknown) => void)(blankRow(section, { ownerUserId: String(currentUserId) }), {
          focusName: `${section}.${index}.${FIRST_FIELD[section]}`,
        });
        if (section === "organisations") setFocusOrganisation(index);
      },
      "govuk-button govuk-button--secondary app-add-button",
    );

  const moveButtons = (section: Section, index: number, count: number, noun: string) => (
    <>
      {index > 0
        ? rowButton(
            section,
            "up",
            index,
            <>
              Move up
              <span className="govuk-visually-hidden">
                {" "}
                {noun} {index + 1}
              </span>
            </>,
            () => {
              arrays[section].move(index, index - 1);
              requestAnimationFrame(
                () =>
                  document.getElementById(`${section}-${index - 1}-up`)?.focus() ??
                  document.getElementById(`${section}-${index - 1}-down`)?.focus(),
              );
            },
          )
        : null}
      {index < count - 1
        ? rowButton(
            section,
            "down",
            index,
            <>
              Move down
              <span className="govuk-visually-hidden">
                {" "}
                {noun} {index + 1}
              </span>
            </>,
            () => {
              arrays[section].move(index, index + 1);
              requestAnimationFrame(
                () =>
                  document.getElementById(`${section}-${index + 1}-down`)?.focus() ??
                  document.getElementById(`${section}-${index + 1}-up`)?.focus(),
              );
            },
          )
        : null}
    </>
  );

  const removeButton = (section: Section, index: number, noun: string) =>
    rowButton(
      section,
      "remove",
      index,
      <>
        Remove
        <span className="govuk-visually-hidden">
          {" "}
          {noun} {index + 1}
        </span>
      </>,
      () => {
        arrays[section].remove(index);
        requestAnimationFrame(() => document.getElementById(`${section}-add`)?.focus());
      },
    );

  const actionLocked = (id: string | undefined) => {
    const state = id ? actionStatus?.[id] : undefined;
    return state ? state.resolved || state.status === "done" || state.status === "dropped" : false;
  };

  return (
    <>
      <ErrorSummary errors={errors} order={FIELD_ORDER} />
      {heading}
      {intro}
      <Form method="post" action={action} noValidate onSubmit={onSubmit} className="app-engagement-form">
        {mode === "edit" ? <input type="hidden" {...register("version")} defaultValue={v("version")} /> : null}
        {loadedActions ? (
          <input
            type="hidden"
            name="loadedActions"
            value={Object.entries(loadedActions)
              .map(([id, ver]) => `${id}:${ver}`)
              .join(",")}
          />
        ) : null}
        {baseline ? <input type="hidden" name="baseline" value={JSON.stringify(baseline)} /> : null}
        {resolves ? (
          <>
            <input type="hidden" {...register("resolvesActionId")} defaultValue={String(resolves.id)} />
            <div className="govuk-inset-text">
              This engagement resolves the follow-up “{resolves.description}” from{" "}
              <Link className="govuk-link" to={`/engagements/${resolves.engagementId}`}>
                {resolves.engagementTitle}
              </Link>{" "}
              on {formatDate(resolves.engagementDate)}. Saving it marks that follow-up done.
            </div>
            {e("resolvesActionId") ? <ErrorMessage id="resolvesActionId">{e("resolvesActionId")}</ErrorMessage> : null}
          </>
        ) : null}

        <section aria-labelledby="section-about" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-about">
            The engagement
          </h2>
          <TextInput
            label="Title"
            hint="For example, “Quarterly meeting with the NCA modern slavery unit”"
            {...register("title")}
            defaultValue={v("title")}
            error={e("title")}
            autoComplete="off"
            {...autoFocus("title")}
          />

          <div id="organisations" className="app-repeat">
            {orgs.fields.map((field, i) => (
              <OrganisationRow
                key={field.fieldKey}
                control={control}
                index={i}
                label={orgs.fields.length > 1 ? `Organisation ${i + 1}` : "Organisation"}
                hint={i === 0 ? "Type part of its name, like “crime” or “NCA”, and choose it from the list" : undefined}
                error={e(`organisations.${i}.organisationId`)}
                options={organisationOptions}
                remove={orgs.fields.length > 1 ? removeButton("organisations", i, "organisation") : null}
                focus={focusOrganisation === i || focus === `organisations.${i}.organisationId`}
              />
            ))}
            {e("organisations") ? <ErrorMessage id="organisations-error">{e("organisations")}</ErrorMessage> : null}
            {orgs.fields.length < LIMITS.organisations ? add("organisations") : null}
          </div>

          <Choices
            type="radio"
            name="kind"
            legend="Kind"
            items={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: ENGAGEMENT_KIND_LABELS[k] }))}
            defaultValue={v("kind")}
            error={e("kind")}
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
            error={e("status")}
            inline
            small
            inputProps={register("status")}
          />

          <div className="app-field-row">
            <TextInput
              label="Date"
              type="date"
              {...register("date")}
              defaultValue={v("date")}
              error={e("date")}
              widthClass="app-input--date"
            />
            <TextInput
              label="Start time (optional)"
              type="time"
              {...register("startTime")}
              defaultValue={v("startTime")}
              error={e("startTime")}
              widthClass="app-input--time"
            />
            <TextInput
              label="End time (optional)"
              type="time"
              {...register("endTime")}
              defaultValue={v("endTime")}
              error={e("endTime")}
              widthClass="app-input--time"
            />
            <TextInput
              label="or length in minutes"
              inputMode="numeric"
              {...register("durationMinutes")}
              defaultValue={v("durationMinutes")}
              error={e("durationMinutes")}
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
            error={e("format")}
            inline
            small
            inputProps={register("format")}
          />
          <div className="app-field-row">
            <TextInput
              label="Location (optional)"
              {...register("location")}
              defaultValue={v("location")}
              error={e("location")}
              widthClass="govuk-input--width-30"
              autoComplete="off"
            />
            <TextInput
              label="Country (optional)"
              {...register("country")}
              defaultValue={v("country")}
              error={e("country")}
              widthClass="govuk-input--width-10"
              autoComplete="off"
            />
          </div>
          <Select
            label="Lead officer"
            {...register("leadUserId")}
            defaultValue={v("leadUserId")}
            error={e("leadUserId")}
            options={staffOptions}
            placeholder="No lead officer"
          />
          <Textarea label="Purpose (optional)" {...register("purpose")} defaultValue={v("purpose")} error={e("purpose")} rows={2} />
        </section>

        <section aria-labelledby="section-attendees" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-attendees">
            Who attended
          </h2>
          <p className="govuk-hint" id="attendees">
            Staff, contacts of the organisations involved, or anyone else by name. Leave rows you do not need empty.
          </p>
          {attendeeRows.fields.map((field, i) => {
            const person = attendeesNow[i]?.person ?? field.person ?? "";
            const showNameFields = !enhanced || person === "other" || (!person && Boolean(attendeesNow[i]?.name));
            return (
              <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey} aria-describedby={undefined}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Attendee {i + 1}</legend>
                <div className="app-field-row">
                  <PersonSelect
                    register={register}
                    index={i}
                    defaultValue={field.person ?? ""}
                    error={e(`attendees.${i}.person`)}
                    staff={options.staff.filter((u) => u.active || person === `user:${u.id}`)}
                    organisations={chosenOrgs}
                    contacts={options.contacts}
                    autoFocus={focus === `attendees.${i}.person`}
                  />
                  {showNameFields ? (
                    <TextInput
                      label={enhanced ? "Name" : "Or their name, if not listed"}
                      {...register(`attendees.${i}.name`)}
                      defaultValue={field.name ?? ""}
                      error={e(`attendees.${i}.name`)}
                      widthClass="govuk-input--width-20"
                      autoComplete="off"
                    />
                  ) : null}
                  <TextInput
                    label="Role (optional)"
                    {...register(`attendees.${i}.roleTitle`)}
                    defaultValue={field.roleTitle ?? ""}
                    error={e(`attendees.${i}.roleTitle`)}
                    widthClass="govuk-input--width-20"
                    autoComplete="off"
                  />
                  {showNameFields ? null : (
                    <div className="app-row-buttons app-row-buttons--end">{removeButton("attendees", i, "attendee")}</div>
                  )}
                </div>
                {showNameFields ? (
                  <div className="app-field-row">
                    <Select
                      label={enhanced ? "Side" : "Side, if not listed"}
                      {...register(`attendees.${i}.side`)}
                      defaultValue={field.side ?? "stakeholder"}
                      error={e(`attendees.${i}.side`)}
                      options={(["stakeholder", "office", "other"] as const).map((s) => ({ value: s, label: ATTENDEE_SIDE_LABELS[s] }))}
                    />
                    <div className="app-row-buttons app-row-buttons--end">{removeButton("attendees", i, "attendee")}</div>
                  </div>
                ) : null}
              </fieldset>
            );
          })}
          {e("attendees") ? <ErrorMessage id="attendees-error">{e("attendees")}</ErrorMessage> : null}
          {attendeeRows.fields.length < LIMITS.attendees ? add("attendees") : null}
        </section>

        <section aria-labelledby="section-agenda" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-agenda">
            Agenda
          </h2>
          <p className="govuk-hint" id="agenda">
            One item per topic, in the order taken. Leave items you do not need empty.
          </p>
          {e("agenda") ? <ErrorMessage id="agenda-error">{e("agenda")}</ErrorMessage> : null}
          {agendaRows.fields.map((field, i) => (
            <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agenda item {i + 1}</legend>
              <input type="hidden" {...register(`agenda.${i}.key`)} defaultValue={field.key ?? ""} />
              <input type="hidden" {...register(`agenda.${i}.id`)} defaultValue={field.id ?? ""} />
              <TextInput
                label="Topic"
                {...register(`agenda.${i}.title`)}
                defaultValue={field.title ?? ""}
                error={e(`agenda.${i}.title`)}
                autoComplete="off"
                autoFocus={focus === `agenda.${i}.title` || undefined}
              />
              <Textarea
                label="Discussion notes (optional)"
                {...register(`agenda.${i}.notes`)}
                defaultValue={field.notes ?? ""}
                error={e(`agenda.${i}.notes`)}
                rows={3}
              />
              <Textarea
                label="Outcome (optional)"
                {...register(`agenda.${i}.outcome`)}
                defaultValue={field.outcome ?? ""}
                error={e(`agenda.${i}.outcome`)}
                rows={2}
              />
              <div className="app-row-buttons">
                {moveButtons("agenda", i, agendaRows.fields.length, "agenda item")}
                {removeButton("agenda", i, "agenda item")}
              </div>
            </fieldset>
          ))}
          {agendaRows.fields.length < LIMITS.agenda ? add("agenda") : null}
        </section>

        <section aria-labelledby="section-summary" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-summary">
            Outcomes
          </h2>
          <Textarea
            label="Summary of outcomes (optional)"
            hint="What was agreed and what happens next, in a few sentences"
            {...register("summary")}
            defaultValue={v("summary")}
            error={e("summary")}
            rows={4}
          />
        </section>

        <section aria-labelledby="section-commitments" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-commitments">
            Commitments made
          </h2>
          <p className="govuk-hint" id="commitments">
            Promises made in the meeting, by the office or by the stakeholder. Leave rows you do not need empty.
          </p>
          {e("commitments") ? <ErrorMessage id="commitments-error">{e("commitments")}</ErrorMessage> : null}
          {commitmentRows.fields.map((field, i) => {
            const ownerType = commitmentsNow[i]?.ownerType ?? field.ownerType ?? "stakeholder";
            const locked = actionLocked(field.id);
            const status = field.id ? actionStatus?.[field.id] : undefined;
            return (
              <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  Commitment {i + 1}
                  {status ? (
                    <span className="govuk-!-font-weight-regular">
                      {" "}
                      ({ACTION_STATUS_LABELS[status.status].toLowerCase()}
                      {status.resolved ? ", resolved" : ""})
                    </span>
                  ) : null}
                </legend>
                <input type="hidden" {...register(`commitments.${i}.id`)} defaultValue={field.id ?? ""} />
                <input type="hidden" {...register(`commitments.${i}.version`)} defaultValue={field.version ?? ""} />
                <Textarea
                  label="What was promised"
                  {...register(`commitments.${i}.description`)}
                  defaultValue={field.description ?? ""}
                  error={e(`commitments.${i}.description`)}
                  rows={2}
                  autoFocus={focus === `commitments.${i}.description` || undefined}
                />
                <div className="app-field-row">
                  <Choices
                    type="radio"
                    name={`commitments.${i}.ownerType`}
                    id={fieldId(`commitments.${i}.ownerType`)}
                    legend="Who owns it"
                    legendClassName="govuk-fieldset__legend--s app-legend--regular"
                    items={[
                      { value: "stakeholder", label: "Stakeholder" },
                      { value: "office", label: "The office" },
                    ]}
                    defaultValue={field.ownerType ?? "stakeholder"}
                    error={e(`commitments.${i}.ownerType`)}
                    inline
                    small
                    inputProps={register(`commitments.${i}.ownerType`)}
                  />
                  {!enhanced || ownerType === "stakeholder" ? (
                    <TextInput
                      label={enhanced ? "Their person (optional)" : "Their person, if they own it (optional)"}
                      {...register(`commitments.${i}.ownerName`)}
                      defaultValue={field.ownerName ?? ""}
                      error={e(`commitments.${i}.ownerName`)}
                      widthClass="govuk-input--width-20"
                      autoComplete="off"
                    />
                  ) : null}
                  {!enhanced || ownerType === "office" ? (
                    <Select
                      label={enhanced ? "Who in the office (optional)" : "Who in the office, if the office owns it (optional)"}
                      {...register(`commitments.${i}.ownerUserId`)}
                      defaultValue={field.ownerUserId ?? ""}
                      error={e(`commitments.${i}.ownerUserId`)}
                      options={staffOptions}
                      placeholder="The office"
                    />
                  ) : null}
                  <TextInput
                    label="Due date (optional)"
                    type="date"
                    {...register(`commitments.${i}.dueDate`)}
                    defaultValue={field.dueDate ?? ""}
                    error={e(`commitments.${i}.dueDate`)}
                    widthClass="app-input--date"
                  />
                  {agendaOptions.length ? (
                    <Select
                      label="From agenda item (optional)"
                      {...register(`commitments.${i}.agendaKey`)}
                      defaultValue={field.agendaKey ?? ""}
                      error={e(`commitments.${i}.agendaKey`)}
                      options={agendaOptions}
                      placeholder="None"
                    />
                  ) : null}
                  {chosenOrgs.length > 1 || e(`commitments.${i}.organisationId`) ? (
                    <Select
                      label="Organisation"
                      {...register(`commitments.${i}.organisationId`)}
                      defaultValue={field.organisationId ?? ""}
                      error={e(`commitments.${i}.organisationId`)}
                      options={actionOrgOptions}
                      placeholder="Choose one"
                    />
                  ) : null}
                  <div className="app-row-buttons app-row-buttons--end">
                    {locked ? (
                      <p className="govuk-body-s govuk-!-margin-bottom-0">Ended or resolved, so it stays</p>
                    ) : (
                      removeButton("commitments", i, "commitment")
                    )}
                  </div>
                </div>
              </fieldset>
            );
          })}
          {commitmentRows.fields.length < LIMITS.commitments ? add("commitments") : null}
        </section>

        <section aria-labelledby="section-follow-ups" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-follow-ups">
            Follow-ups the office owes
          </h2>
          <p className="govuk-hint" id="followUps">
            A letter, a call, the next meeting. Leave rows you do not need empty.
          </p>
          {e("followUps") ? <ErrorMessage id="followUps-error">{e("followUps")}</ErrorMessage> : null}
          {followUpRows.fields.map((field, i) => {
            const locked = actionLocked(field.id);
            const status = field.id ? actionStatus?.[field.id] : undefined;
            return (
              <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  Follow-up {i + 1}
                  {status ? (
                    <span className="govuk-!-font-weight-regular">
                      {" "}
                      ({ACTION_STATUS_LABELS[status.status].toLowerCase()}
                      {status.resolved ? ", resolved" : ""})
                    </span>
                  ) : null}
                </legend>
                <input type="hidden" {...register(`followUps.${i}.id`)} defaultValue={field.id ?? ""} />
                <input type="hidden" {...register(`followUps.${i}.version`)} defaultValue={field.version ?? ""} />
                <Textarea
                  label="What the office will do"
                  {...register(`followUps.${i}.description`)}
                  defaultValue={field.description ?? ""}
                  error={e(`followUps.${i}.description`)}
                  rows={2}
                  autoFocus={focus === `followUps.${i}.description` || undefined}
                />
                <div className="app-field-row">
                  <Select
                    label="Who in the office"
                    {...register(`followUps.${i}.ownerUserId`)}
                    defaultValue={field.ownerUserId ?? ""}
                    error={e(`followUps.${i}.ownerUserId`)}
                    options={staffOptions}
                    placeholder="The lead officer"
                  />
                  <TextInput
                    label="Due date (optional)"
                    type="date"
                    {...register(`followUps.${i}.dueDate`)}
                    defaultValue={field.dueDate ?? ""}
                    error={e(`followUps.${i}.dueDate`)}
                    widthClass="app-input--date"
                  />
                  {chosenOrgs.length > 1 || e(`followUps.${i}.organisationId`) ? (
                    <Select
                      label="Organisation"
                      {...register(`followUps.${i}.organisationId`)}
                      defaultValue={field.organisationId ?? ""}
                      error={e(`followUps.${i}.organisationId`)}
                      options={actionOrgOptions}
                      placeholder="Choose one"
                    />
                  ) : null}
                  <div className="app-row-buttons app-row-buttons--end">
                    {locked ? (
                      <p className="govuk-body-s govuk-!-margin-bottom-0">Ended or resolved, so it stays</p>
                    ) : (
                      removeButton("followUps", i, "follow-up")
                    )}
                  </div>
                </div>
              </fieldset>
            );
          })}
          {followUpRows.fields.length < LIMITS.followUps ? add("followUps") : null}
        </section>

        <section aria-labelledby="section-themes" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-themes">
            Themes and marking
          </h2>
          {options.themes.length ? (
            <div className="app-theme-choices">
              <Choices
                type="checkbox"
                name="themeIds"
                legend="Themes (optional)"
                items={options.themes.map((t) => ({ value: String(t.id), label: t.name }))}
                defaultValue={themeDefaults(start.themeIds)}
                error={e("themeIds")}
                small
                inputProps={register("themeIds")}
              />
            </div>
          ) : null}
          <TextInput
            label={options.themes.length ? "Add a new theme (optional)" : "Theme (optional)"}
            hint="Only if none of the themes fits"
            {...register("newTheme")}
            defaultValue={v("newTheme")}
            error={e("newTheme")}
            widthClass="govuk-input--width-20"
            autoComplete="off"
          />
          <Choices
            type="radio"
            name="marking"
            legend="Protective marking"
            hint="Every page and export of this engagement shows it"
            items={[
              { value: "OFFICIAL", label: "OFFICIAL" },
              { value: "OFFICIAL-SENSITIVE", label: "OFFICIAL-SENSITIVE" },
            ]}
            defaultValue={v("marking") || "OFFICIAL"}
            error={e("marking")}
            inline
            small
            inputProps={register("marking")}
          />
        </section>

        <div className="govuk-button-group">
          <Button name="intent" value="save">
            {submitLabel}
          </Button>
          <Link className="govuk-link" to={cancelTo}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

function themeDefaults(value: EngagementFormValues["themeIds"]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string" && value) return [value];
  return [];
}

function OrganisationRow({
  control,
  index,
  label,
  hint,
  error,
  options,
  remove,
  focus,
}: {
  control: Control<EngagementFormValues>;
  index: number;
  label: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
  remove: ReactNode;
  focus: boolean;
}) {
  const { field } = useController({ control, name: `organisations.${index}.organisationId` });
  return (
    <OrganisationPicker
      id={fieldId(`organisations.${index}.organisationId`)}
      name={`organisations.${index}.organisationId`}
      label={label}
      hint={hint}
      error={error}
      options={options}
      value={field.value ?? ""}
      onChange={field.onChange}
      after={remove ? <div className="app-row-buttons app-row-buttons--inline">{remove}</div> : null}
      focus={focus}
    />
  );
}

function PersonSelect({
  register,
  index,
  defaultValue,
  error,
  staff,
  organisations,
  contacts,
  autoFocus,
}: {
  register: UseFormReturn<EngagementFormValues>["register"];
  index: number;
  defaultValue: string;
  error?: string;
  staff: FormOptions["staff"];
  organisations: FormOptions["organisations"];
  contacts: FormOptions["contacts"];
  autoFocus?: boolean;
}) {
  const name = `attendees.${index}.person` as const;
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        Person
      </label>
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <select
        id={id}
        className={`govuk-select app-person-select${error ? " govuk-select--error" : ""}`}
        {...register(name)}
        defaultValue={defaultValue}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus={autoFocus || undefined}
      >
        <option value="">Choose a person</option>
        <optgroup label="Office staff">
          {staff.map((u) => (
            <option key={u.id} value={`user:${u.id}`}>
              {u.name}
            </option>
          ))}
        </optgroup>
        {organisations.map((o) => {
          const theirs = contacts.filter((c) => c.organisationId === o.id);
          return theirs.length ? (
            <optgroup key={o.id} label={o.name}>
              {theirs.map((c) => (
                <option key={c.id} value={`contact:${c.id}`}>
                  {c.roleTitle ? `${c.name}, ${c.roleTitle}` : c.name}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
        <option value="other">Someone not listed (enter their name)</option>
      </select>
    </div>
  );
}
