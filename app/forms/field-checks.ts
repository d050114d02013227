// The checks of the form fields that need no zod: text characters, dates typed in three fields, the one-time create
// key. Components in the browser import them from here, so a page that only shows a date input or marks its fields
// does not download zod (app/forms/fields.ts builds the schemas from these and re-exports them).

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

/**
 * The one-time key a create form carries (a hidden `createKey`), or null when absent or not a key: a create
 * without one still works, it just is not protected against being sent twice.
 */
export function createKeyOf(formData: FormData): string | null {
  const value = formData.get("createKey");
  return typeof value === "string" && /^[A-Za-z0-9-]{16,64}$/.test(value) ? value : null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as YYYY-MM-DD, from 0001-01-01 to 9999-12-31. */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith("0000")) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
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

/** A posted field's text: a field posted twice gives its first value; anything that is not text, none. */
export function firstText(value: unknown): string | undefined {
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

/** The three fields' values of the date input NAME in a form's values (or the ISO date in NAME, split). */
export function datePartsOf(values: unknown, name: string): DateParts {
  const record = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const parts: DateParts = {
    day: firstText(record[`${name}-day`]),
    month: firstText(record[`${name}-month`]),
    year: firstText(record[`${name}-year`]),
  };
  const iso = firstText(record[name]);
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

/** Nothing given: absent, null, or only spaces. */
export const isBlank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

/** A posted value as trimmed text; anything not a string reads as empty. */
export const postedValue = (v: unknown) => (typeof v === "string" ? v.trim() : "");
