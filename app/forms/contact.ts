import { z } from "zod";
import { optionalEmail, optionalText, requiredText, versionField } from "./fields";
import { withoutMarkup } from "./organisation";

const PHONE = /^[0-9+()\- ]+$/;

const phoneField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
  z
    .string({ error: "Phone number must be text" })
    .max(30, "Phone number must be 30 characters or fewer")
    .regex(PHONE, "Enter a phone number using only numbers, spaces, +, brackets and hyphens, like +44 20 7946 0000")
    .optional(),
);

const inPostField = z.preprocess(
  (v) => (v === undefined || v === "" ? undefined : v),
  z.enum(["yes", "no"], { error: "Select whether they are still in post" }),
);

const contactFields = {
  name: withoutMarkup(requiredText("the contact's name", 120), "Name"),
  roleTitle: withoutMarkup(optionalText("role title", 200), "Role title"),
  email: optionalEmail,
  phone: phoneField,
  inPost: inPostField,
};

/** The "Add a contact" form. */
export const newContactSchema = z.object(contactFields);

/** The "Edit contact" form. */
export const editContactSchema = z.object({ ...contactFields, version: versionField });

export type ContactInput = z.output<typeof newContactSchema>;
