import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Choices, TextInput } from "~/components/govuk";
import type { FieldErrors } from "~/forms/form-data";
import { ROLE_ITEMS } from "./roles";

/** react-hook-form's register() for the named fields of whichever account form holds them. */
type Register<Field extends string> = (name: Field) => UseFormRegisterReturn;

/**
 * The account's name and email address. `ownAccount`: the person is typing their own (the first admin at setup),
 * so the browser may fill them in; an admin creating or changing someone else's account gets no autofill.
 */
export function NameAndEmailFields({
  register,
  errors,
  values,
  ownAccount = false,
}: {
  register: Register<"name" | "email">;
  errors: FieldErrors;
  values: { name?: string; email?: string };
  ownAccount?: boolean;
}) {
  const fields = [
    { field: "name", label: "Full name", autoComplete: ownAccount ? "name" : "off" },
    {
      field: "email",
      label: "Email address",
      type: "email",
      autoComplete: ownAccount ? "username" : "off",
      hint: ownAccount ? undefined : "They sign in with this address",
    },
  ] as const;
  return fields.map(({ field, ...props }) => (
    <TextInput key={field} spellCheck={false} defaultValue={values[field]} error={errors[field]} {...props} {...register(field)} />
  ));
}

/** The role radios, each role with what it may do as the hint. */
export function RoleField({
  register,
  errors,
  value,
  hint,
}: {
  register: Register<"role">;
  errors: FieldErrors;
  value?: string;
  hint?: string;
}) {
  return (
    <Choices
      name="role"
      type="radio"
      legend="Role"
      legendClassName="govuk-fieldset__legend--m"
      hint={hint}
      items={ROLE_ITEMS}
      defaultValue={value}
      error={errors.role}
      inputProps={register("role")}
    />
  );
}

/** A new password typed twice (never handed back after an error: the page asks for it again). */
export function NewPasswordFields({
  register,
  errors,
  label = "Password",
}: {
  register: Register<"password" | "confirmPassword">;
  errors: FieldErrors;
  label?: "Password" | "New password";
}) {
  return (
    <>
      <TextInput
        label={label}
        hint="12 to 128 characters. A passphrase of several words is easier to remember. You can paste it."
        type="password"
        autoComplete="new-password"
        widthClass="govuk-!-width-two-thirds"
        error={errors.password}
        {...register("password")}
      />
      <TextInput
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        widthClass="govuk-!-width-two-thirds"
        error={errors.confirmPassword}
        {...register("confirmPassword")}
      />
    </>
  );
}

/** The submit button and a Cancel link back to the account. */
export function ButtonsAndCancel({ cancelTo, children }: { cancelTo: string; children: ReactNode }) {
  return (
    <div className="govuk-button-group">
      {children}
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}
