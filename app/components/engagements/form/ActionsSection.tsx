import { memo } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { Choices, DateInput, ErrorMessage, Select, Textarea, TextInput, type Option } from "~/components/govuk";
import { ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { LIMITS } from "~/forms/engagement-values";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { fieldId } from "~/forms/form-data";
import { blankAction } from "../form-values";
import type { ActionState, FormContext } from "./context";
import { RecommendationsField } from "./RecommendationsField";
import { AddButton, FoldedRows, RemoveButton, useFoldedBlankRows } from "./RowButtons";

type Kind = "commitment" | "follow_up";

/** What differs between the two sections; everything else is one component. */
const TEXT = {
  commitment: {
    section: "commitments",
    headingId: "section-commitments",
    heading: "Commitments made",
    hint: "Promises made in the meeting, by the office or by the stakeholder.",
    noun: "commitment",
    legend: "Commitment",
    description: "What was promised",
  },
  follow_up: {
    section: "followUps",
    headingId: "section-follow-ups",
    heading: "Follow-ups the office owes",
    hint: "A letter, a call, the next meeting.",
    noun: "follow-up",
    legend: "Follow-up",
    description: "What the office will do",
  },
} as const;

/**
 * Commitments (owned by the stakeholder or the office, perhaps from an agenda item) or follow-ups (owed by
 * the office): one row per action, each with its due date. An action that has ended or been resolved stays.
 */
export const ActionsSection = memo(function ActionsSection({
  ctx,
  kind,
  staff,
  agenda,
  organisations,
  allOrganisations,
  actionStatus,
  currentUserId,
}: {
  ctx: FormContext;
  kind: Kind;
  staff: Option[];
  /** Commitments: the agenda items so far, to say which one it came from. */
  agenda: Option[];
  /** The organisations chosen so far; asked only when there is more than one. */
  organisations: Option[];
  /** Every organisation that may be chosen: without JavaScript, those chosen are not known yet. */
  allOrganisations: Option[];
  actionStatus?: ActionState;
  currentUserId: number;
}) {
  const text = TEXT[kind];
  const section = text.section;
  const { register, control } = ctx.form;
  const rows = useFieldArray({ control, name: section, keyName: "fieldKey" });
  // Watched here, not by the whole form: a key typed in a row renders this section only.
  const now = useWatch({ control, name: section }) ?? [];
  const e = ctx.errors;
  const foldFrom = useFoldedBlankRows(ctx, section, rows);
  const renderRow = (field: (typeof rows.fields)[number], i: number) => {
    const path = `${section}.${i}` as const;
    const status = field.id ? actionStatus?.[field.id] : undefined;
    const locked = status ? status.resolved || status.status === "done" || status.status === "dropped" : false;
    const ownerType = now[i]?.ownerType ?? field.ownerType ?? "stakeholder";
    const dueError = e[`${path}.dueDate`];
    return (
      <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          {text.legend} {i + 1}
          {status ? (
            <span className="govuk-!-font-weight-regular">
              {" "}
              ({ACTION_STATUS_LABELS[status.status].toLowerCase()}
              {status.resolved ? ", resolved" : ""})
            </span>
          ) : null}
        </legend>
        <input type="hidden" {...register(`${path}.id`)} defaultValue={field.id ?? ""} />
        <input type="hidden" {...register(`${path}.version`)} defaultValue={field.version ?? ""} />
        <Textarea
          label={text.description}
          {...register(`${path}.description`)}
          defaultValue={field.description ?? ""}
          error={e[`${path}.description`]}
          rows={2}
          autoFocus={ctx.focus === `${path}.description` || undefined}
        />
        <RecommendationsField ctx={ctx} path={path} defaultValue={field.recommendations} />
        <div className="app-field-row">
          {kind === "commitment" ? (
            <>
              <Choices
                type="radio"
                name={`${path}.ownerType`}
                id={fieldId(`${path}.ownerType`)}
                legend="Who owns it"
                legendClassName="govuk-fieldset__legend--s app-legend--regular"
                items={[
                  { value: "stakeholder", label: "Stakeholder" },
                  { value: "office", label: "The office" },
                ]}
                defaultValue={field.ownerType ?? "stakeholder"}
                error={e[`${path}.ownerType`]}
                inline
                small
                inputProps={register(`${path}.ownerType`)}
              />
              {!ctx.enhanced || ownerType === "stakeholder" ? (
                <TextInput
                  label={ctx.enhanced ? "Their person (optional)" : "Their person, if they own it (optional)"}
                  {...register(`${path}.ownerName`)}
                  defaultValue={field.ownerName ?? ""}
                  error={e[`${path}.ownerName`]}
                  widthClass="govuk-input--width-20"
                  autoComplete="off"
                />
              ) : null}
              {!ctx.enhanced || ownerType === "office" ? (
                <Select
                  label={ctx.enhanced ? "Who in the office (optional)" : "Who in the office, if the office owns it (optional)"}
                  {...register(`${path}.ownerUserId`)}
                  defaultValue={field.ownerUserId ?? ""}
                  error={e[`${path}.ownerUserId`]}
                  options={staff}
                  placeholder="The office"
                />
              ) : null}
            </>
          ) : (
            <Select
              label="Who in the office"
              {...register(`${path}.ownerUserId`)}
              defaultValue={field.ownerUserId ?? ""}
              error={e[`${path}.ownerUserId`]}
              options={staff}
              placeholder="The lead officer"
            />
          )}
          <DateInput
            name={`${path}.dueDate`}
            legend="Due date (optional)"
            legendClassName="govuk-fieldset__legend--s app-legend--regular"
            values={datePartsOf(field, "dueDate")}
            error={dueError}
            errorParts={datePartsInError(datePartsOf(now[i] ?? field, "dueDate"), dueError)}
            partProps={(part) => register(`${path}.dueDate-${part}`)}
          />
          {kind === "commitment" && agenda.length ? (
            <Select
              label="From agenda item (optional)"
              {...register(`${path}.agendaKey`)}
              defaultValue={field.agendaKey ?? ""}
              error={e[`${path}.agendaKey`]}
              options={agenda}
              placeholder="None"
            />
          ) : null}
          {!ctx.enhanced ? (
            // Without JavaScript the organisations chosen above are not known until the form is posted:
            // any may be chosen here, and with only one involved it may be left as it is.
            <Select
              key="any organisation"
              optionsAsMarkup
              label="Organisation, if more than one is involved"
              {...register(`${path}.organisationId`)}
              defaultValue={field.organisationId ?? ""}
              error={e[`${path}.organisationId`]}
              options={allOrganisations}
              placeholder="The engagement's organisation"
            />
          ) : organisations.length > 1 || e[`${path}.organisationId`] ? (
            <Select
              label="Organisation"
              {...register(`${path}.organisationId`)}
              defaultValue={field.organisationId ?? ""}
              error={e[`${path}.organisationId`]}
              options={organisations}
              placeholder="Choose one"
            />
          ) : null}
          <div className="app-row-buttons app-row-buttons--end">
            {locked ? (
              <p className="govuk-body-s govuk-!-margin-bottom-0">Ended or resolved, so it stays</p>
            ) : (
              <RemoveButton ctx={ctx} section={section} index={i} noun={text.noun} onRemove={rows.remove} />
            )}
          </div>
        </div>
      </fieldset>
    );
  };
  const addButton =
    rows.fields.length < LIMITS[section] ? (
      <AddButton
        ctx={ctx}
        section={section}
        first={rows.fields.length === 0}
        onAdd={() =>
          rows.append(blankAction(kind, { ownerUserId: String(currentUserId) }), {
            focusName: `${section}.${rows.fields.length}.description`,
          })
        }
      />
    ) : null;
  return (
    <section aria-labelledby={text.headingId} className="app-form-section">
      <h2 className="govuk-heading-m" id={text.headingId}>
        {text.heading}
      </h2>
      <p className="govuk-hint" id={section}>
        {text.hint}
      </p>
      {e[section] ? <ErrorMessage id={`${section}-error`}>{e[section]}</ErrorMessage> : null}
      {rows.fields.slice(0, foldFrom).map((field, i) => renderRow(field, i))}
      {foldFrom < rows.fields.length ? (
        <FoldedRows summary={`Add ${text.noun}s`}>
          {rows.fields.slice(foldFrom).map((field, j) => renderRow(field, foldFrom + j))}
          {addButton}
        </FoldedRows>
      ) : null}
      {foldFrom < rows.fields.length ? null : addButton}
    </section>
  );
});
