import { Form, Link } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import type { FieldValues, UseFormRegister } from "react-hook-form";
import { Button, ErrorSummary } from "~/components/govuk";
import { useErrorTitle } from "~/components/page-title";
import { valueAt, type FieldErrors, type FormFailure, type FormValues } from "~/forms/form-data";
import { useValidatedForm, type SchemaSource } from "~/forms/use-validated-form";

/** What the pages that add or edit an organisation or a contact pass to its form. */
export type RecordFormProps = {
  /** "new" posts the add schema; "edit" posts the edit schema with the version. */
  mode: "new" | "edit";
  /** What the form starts with: the saved record when editing. */
  initial?: FormValues;
  failure?: FormFailure | null;
  /** The version to submit: the one loaded, or after a conflict the one now saved. */
  version?: number;
  submitLabel: string;
  cancelTo: string;
  /** The page heading, shown under the error summary as GOV.UK places it. */
  heading: ReactNode;
  /** Shown between the heading and the form (a conflict message, for one). */
  intro?: ReactNode;
  /** A new record's one-time key (newCreateKey), so a post sent twice adds one record. */
  createKey?: string;
};

/** What a form's fields are drawn with: `field(name)` binds a text input, textarea or select (registered, its value, its error). */
export type RecordFields = {
  field: (name: string) => ReturnType<UseFormRegister<FieldValues>> & { defaultValue: string; error?: string };
  register: UseFormRegister<FieldValues>;
  value: (name: string) => string;
  errors: FieldErrors;
};

type Props = RecordFormProps & {
  /** Loaded on first use (see useValidatedForm), so zod stays out of the page's scripts. */
  schemas: { new: SchemaSource<FieldValues, unknown>; edit: SchemaSource<FieldValues, unknown> };
  /** The fields in page order, for the error summary. */
  fieldOrder: string[];
  children: (fields: RecordFields) => ReactNode;
};

/**
 * The add and edit form of a record people keep (an organisation, a contact): validated in the browser and again by
 * the action, a plain post without JavaScript; when editing it carries the version, re-based after a conflict.
 */
export function RecordForm({
  schemas,
  fieldOrder,
  mode,
  initial,
  failure,
  version,
  submitLabel,
  cancelTo,
  heading,
  intro,
  createKey,
  children,
}: Props) {
  const { form, errors, onSubmit } = useValidatedForm(mode === "new" ? schemas.new : schemas.edit, { failure });
  useErrorTitle(Object.keys(errors).length > 0);
  // After a conflict the form is re-based on the version now saved, keeping what the person typed.
  useEffect(() => {
    if (mode === "edit" && version !== undefined) form.setValue("version", version);
  }, [form, mode, version]);
  const value = (name: string) => valueAt(failure?.values ?? initial, name) ?? "";
  const field = (name: string) => ({ ...form.register(name), defaultValue: value(name), error: errors[name] });
  return (
    <>
      <ErrorSummary errors={errors} order={fieldOrder} />
      {heading}
      {intro}
      <Form method="post" noValidate onSubmit={onSubmit}>
        {mode === "edit" ? <input type="hidden" {...form.register("version")} defaultValue={version} /> : null}
        {mode === "new" && createKey ? <input type="hidden" name="createKey" value={createKey} readOnly /> : null}
        {children({ field, register: form.register, value, errors })}
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
