import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trim = (v: unknown) => (typeof v === "string" ? v.trim() : v);

// ---------------------------------------------------------------------------------------------
// Control characters. A line break in a one-line field (a title, a name) is joined up by the next edit form, so
// the next save silently changes the data; a NUL is dropped by the Word export; other control characters are
// invisible. So every text refuses C0 and C1 control characters, and a one-line text refuses line breaks too;
// only a multi-line text (a textarea) may hold tab, CR and LF.

/** "one": a text input, no line breaks or tabs; "many": a textarea, which may hold tab, CR and LF. */
export type Lines = "one" | "many";

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const CONTROL_IN_ONE_LINE = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_IN_MANY_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What a field is called at the start of a sentence: "a title" reads "Title", "the contact's name" "The contact's name". */
function subjectOf(label: string): string {
  return capitalise(label.replace(/^(a|an) /, ""));
}

/** What is wrong with a text's characters, as a message next to the field, or null when nothing is. */
export function textCharacterProblem(value: string, label: string, lines: Lines): string | null {
  if (lines === "one" && LINE_BREAK.test(value)) return `${subjectOf(label)} must be one line`;
  if ((lines === "one" ? CONTROL_IN_ONE_LINE : CONTROL_IN_MANY_LINES).test(value))
    return `${subjectOf(label)} must not contain control characters`;
  return null;
}

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

/**
 * The one-time key a create form carries (a hidden `createKey`), or null when absent or not a key: a create
 * without one still works, it just is not protected against being sent twice.
 */
export function createKeyOf(formData: FormData): string | null {
  const value = formData.get("createKey");
  return typeof value === "string" && /^[A-Za-z0-9-]{16,64}$/.test(value) ? value : null;
}

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

/** A real calendar date as YYYY-MM-DD, from 0001-01-01 to 9999-12-31. */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith("0000")) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(emptyToUndefined, z.enum(values, { error: message }));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Dates, typed as GOV.UK asks: three fields, NAME-day, NAME-month and NAME-year.

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Partial<Record<DatePart, string>>;

/** The hint every date input shows. */
export const DATE_HINT = "For example, 27 3 2026";

export type DateOptions = {
  /** What it is, as the middle of a sentence: "due date", "date the period starts". */
  label: string;
  /** What it is at the start of a sentence, when not just the label capitalised: "The date the period starts". */
  subject?: string;
  /** Must it be given? */
  required?: boolean;
  /** Also accept a plain YYYY-MM-DD in NAME (links and bookmarks from before the three fields). */
  acceptIso?: boolean;
  /** "past": must be before today; "future": after today (today as YYYY-MM-DD, given by the caller so tests can fix it). */
  when?: { rule: "past" | "future"; today: string };
};

export type DateCheck = { ok: true; iso: string | null } | { ok: false; message: string; parts: DatePart[] };

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** A month typed as a number, or as a name or its first three letters ("Mar", "March"), as GOV.UK asks services to accept. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  const i = lower.length >= 3 ? MONTH_NAMES.findIndex((m) => m.startsWith(lower)) : -1;
  return i === -1 ? null : i + 1;
}

function joinParts(parts: DatePart[]): string {
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * The date typed in three fields, checked with GOV.UK's wording: "Enter the due date", "Due date must
 * include a month", "Due date must be a real date", "Due date must be in the past". `parts` says which of the
 * three fields is wrong, so only those are marked.
 */
export function checkDate(input: DateParts, { label, subject, required, when }: DateOptions): DateCheck {
  const text = { day: (input.day ?? "").trim(), month: (input.month ?? "").trim(), year: (input.year ?? "").trim() };
  const Label = subject ?? capitalise(label);
  const missing = DATE_PARTS.filter((p) => text[p] === "");
  if (missing.length === 3)
    return required ? { ok: false, message: `Enter the ${label}`, parts: [...DATE_PARTS] } : { ok: true, iso: null };
  if (missing.length) return { ok: false, message: `${Label} must include a ${joinParts(missing)}`, parts: missing };
  const day = /^\d{1,2}$/.test(text.day) ? Number(text.day) : 0;
  const month = monthNumber(text.month) ?? 0;
  const year = /^\d{4}$/.test(text.year) ? Number(text.year) : 0;
  const wrong = DATE_PARTS.filter((p) => (p === "day" ? day < 1 || day > 31 : p === "month" ? month < 1 || month > 12 : year < 1000));
  if (wrong.length) return { ok: false, message: `${Label} must be a real date`, parts: wrong };
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return { ok: false, message: `${Label} must be a real date`, parts: ["day"] };
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (when?.rule === "past" && iso >= when.today) return { ok: false, message: `${Label} must be in the past`, parts: [...DATE_PARTS] };
  if (when?.rule === "future" && iso <= when.today) return { ok: false, message: `${Label} must be in the future`, parts: [...DATE_PARTS] };
  return { ok: true, iso };
}

/** The three fields' values of the date input NAME in a form's values (or the ISO date in NAME, split). */
export function datePartsOf(values: unknown, name: string): DateParts {
  const record = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const one = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : undefined);
  const parts: DateParts = { day: one(record[`${name}-day`]), month: one(record[`${name}-month`]), year: one(record[`${name}-year`]) };
  const iso = one(record[name]);
  if (parts.day === undefined && parts.month === undefined && parts.year === undefined && iso && ISO_DATE.test(iso.trim())) {
    const [y, m, d] = iso.trim().split("-");
    return { day: String(Number(d)), month: String(Number(m)), year: y };
  }
  return parts;
}

/** The field names of a date input: NAME-day, NAME-month, NAME-year. */
export function datePartNames<N extends string>(name: N): Record<DatePart, `${N}-${DatePart}`> {
  return { day: `${name}-day`, month: `${name}-month`, year: `${name}-year` };
}

/** Which of a date input's fields to mark, given its error: the ones a check finds wrong, or all three for a rule about the whole date. */
export function datePartsInError(values: DateParts, error: string | undefined): DatePart[] {
  if (!error) return [];
  const check = checkDate(values, { label: "date", required: true });
  return check.ok ? [...DATE_PARTS] : check.parts;
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

/** Nothing given: absent, null, or only spaces. */
export const isBlank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

/** A posted value as trimmed text; anything not a string reads as empty. */
export const postedValue = (v: unknown) => (typeof v === "string" ? v.trim() : "");

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
  return z.preprocess(
    (v) =>
      v == null || v === ""
        ? []
        : Array.isArray(v)
          ? v.map((r) => (r && typeof r === "object" ? r : {}))
          : typeof v === "object"
            ? Object.values(v as object)
            : [],
    z.array(row).max(max, tooMany),
  );
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
