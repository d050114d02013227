import { z } from "zod";
import { formDataToObject, zodFieldErrors, type FieldErrors } from "~/forms/form-data";
import { optionalIdField, optionalIsoDate } from "./fields";

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

function filterDate(label: string) {
  return z.preprocess(ukDateToIso, optionalIsoDate(label));
}

/** The GET filters of /admin/audit. Every field is optional; a bad one is reported and ignored. */
const auditFiltersSchema = z
  .object({
    actor: optionalIdField("Select a person from the list"),
    action: code("Select an action from the list"),
    entity: code("Select a kind of record from the list"),
    entityId: z.preprocess(
      emptyToUndefined,
      z.string({ error: "Enter a record number" }).max(100, "Record number must be 100 characters or fewer").optional(),
    ),
    from: filterDate("the from date"),
    to: filterDate("the to date"),
    q: z.preprocess(
      emptyToUndefined,
      z.string({ error: "Enter text to search for" }).max(200, "Search text must be 200 characters or fewer").optional(),
    ),
    before: optionalIdField("The page link is not valid"),
    after: optionalIdField("The page link is not valid"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The to date must be the same as or after the from date" });

type AuditFilterValues = z.output<typeof auditFiltersSchema>;

export const AUDIT_FILTER_FIELDS = ["actor", "action", "entity", "entityId", "from", "to", "q"] as const;

/**
 * Parse the filters from a URL's query. A value that does not parse is left out of the filters
 * and reported at its field, so a tampered or mistyped link shows a message, never a 500.
 */
export function parseAuditFilters(params: URLSearchParams): {
  filters: AuditFilterValues;
  errors: FieldErrors;
  values: Record<string, string>;
} {
  const raw = formDataToObject(params);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) values[key] = Array.isArray(value) ? String(value[0]) : String(value);
  const first = auditFiltersSchema.safeParse(values);
  if (first.success) return { filters: first.data, errors: {}, values };
  const errors = zodFieldErrors(first.error);
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !(key in errors)));
  const second = auditFiltersSchema.safeParse(kept);
  return { filters: second.success ? second.data : {}, errors, values };
}
