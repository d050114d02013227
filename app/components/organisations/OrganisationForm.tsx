import { Form, Link } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { Button, ErrorSummary, Select, Textarea, TextInput } from "~/components/govuk";
import { ORGANISATION_KIND_LABELS } from "~/domain/format";
import { valueAt, type FormFailure, type FormValues } from "~/forms/form-data";
import { useValidatedForm } from "~/forms/use-validated-form";
import { editOrganisationSchema, newOrganisationSchema } from "~/forms/organisation";
import { useErrorTitle } from "~/components/page-title";

export type PickerOption = { id: number; name: string; shortName: string | null };

const ORGANISATION_FIELD_ORDER = ["name", "shortName", "kind", "nation", "parentId", "forceId", "website", "notes", "version"];

const KIND_OPTIONS = Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }));

function optionLabel(o: PickerOption) {
  return o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name;
}

type Props = {
  /** "new" posts newOrganisationSchema; "edit" posts editOrganisationSchema with the version. */
  mode: "new" | "edit";
  /** What the form starts with: the saved record when editing. */
  initial?: FormValues;
  failure?: FormFailure | null;
  /** The version to submit: the one loaded, or after a conflict the one now saved. */
  version?: number;
  parentOptions: PickerOption[];
  forceOptions: PickerOption[];
  submitLabel: string;
  cancelTo: string;
  /** The page heading, shown under the error summary as GOV.UK places it. */
  heading: ReactNode;
  /** Shown between the heading and the form (a conflict message, for one). */
  intro?: ReactNode;
};

/** The add and edit organisation form: validated in the browser and again by the action; a plain post without JavaScript. */
export function OrganisationForm({
  mode,
  initial,
  failure,
  version,
  parentOptions,
  forceOptions,
  submitLabel,
  cancelTo,
  heading,
  intro,
}: Props) {
  const schema = mode === "new" ? newOrganisationSchema : editOrganisationSchema;
  const { form, errors, onSubmit } = useValidatedForm(schema as typeof editOrganisationSchema, { failure });
  useErrorTitle(Object.keys(errors).length > 0);
  // After a conflict the form is re-based on the version now saved, keeping what the person typed.
  useEffect(() => {
    if (mode === "edit" && version !== undefined) form.setValue("version", version);
  }, [form, mode, version]);
  const value = (field: string) => valueAt(failure?.values ?? initial, field) ?? "";
  return (
    <>
      <ErrorSummary errors={errors} order={ORGANISATION_FIELD_ORDER} />
      {heading}
      {intro}
      <Form method="post" noValidate onSubmit={onSubmit}>
        {mode === "edit" ? <input type="hidden" {...form.register("version")} defaultValue={version} /> : null}
        <TextInput label="Name" {...form.register("name")} defaultValue={value("name")} error={errors.name} autoComplete="off" />
        <TextInput
          label="Short name (optional)"
          hint="The abbreviation people use, like NCA or HMICFRS"
          {...form.register("shortName")}
          defaultValue={value("shortName")}
          error={errors.shortName}
          widthClass="govuk-input--width-20"
          autoComplete="off"
        />
        <Select
          label="Kind"
          {...form.register("kind")}
          defaultValue={value("kind")}
          error={errors.kind}
          options={KIND_OPTIONS}
          placeholder="Select a kind"
        />
        <TextInput
          label="Nation or country"
          hint="England, Wales, Scotland, Northern Ireland, UK, International, or the country of an overseas agency"
          {...form.register("nation")}
          defaultValue={value("nation")}
          error={errors.nation}
          widthClass="govuk-input--width-20"
        />
        <Select
          label="Parent body (optional)"
          hint="The body this one is part of, like the Home Office for Border Force"
          {...form.register("parentId")}
          defaultValue={value("parentId")}
          error={errors.parentId}
          options={parentOptions.map((o) => ({ value: String(o.id), label: optionLabel(o) }))}
          placeholder="None"
        />
        <Select
          label="Force overseen (local policing bodies only)"
          hint="For a police and crime commissioner or equivalent: the police force it oversees"
          {...form.register("forceId")}
          defaultValue={value("forceId")}
          error={errors.forceId}
          options={forceOptions.map((o) => ({ value: String(o.id), label: optionLabel(o) }))}
          placeholder="None"
        />
        <TextInput
          label="Website (optional)"
          hint="For example nationalcrimeagency.gov.uk"
          {...form.register("website")}
          defaultValue={value("website")}
          error={errors.website}
          spellCheck={false}
          autoComplete="off"
        />
        <Textarea label="Notes (optional)" {...form.register("notes")} defaultValue={value("notes")} error={errors.notes} rows={6} />
        <div className="govuk-button-group">
          <Button>{submitLabel}</Button>
          <Link className="govuk-link" to={cancelTo}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}
