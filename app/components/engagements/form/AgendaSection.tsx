import { useFieldArray } from "react-hook-form";
import { ErrorMessage, Textarea, TextInput } from "~/components/govuk";
import { LIMITS } from "~/forms/engagement";
import { blankRow } from "../form-values";
import type { FormContext } from "./context";
import { AddButton, MoveButtons, RemoveButton } from "./RowButtons";

/** The agenda: one item per topic, in the order taken, each movable. */
export function AgendaSection({ ctx }: { ctx: FormContext }) {
  const { register, control } = ctx.form;
  const rows = useFieldArray({ control, name: "agenda", keyName: "fieldKey" });
  const e = ctx.errors;
  return (
    <section aria-labelledby="section-agenda" className="app-form-section">
      <h2 className="govuk-heading-m" id="section-agenda">
        Agenda
      </h2>
      <p className="govuk-hint" id="agenda">
        One item per topic, in the order taken. Leave items you do not need empty.
      </p>
      {e.agenda ? <ErrorMessage id="agenda-error">{e.agenda}</ErrorMessage> : null}
      {rows.fields.map((field, i) => (
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
          <div className="app-row-buttons">
            <MoveButtons ctx={ctx} section="agenda" index={i} count={rows.fields.length} noun="agenda item" onMove={rows.move} />
            <RemoveButton ctx={ctx} section="agenda" index={i} noun="agenda item" onRemove={rows.remove} />
          </div>
        </fieldset>
      ))}
      {rows.fields.length < LIMITS.agenda ? (
        <AddButton
          ctx={ctx}
          section="agenda"
          onAdd={() => rows.append(blankRow("agenda"), { focusName: `agenda.${rows.fields.length}.title` })}
        />
      ) : null}
    </section>
  );
}
