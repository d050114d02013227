import { memo, useState, type ReactNode } from "react";
import { useController, useFieldArray, useWatch } from "react-hook-form";
import { ErrorMessage } from "~/components/govuk";
import { LIMITS } from "~/forms/engagement-values";
import { fieldId } from "~/forms/form-data";
import { blankRow } from "../form-values";
import { OrganisationPicker } from "../OrganisationPicker";
import { organisationLabel, type FormContext, type FormOptions } from "./context";
import { AddButton, RemoveButton } from "./RowButtons";

/** The organisations involved: one type-ahead per row, at least one needed. */
export const OrganisationsField = memo(function OrganisationsField({
  ctx,
  organisations,
}: {
  ctx: FormContext;
  organisations: FormOptions["organisations"];
}) {
  const { control } = ctx.form;
  const rows = useFieldArray({ control, name: "organisations", keyName: "fieldKey" });
  // An organisation row just added: its type-ahead takes focus once it has loaded.
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const options = organisations.map((o) => ({ value: String(o.id), label: organisationLabel(o) }));
  const error = ctx.errors.organisations;
  // Without JavaScript, the spare row comes back empty after a round trip: it stays the spare, not one more row each time.
  const now = useWatch({ control, name: "organisations" }) ?? [];
  const last = rows.fields.length - 1;
  const spareHandedBack = !ctx.enhanced && last > 0 && !now[last]?.organisationId && ctx.focus !== `organisations.${last}.organisationId`;
  return (
    <div id="organisations" className="app-repeat">
      {rows.fields.map((field, i) => (
        <OrganisationRow
          key={field.fieldKey}
          control={control}
          index={i}
          label={
            spareHandedBack && i === last
              ? "Another organisation (optional)"
              : rows.fields.length > 1
                ? `Organisation ${i + 1}`
                : "Organisation"
          }
          hint={i === 0 ? "Type part of its name, like “crime” or “NCA”, and choose it from the list" : undefined}
          error={ctx.errors[`organisations.${i}.organisationId`]}
          options={options}
          remove={
            rows.fields.length > 1 ? (
              <RemoveButton ctx={ctx} section="organisations" index={i} noun="organisation" onRemove={rows.remove} />
            ) : null
          }
          focus={focusRow === i || ctx.focus === `organisations.${i}.organisationId`}
        />
      ))}
      {!ctx.enhanced && !spareHandedBack && rows.fields.length < LIMITS.organisations ? (
        // Without JavaScript, a second organisation is chosen here, in the same submit: no reload needed.
        <SpareOrganisationRow index={rows.fields.length} options={options} />
      ) : null}
      {error ? <ErrorMessage id="organisations-error">{error}</ErrorMessage> : null}
      {rows.fields.length < LIMITS.organisations ? (
        <AddButton
          ctx={ctx}
          section="organisations"
          onAdd={() => {
            const index = rows.fields.length;
            rows.append(blankRow("organisations"), { focusName: `organisations.${index}.organisationId` });
            setFocusRow(index);
          }}
        />
      ) : null}
    </div>
  );
});

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
  control: FormContext["form"]["control"];
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

/** An empty organisation row shown only until JavaScript runs; left empty, it is ignored. */
function SpareOrganisationRow({ index, options }: { index: number; options: { value: string; label: string }[] }) {
  const [value, setValue] = useState("");
  return (
    <OrganisationPicker
      id={fieldId(`organisations.${index}.organisationId`)}
      name={`organisations.${index}.organisationId`}
      label="Another organisation (optional)"
      hint="Only if more than one organisation was involved"
      options={options}
      value={value}
      onChange={setValue}
      placeholder="None"
    />
  );
}
