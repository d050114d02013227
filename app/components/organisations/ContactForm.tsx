import { Choices, TextInput } from "~/components/govuk";
import { RecordForm, type RecordFormProps } from "./RecordForm";

/** The schemas, fetched when the person starts typing (zod stays out of the page). */
const SCHEMAS = {
  new: () => import("~/forms/contact").then((m) => m.newContactSchema),
  edit: () => import("~/forms/contact").then((m) => m.editContactSchema),
};

const CONTACT_FIELD_ORDER = ["name", "roleTitle", "email", "phone", "inPost", "version"];

/** The add and edit contact form. */
export function ContactForm(props: RecordFormProps) {
  return (
    <RecordForm {...props} schemas={SCHEMAS} fieldOrder={CONTACT_FIELD_ORDER}>
      {({ field, register, value, errors }) => (
        <>
          <TextInput label="Name" {...field("name")} autoComplete="off" spellCheck={false} />
          <TextInput
            label="Role title (optional)"
            hint="For example Chief Constable, or NPCC lead for modern slavery"
            {...field("roleTitle")}
            autoComplete="off"
          />
          <TextInput label="Email address (optional)" type="email" {...field("email")} spellCheck={false} autoComplete="off" />
          <TextInput label="Phone number (optional)" type="tel" {...field("phone")} widthClass="govuk-input--width-20" autoComplete="off" />
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
            inputProps={register("inPost")}
          />
        </>
      )}
    </RecordForm>
  );
}
