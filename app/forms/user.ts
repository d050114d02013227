import { z } from "zod";
import { ROLE_ORDER } from "~/domain/permissions";
import { emailAddress, enumField, requiredText, versionField } from "./fields";

const roleField = enumField(ROLE_ORDER, "Select a role");
const nameField = requiredText("the person's full name", 120);

// OWASP ASVS: 12 to 128 characters, no composition rules, paste allowed.
const passwordField = z
  .string({ error: "Enter a password" })
  .min(1, "Enter a password")
  .min(12, "Password must be at least 12 characters")
  .max(128, "Password must be 128 characters or fewer");

const confirmField = z.string({ error: "Enter the password again" }).min(1, "Enter the password again");

function passwordsMatch(v: { password: string; confirmPassword: string }) {
  return v.password === v.confirmPassword;
}
const mismatch = { path: ["confirmPassword"], message: "The passwords do not match" };

/** /admin/users/new */
export const createUserSchema = z
  .object({
    name: nameField,
    email: emailAddress,
    role: roleField,
    password: passwordField,
    confirmPassword: confirmField,
  })
  .refine(passwordsMatch, mismatch);

/** /admin/users/:id/edit */
export const editUserSchema = z.object({
  name: nameField,
  email: emailAddress,
  role: roleField,
  version: versionField,
});

/** /admin/users/:id/password */
export const resetPasswordSchema = z
  .object({
    password: passwordField,
    confirmPassword: confirmField,
  })
  .refine(passwordsMatch, mismatch);

/** /admin/users/:id/status: deactivate or reactivate. */
export const userStatusSchema = z.object({
  status: enumField(["active", "deactivated"], "Choose whether the account is active or deactivated"),
  version: versionField,
});
