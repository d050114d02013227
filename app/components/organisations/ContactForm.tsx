import { Form, Link } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { Button, Choices, ErrorSummary, TextInput } from "~/components/govuk";
import { valueAt, type FormFailure, type FormValues } from "~/forms/form-data";
import { useValidatedForm } from "~/forms/use-validated-form";
import { editContactSchema, newContactSchema } from "~/forms/contact";
import { useErrorTitle } from "~/components/page-title";

const CONTACT_FIELD_ORDER = ["name", "roleTitle", "email", "phone", "inPost", "version"];

type Props = {
  mode: "new" | "edit";
  initial?: FormValues;
  failure?: FormFailure | null;
  version?: number;
  submitLabel: string;
  cancelTo: string;
  heading: ReactNode;
  intro?: ReactNode;
};

/** The add and edit contact form. */
export function ContactForm({ mode, initial, failure, version, submitLabel, cancelTo, heading, intro }: Props) {
  const schema = mode === "new" ? newContactSchema : editContactSchema;
  const { form, errors, onSubmit } = useValidatedForm(schema as typeof editContactSchema, { failure });
  useErrorTitle(Object.keys(errors).length > 0);
  useEffect(() => {
    if (mode === "edit" && version !== undefined) form.setValue("version", version);
  }, [form, mode, version]);
  const value = (field: string) => valueAt(failure?.values ?? initial, field) ?? "";
  return (
    <>
      <ErrorSummary errors={errors} order={CONTACT_FIELD_ORDER} />
      {heading}
      {intro}
      <Form method="post" noValidate onSubmit={onSubmit}>
        {mode === "edit" ? <input type="hidden" {...form.register("version")} defaultValue={version} /> : null}
        <TextInput
          label="Name"
          {...form.register("name")}
          defaultValue={value("name")}
          error={errors.name}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          label="Role title (optional)"
          hint="For example Chief Constable, or NPCC lead for modern slavery"
          {...form.register("roleTitle")}
          defaultValue={value("roleTitle")}
          error={errors.roleTitle}
          autoComplete="off"
        />
        <TextInput
          label="Email address (optional)"
          type="email"
          {...form.register("email")}
          defaultValue={value("email")}
          error={errors.email}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          label="Phone number (optional)"
          type="tel"
          {...form.register("phone")}
          defaultValue={value("phone")}
          error={errors.phone}
          widthClass="govuk-input--width-20"
          autoComplete="off"
        />
        <Choices
          type="radio"
          name="inPost"
          legend="Are they still in post?"
          error={errors.inPost}
          inline
          items={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          defaultValue={value("inPost") || undefined}
          inputProps={form.register("inPost")}
        />
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
