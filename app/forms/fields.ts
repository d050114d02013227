import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trim = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** A required single-line text, trimmed. */
export function requiredText(label: string, max = 200) {
  return z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  );
}

/** An optional text; empty becomes undefined. */
export function optionalText(label: string, max = 2000) {
  return z.preprocess(
    (v) => emptyToUndefined(trim(v)),
    z
      .string({ error: `${capitalise(label)} must be text` })
      .max(max, `${capitalise(label)} must be ${max.toLocaleString("en-GB")} characters or fewer`)
      .optional(),
  );
}

export const emailAddress = z.preprocess(
  trim,
  z
    .string({ error: "Enter an email address" })
    .min(1, "Enter an email address")
    .max(254, "Email address must be 254 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" })),
);

export const optionalEmail = z.preprocess(
  (v) => emptyToUndefined(trim(v)),
  z
    .string()
    .max(254, "Email address must be 254 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" }))
    .optional(),
);

// OWASP ASVS: at least 12 characters, long passphrases allowed, no composition rules.
export const newPassword = z
  .string({ error: "Enter a password" })
  .min(12, "Password must be at least 12 characters")
  .max(128, "Password must be 128 characters or fewer");

/** The version a form was loaded with, for the optimistic-concurrency check. */
export const versionField = z.coerce
  .number({ error: "The form is out of date; reload the page" })
  .int()
  .positive("The form is out of date; reload the page");

/** A database id chosen in a form (a select or hidden input). */
export function idField(message: string) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message),
  );
}

export function optionalIdField(message: string) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message).optional(),
  );
}

/** A field that may arrive once (a string) or many times (an array). */
export function manyOf<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(schema));
}

/** A checkbox: present means true. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A YYYY-MM-DD date. */
export function isoDate(label: string) {
  return z.preprocess(
    trim,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .refine(isRealDate, `${capitalise(label)} must be a real date`),
  );
}

export function optionalIsoDate(label: string) {
  return z.preprocess(
    (v) => emptyToUndefined(trim(v)),
    z
      .string({ error: `${capitalise(label)} must be a real date` })
      .refine(isRealDate, `${capitalise(label)} must be a real date`)
      .optional(),
  );
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(emptyToUndefined, z.enum(values, { error: message }));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
