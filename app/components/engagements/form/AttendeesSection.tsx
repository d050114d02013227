import { memo } from "react";
import { useFieldArray, useWatch, type UseFormRegister } from "react-hook-form";
import { ErrorMessage, Select, TextInput } from "~/components/govuk";
import { ATTENDEE_SIDE_LABELS } from "~/domain/engagement-labels";
import { LIMITS, type EngagementFormValues } from "~/forms/engagement-values";
import { fieldId } from "~/forms/form-data";
import { blankRow } from "../form-values";
import type { FormContext, FormOptions } from "./context";
import { AddButton, FoldedRows, RemoveButton, useFoldedBlankRows } from "./RowButtons";

/** Who attended: staff, contacts of the organisations chosen, or anyone else by name. */
export const AttendeesSection = memo(function AttendeesSection({
  ctx,
  staff,
  organisations,
  contacts,
}: {
  ctx: FormContext;
  staff: FormOptions["staff"];
  /** The organisations chosen so far, whose contacts are offered. */
  organisations: FormOptions["organisations"];
  contacts: FormOptions["contacts"];
}) {
  const { register, control } = ctx.form;
  const rows = useFieldArray({ control, name: "attendees", keyName: "fieldKey" });
  // Watched here, not by the whole form: a key typed in an attendee row renders this section only.
  const now = useWatch({ control, name: "attendees" }) ?? [];
  const e = ctx.errors;
  const enhanced = ctx.enhanced;
  const foldFrom = useFoldedBlankRows(ctx, "attendees", rows);
  const renderRow = (field: (typeof rows.fields)[number], i: number) => {
    const person = now[i]?.person ?? field.person ?? "";
    const showNameFields = !enhanced || person === "other" || (!person && Boolean(now[i]?.name));
    const remove = <RemoveButton ctx={ctx} section="attendees" index={i} noun="attendee" onRemove={rows.remove} />;
    return (
      <fieldset className="govuk-fieldset app-repeat-row" key={field.fieldKey} aria-describedby={undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Attendee {i + 1}</legend>
        <div className="app-field-row">
          <PersonSelect
            register={register}
            index={i}
            defaultValue={field.person ?? ""}
            error={e[`attendees.${i}.person`]}
            staff={staff.filter((u) => u.active || person === `user:${u.id}`)}
            organisations={organisations}
            contacts={contacts}
            autoFocus={ctx.focus === `attendees.${i}.person`}
          />
          {showNameFields ? (
            <TextInput
              label={enhanced ? "Name" : "Or their name, if not listed"}
              {...register(`attendees.${i}.name`)}
              defaultValue={field.name ?? ""}
              error={e[`attendees.${i}.name`]}
              widthClass="govuk-input--width-20"
              autoComplete="off"
            />
          ) : null}
          <TextInput
            label="Role (optional)"
            {...register(`attendees.${i}.roleTitle`)}
            defaultValue={field.roleTitle ?? ""}
            error={e[`attendees.${i}.roleTitle`]}
            widthClass="govuk-input--width-20"
            autoComplete="off"
          />
          {showNameFields ? null : <div className="app-row-buttons app-row-buttons--end">{remove}</div>}
        </div>
        {showNameFields ? (
          <div className="app-field-row">
            <Select
              label={enhanced ? "Side" : "Side, if not listed"}
              {...register(`attendees.${i}.side`)}
              defaultValue={field.side ?? "stakeholder"}
              error={e[`attendees.${i}.side`]}
              options={(["stakeholder", "office", "other"] as const).map((s) => ({ value: s, label: ATTENDEE_SIDE_LABELS[s] }))}
            />
            <div className="app-row-buttons app-row-buttons--end">{remove}</div>
          </div>
        ) : null}
      </fieldset>
    );
  };
  const addButton =
    rows.fields.length < LIMITS.attendees ? (
      <AddButton
        ctx={ctx}
        section="attendees"
        first={rows.fields.length === 0}
        onAdd={() => rows.append(blankRow("attendees"), { focusName: `attendees.${rows.fields.length}.person` })}
      />
    ) : null;
  return (
    <section aria-labelledby="section-attendees" className="app-form-section">
      <h2 className="govuk-heading-m" id="section-attendees">
        Who attended
      </h2>
      <p className="govuk-hint" id="attendees">
        Staff, contacts of the organisations involved, or anyone else by name.
      </p>
      {rows.fields.slice(0, foldFrom).map((field, i) => renderRow(field, i))}
      {foldFrom < rows.fields.length ? (
        <FoldedRows summary={"Add more attendees"}>
          {rows.fields.slice(foldFrom).map((field, j) => renderRow(field, foldFrom + j))}
          {addButton}
        </FoldedRows>
      ) : null}
      {e.attendees ? <ErrorMessage id="attendees-error">{e.attendees}</ErrorMessage> : null}
      {foldFrom < rows.fields.length ? null : addButton}
    </section>
  );
});

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
  register: UseFormRegister<EngagementFormValues>;
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
