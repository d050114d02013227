import { Select, Textarea, TextInput } from "~/components/govuk";
import { ORGANISATION_KIND_LABELS } from "~/domain/format";
import { RecordForm, type RecordFormProps } from "./RecordForm";

export type PickerOption = { id: number; name: string; shortName: string | null };

/** The schemas, fetched when the person starts typing (zod stays out of the page). */
const SCHEMAS = {
  new: () => import("~/forms/organisation").then((m) => m.newOrganisationSchema),
  edit: () => import("~/forms/organisation").then((m) => m.editOrganisationSchema),
};

const ORGANISATION_FIELD_ORDER = ["name", "shortName", "kind", "nation", "parentId", "forceId", "website", "notes", "version"];

const KIND_OPTIONS = Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }));

function pickerOptions(options: PickerOption[]) {
  return options.map((o) => ({
    value: String(o.id),
    label: o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name,
  }));
}

/** The add and edit organisation form: validated in the browser and again by the action; a plain post without JavaScript. */
export function OrganisationForm({
  parentOptions,
  forceOptions,
  ...props
}: RecordFormProps & { parentOptions: PickerOption[]; forceOptions: PickerOption[] }) {
  return (
    <RecordForm {...props} schemas={SCHEMAS} fieldOrder={ORGANISATION_FIELD_ORDER}>
      {({ field }) => (
        <>
          <TextInput label="Name" {...field("name")} autoComplete="off" />
          <TextInput
            label="Short name (optional)"
            hint="The abbreviation people use, like NCA or HMICFRS"
            {...field("shortName")}
            widthClass="govuk-input--width-20"
            autoComplete="off"
          />
          <Select label="Kind" {...field("kind")} options={KIND_OPTIONS} placeholder="Select a kind" />
          <TextInput
            label="Nation or country"
            hint="England, Wales, Scotland, Northern Ireland, UK, International, or the country of an overseas agency"
            {...field("nation")}
            widthClass="govuk-input--width-20"
          />
          {/* The two pickers of another organisation: its parent body, and the force a policing body oversees. */}
          {[
            {
              name: "parentId",
              label: "Parent body (optional)",
              hint: "The body this one is part of, like the Home Office for Border Force",
              options: parentOptions,
            },
            {
              name: "forceId",
              label: "Force overseen (local policing bodies only)",
              hint: "For a police and crime commissioner or equivalent: the police force it oversees",
              options: forceOptions,
            },
          ].map((picker) => (
            <Select
              key={picker.name}
              label={picker.label}
              hint={picker.hint}
              {...field(picker.name)}
              options={pickerOptions(picker.options)}
              placeholder="None"
            />
          ))}
          <TextInput
            label="Website (optional)"
            hint="For example nationalcrimeagency.gov.uk"
            {...field("website")}
            spellCheck={false}
            autoComplete="off"
          />
          <Textarea label="Notes (optional)" {...field("notes")} rows={6} />
        </>
      )}
    </RecordForm>
  );
}
