import { memo } from "react";
import { useFieldArray } from "react-hook-form";
import { ErrorMessage, Textarea, TextInput } from "~/components/govuk";
import { LIMITS } from "~/forms/engagement-values";
import { blankRow } from "../form-values";
import type { FormContext } from "./context";
import { RecommendationsField } from "./RecommendationsField";
import { AddButton, FoldedRows, MoveButtons, RemoveButton, useFoldedBlankRows } from "./RowButtons";

/** The agenda: one item per topic, in the order taken, each movable. */
export const AgendaSection = memo(function AgendaSection({ ctx }: { ctx: FormContext }) {
  const { register, control } = ctx.form;
  const rows = useFieldArray({ control, name: "agenda", keyName: "fieldKey" });
  const e = ctx.errors;
  const foldFrom = useFoldedBlankRows(ctx, "agenda", rows);
  const renderRow = (field: (typeof rows.fields)[number], i: number) => (
    <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agenda item {i + 1}</legend>
      <input type="hidden" {...register(`agenda.${i}.key`)} defaultValue={field.key ?? ""} />
      <input type="hidden" {...register(`agenda.${i}.id`)} defaultValue={field.id ?? ""} />
      <TextInput
        label="Topic"
        {...register(`agenda.${i}.title`)}
        defaultValue={field.title ?? ""}
        error={e[`agenda.${i}.title`]}
        autoComplete="off"
        autoFocus={ctx.focus === `agenda.${i}.title` || undefined}
      />
      <Textarea
        label="Discussion notes (optional)"
        {...register(`agenda.${i}.notes`)}
        defaultValue={field.notes ?? ""}
        error={e[`agenda.${i}.notes`]}
        rows={3}
      />
      <Textarea
        label="Outcome (optional)"
        {...register(`agenda.${i}.outcome`)}
        defaultValue={field.outcome ?? ""}
        error={e[`agenda.${i}.outcome`]}
        rows={2}
      />
      <RecommendationsField ctx={ctx} path={`agenda.${i}`} defaultValue={field.recommendations} />
      <div className="app-row-buttons">
        <MoveButtons ctx={ctx} section="agenda" index={i} count={rows.fields.length} noun="agenda item" onMove={rows.move} />
        <RemoveButton ctx={ctx} section="agenda" index={i} noun="agenda item" onRemove={rows.remove} />
      </div>
    </fieldset>
  );
  const addButton =
    rows.fields.length < LIMITS.agenda ? (
      <AddButton
        ctx={ctx}
        section="agenda"
        first={rows.fields.length === 0}
        onAdd={() => rows.append(blankRow("agenda"), { focusName: `agenda.${rows.fields.length}.title` })}
      />
    ) : null;
  return (
    <section aria-labelledby="section-agenda" className="app-form-section">
      <h2 className="govuk-heading-m" id="section-agenda">
        Agenda
      </h2>
      <p className="govuk-hint" id="agenda">
        One item per topic, in the order taken.
      </p>
      {e.agenda ? <ErrorMessage id="agenda-error">{e.agenda}</ErrorMessage> : null}
      {rows.fields.slice(0, foldFrom).map((field, i) => renderRow(field, i))}
      {foldFrom < rows.fields.length ? (
        <FoldedRows summary="Add agenda items">
          {rows.fields.slice(foldFrom).map((field, j) => renderRow(field, foldFrom + j))}
          {addButton}
        </FoldedRows>
      ) : (
        addButton
      )}
    </section>
  );
});
