import { z } from "zod";
import { formDataToObject, zodFieldErrors, type FieldErrors } from "~/forms/form-data";
import { datePartsOf, optionalIdField, withDates, type DateOptions, type DateParts } from "./fields";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

// Action and entity names are the audit trail's own vocabulary: lower-case words joined by underscores.
function code(message: string) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string({ error: message })
      .max(50, message)
      .regex(/^[a-z][a-z_]*$/, message)
      .optional(),
  );
}

/** A date typed the UK way (28/11/2026) as YYYY-MM-DD; anything else is left for the date check. */
function ukDateToIso(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v.trim());
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : v;
}

/** The dates: typed in date inputs (from-day, from-month, from-year), or from= in a link (YYYY-MM-DD, or 28/11/2026 as before). */
export const AUDIT_FILTER_DATES = {
  from: { label: "from date", subject: "The from date", acceptIso: true },
  to: { label: "to date", subject: "The to date", acceptIso: true },
} as const satisfies Record<string, DateOptions>;

/** The GET filters of /admin/audit. Every field is optional; a bad one is reported and ignored. */
export const auditFiltersSchema = withDates(
  z.object({
    actor: optionalIdField("Select a person from the list"),
    action: code("Select an action from the list"),
    entity: code("Select a kind of record from the list"),
    entityId: z.preprocess(
      emptyToUndefined,
      z.string({ error: "Enter a record number" }).max(100, "Record number must be 100 characters or fewer").optional(),
    ),
    q: z.preprocess(
      emptyToUndefined,
      z.string({ error: "Enter text to search for" }).max(200, "Search text must be 200 characters or fewer").optional(),
    ),
    before: optionalIdField("The page link is not valid"),
    after: optionalIdField("The page link is not valid"),
  }),
  AUDIT_FILTER_DATES,
).refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The to date must be the same as or after the from date" });

type AuditFilterValues = z.output<typeof auditFiltersSchema>;

export { AUDIT_FILTER_FIELDS } from "./audit-filter-fields";

/**
 * Parse the filters from a URL's query. A value that does not parse is left out of the filters
 * and reported at its field, so a tampered or mistyped link shows a message, never a 500.
 */
export function parseAuditFilters(params: URLSearchParams): {
  filters: AuditFilterValues;
  errors: FieldErrors;
  /** The filters as given, each date as YYYY-MM-DD when it reads as one (so page links carry it). */
  values: Record<string, string>;
  /** What the date inputs show. */
  dates: { from: DateParts; to: DateParts };
} {
  const raw = formDataToObject(params);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) values[key] = Array.isArray(value) ? String(value[0]) : String(value);
  for (const name of ["from", "to"]) if (values[name]) values[name] = String(ukDateToIso(values[name]));
  const dates = { from: datePartsOf(values, "from"), to: datePartsOf(values, "to") };
  const first = auditFiltersSchema.safeParse(values);
  const errors = first.success ? {} : zodFieldErrors(first.error);
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !(key.replace(/-(day|month|year)$/, "") in errors)));
  const second = first.success ? first : auditFiltersSchema.safeParse(kept);
  const filters: AuditFilterValues = second.success ? second.data : { from: null, to: null };
  const shown = { ...values };
  for (const name of ["from", "to"] as const) {
    const typed = [dates[name].day, dates[name].month, dates[name].year].filter(Boolean).join("/");
    shown[name] = filters[name] ?? (name in errors ? values[name] || typed : "");
    for (const part of ["day", "month", "year"]) delete shown[`${name}-${part}`];
  }
  return { filters, errors, values: shown, dates };
}
