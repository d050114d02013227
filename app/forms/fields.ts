import { z } from "zod";
import { postedRows } from "./form-data";
import {
  capitalise,
  checkDate,
  datePartNames,
  isBlank,
  isRealDate,
  postedValue,
  textCharacterProblem,
  type DateOptions,
  type DatePart,
  type Lines,
} from "./field-checks";

export * from "./field-checks";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trim = (v: unknown) => (typeof v === "string" ? v.trim() : v);

function withCleanCharacters(schema: z.ZodString, label: string, lines: Lines) {
  return schema.superRefine((value, ctx) => {
    const problem = textCharacterProblem(value, label, lines);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A required text, trimmed; one line unless `lines: "many"` (a textarea). */
export function requiredText(label: string, max = 200, { lines = "one" }: { lines?: Lines } = {}) {
  return z.preprocess(
    trim,
    withCleanCharacters(
      z
        .string({ error: `Enter ${label}` })
        .min(1, `Enter ${label}`)
        .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
      label,
      lines,
    ),
  );
}

/** An optional text; empty becomes undefined. One line unless `lines: "many"` (a textarea). */
export function optionalText(label: string, max = 2000, { lines = "one" }: { lines?: Lines } = {}) {
  return z.preprocess(
    (v) => emptyToUndefined(trim(v)),
    withCleanCharacters(
      z
        .string({ error: `${capitalise(label)} must be text` })
        .max(max, `${capitalise(label)} must be ${max.toLocaleString("en-GB")} characters or fewer`),
      label,
      lines,
    ).optional(),
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

export function enumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(emptyToUndefined, z.enum(values, { error: message }));
}

/**
 * The date typed in NAME-day, NAME-month and NAME-year, as YYYY-MM-DD (null when optional and left empty),
 * with GOV.UK's messages at NAME. Use inside an object schema's transform or superRefine, where the form's
 * values are at hand; with `acceptIso`, a plain NAME=YYYY-MM-DD (a link from before) is read too.
 */
export function dateInput(
  values: unknown,
  name: string,
  options: DateOptions,
  ctx: z.RefinementCtx,
  path: PropertyKey[] = [name],
): string | null {
  const record = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const names = datePartNames(name);
  const typed = [names.day, names.month, names.year].some((n) => record[n] !== undefined);
  const plain = record[name];
  if (!typed && options.acceptIso && typeof plain === "string" && plain.trim() !== "") {
    if (isRealDate(plain.trim())) return plain.trim();
    ctx.addIssue({ code: "custom", path, message: `${options.subject ?? capitalise(options.label)} must be a real date` });
    return null;
  }
  const part = (n: string) => (typeof record[n] === "string" ? (record[n] as string) : undefined);
  const check = checkDate({ day: part(names.day), month: part(names.month), year: part(names.year) }, options);
  if (check.ok) return check.iso;
  ctx.addIssue({ code: "custom", path, message: check.message });
  return null;
}

type DateInputValues<N extends string> = Partial<Record<`${N}-${DatePart}` | N, string>>;

/**
 * An object schema whose dates are typed in date inputs: for each NAME, NAME-day, NAME-month and NAME-year
 * are read into NAME as YYYY-MM-DD (null when optional and empty), with GOV.UK's messages at NAME. The dates
 * are checked even when other fields fail, so a person sees every problem at once.
 */
export function withDates<S extends z.ZodObject, const N extends string>(schema: S, dates: Record<N, DateOptions>) {
  type Output = Omit<z.output<S>, N> & Record<N, string | null>;
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  return z.custom<z.input<S> & DateInputValues<N>>(isObject, { error: "The form could not be read" }).transform((raw, ctx): Output => {
    const base = schema.safeParse(raw);
    if (!base.success) for (const issue of base.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    const read: Partial<Record<N, string | null>> = {};
    let ok = base.success;
    for (const name of Object.keys(dates) as N[]) {
      const before = ctx.issues.length;
      read[name] = dateInput(raw, name, dates[name], ctx);
      if (ctx.issues.length > before) ok = false;
    }
    if (!ok || !base.success) return z.NEVER;
    return { ...base.data, ...read } as Output;
  });
}

// ---------------------------------------------------------------------------------------------
// Fields read as a form posts them, for forms with repeating rows (the engagement form): a value may
// arrive as a string, several times (an array), or from react-hook-form as a boolean or an object.

/** A string field as posted: anything else (a tampered array, an object) reads as empty. */
export const postedText = z
  .preprocess((v) => (typeof v === "string" ? v : Array.isArray(v) ? String(v[0] ?? "") : ""), z.string())
  .optional();

/** A database id as it is posted: a positive whole number of at most 16 digits. */
const POSTED_ID = /^[1-9]\d{0,15}$/;

/** A positive database id, or null when empty; anything else is an error with this message. */
export function idOrNull(message: string) {
  return z.preprocess(
    (v) => (isBlank(v) ? null : typeof v === "string" ? v.trim() : v),
    z.union([z.null(), z.string().regex(POSTED_ID, message).transform(Number).refine(Number.isSafeInteger, message)], { error: message }),
  );
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** "9:30", "09.30" and "09:30" all mean 09:30. */
function normaliseTime(value: string): string | null {
  const m = TIME.exec(value.trim());
  return m ? `${m[1].padStart(2, "0")}:${m[2]}` : null;
}

/** A time of day as HH:MM, or null when empty. */
export function optionalTimeField(label: string) {
  const message = `${label} must be a time, like 14:30`;
  return z.preprocess(
    (v) => (isBlank(v) ? null : v),
    z.union(
      [
        z.null(),
        z
          .string()
          .refine((v) => normaliseTime(v) !== null, message)
          .transform((v) => normaliseTime(v)!),
      ],
      { error: message },
    ),
  );
}

/** One of `values`, or null when empty. */
export function optionalEnumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((v) => (isBlank(v) ? null : v), z.union([z.null(), z.enum(values)], { error: message }));
}

/** A list of ids posted as repeated names, or a single value, or (from react-hook-form's checkboxes) false; repeats dropped. */
export function idListField(message: string, max: number, tooMany: string) {
  return z.preprocess(
    (v) => (v === false || v === true || isBlank(v) ? [] : Array.isArray(v) ? v.filter((x) => !isBlank(x)) : [v]),
    z
      .array(z.string().regex(POSTED_ID, message).transform(Number), { error: message })
      .max(max, tooMany)
      .transform((ids) => [...new Set(ids)]),
  );
}

/** A repeating section: always an array of row objects, however the rows arrived. */
export function repeatedRows<T extends z.ZodType>(row: T, max: number, tooMany: string) {
  return z.preprocess(postedRows, z.array(row).max(max, tooMany));
}

/**
 * A text in a row, checked inside a refinement: trimmed, null when empty, an issue at `path` when too long or
 * holding control characters (or a line break, unless `lines` is "many").
 */
export function textOfRow(
  value: unknown,
  max: number,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
  label: string,
  lines: Lines = "one",
): string | null {
  const s = postedValue(value);
  if (s.length > max)
    ctx.addIssue({ code: "custom", path, message: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` });
  const problem = textCharacterProblem(s, label, lines);
  if (problem) ctx.addIssue({ code: "custom", path, message: problem });
  return s || null;
}

/** An id in a row, checked inside a refinement: null when empty, an issue at `path` (and null) when not an id. */
export function idOfRow(value: unknown, ctx: z.RefinementCtx, path: PropertyKey[], message: string): number | null {
  const s = postedValue(value);
  if (!s) return null;
  if (!POSTED_ID.test(s) || !Number.isSafeInteger(Number(s))) {
    ctx.addIssue({ code: "custom", path, message });
    return null;
  }
  return Number(s);
}
