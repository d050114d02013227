import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, unknown>;

/** The result an action returns when a submission fails: status 400 with these. */
export type FormFailure = { fieldErrors: FieldErrors; values: FormValues; formError?: string };

const MAX_ARRAY_INDEX = 999;

/**
 * FormData to a nested object. Names use dots and brackets: `agenda[0].title`, `organisationIds`.
 * A name that repeats becomes an array. Indices above 999 are ignored, so a tampered
 * request cannot make us allocate a huge sparse array.
 */
export function formDataToObject(formData: FormData | URLSearchParams): FormValues {
  const out: FormValues = {};
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== "string") continue; // no file uploads in this app
    const path = name
      .replace(/\]/g, "")
      .split(/[.[]/)
      .filter((p) => p !== "");
    if (path.length === 0 || path.some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) continue;
    let cursor: Record<string, unknown> | unknown[] = out;
    let ok = true;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const isLast = i === path.length - 1;
      const nextIsIndex = !isLast && /^\d+$/.test(path[i + 1]);
      if (/^\d+$/.test(key) && Number(key) > MAX_ARRAY_INDEX) {
        ok = false;
        break;
      }
      const container = cursor as Record<string, unknown>;
      if (isLast) {
        const existing = container[key];
        if (existing === undefined) container[key] = raw;
        else if (Array.isArray(existing)) existing.push(raw);
        else if (typeof existing === "string") container[key] = [existing, raw];
      } else {
        if (container[key] === undefined || typeof container[key] !== "object") container[key] = nextIsIndex ? [] : {};
        cursor = container[key] as Record<string, unknown>;
      }
    }
    if (!ok) continue;
  }
  return compactArrays(out) as FormValues;
}

/**
 * A repeating section as posted, read as a list however it arrived: nothing or "" is none, a list keeps its objects
 * (anything else in it reads as an empty row), an object (names the form never makes, `agenda.x.title`) gives its
 * values, and a word (`agenda=x`) none. The schema checks what each item is.
 */
export function postedRows(value: unknown): unknown[] {
  if (value == null || value === "") return [];
  if (Array.isArray(value)) return value.map((row) => (row && typeof row === "object" ? row : {}));
  if (typeof value === "object") return Object.values(value);
  return [];
}

/** Sparse arrays (a removed row leaves a gap) become dense. */
function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compactArrays(v);
    return out;
  }
  return value;
}

/** Dotted path of a zod issue: ["agenda", 0, "title"] -> "agenda.0.title". */
function issuePath(path: PropertyKey[]): string {
  return path.map(String).join(".");
}

/** The id of the input for a field path, so the error summary can link to it. */
export function fieldId(path: string): string {
  return path.replace(/[.[\]]+/g, "-").replace(/-$/, "");
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issuePath(issue.path) || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export type Parsed<T> = { ok: true; data: T } | ({ ok: false } & FormFailure);

/** Parse submitted form data with the form's schema; on failure return the field errors and what was submitted. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData | URLSearchParams): Parsed<z.output<S>> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: zodFieldErrors(result.error), values: stripSecrets(values) };
}

/** Never echo passwords back into a page. */
function stripSecrets(values: FormValues): FormValues {
  const out: FormValues = { ...values };
  for (const key of Object.keys(out)) if (/password/i.test(key)) delete out[key];
  return out;
}

/** The submitted value at a dotted path, as a string for an input's defaultValue. */
export function valueAt(values: FormValues | undefined, path: string): string | undefined {
  let cursor: unknown = values;
  for (const key of path.split(".")) {
    if (cursor == null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  if (cursor == null) return undefined;
  return Array.isArray(cursor) ? cursor.map(String).join(", ") : String(cursor);
}
