import { z } from "zod";
import { ENGAGEMENT_KINDS, ORGANISATION_KINDS } from "~/domain/enums";
import { withDates, type DateOptions } from "./fields";

// The report builder's form (GET /reports) and every export that carries its query string
// (/reports/summary.docx, /reports/engagements.csv, ...). Unlike a register filter, a report is a
// document someone will rely on: a value that is not one of the choices is refused with a message
// rather than silently dropped, so a report never quietly covers more than was asked for.

import { REPORT_PARTS } from "./report-parts";

export { isReportRequested, REPORT_FIELD_ORDER, REPORT_PART_LABELS, REPORT_PARTS, type ReportPart } from "./report-parts";

/** The most of one kind of filter a URL may name: more than every organisation the office has ever listed is a tampered URL. */
const MAX_CHOICES = 300;

const trim = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** The period: each date typed in a date input (from-day, from-month, from-year), or from=YYYY-MM-DD in a link. */
export const REPORT_DATES = {
  from: { label: "date the period starts", subject: "The date the period starts", required: true, acceptIso: true },
  to: { label: "date the period ends", subject: "The date the period ends", required: true, acceptIso: true },
} as const satisfies Record<string, DateOptions>;

/** A field that may arrive once, many times, or not at all; empty values are dropped. */
function choices<T extends z.ZodType>(item: T, message: string) {
  return z.preprocess(
    (v) => (v == null ? [] : (Array.isArray(v) ? v : [v]).map(trim).filter((x) => x !== "")),
    z.array(item, { error: message }).max(MAX_CHOICES, message),
  );
}

const ORGANISATIONS_MESSAGE = "Choose organisations from the list";
const THEMES_MESSAGE = "Choose themes from the list";
const ORGANISATION_KINDS_MESSAGE = "Choose kinds of organisation from the list";
const ENGAGEMENT_KINDS_MESSAGE = "Choose kinds of engagement from the list";

const organisationSlug = z.string({ error: ORGANISATIONS_MESSAGE }).regex(/^[a-z0-9-]{1,100}$/, ORGANISATIONS_MESSAGE);
const themeId = z
  .string({ error: THEMES_MESSAGE })
  .regex(/^[1-9]\d{0,15}$/, THEMES_MESSAGE)
  .transform(Number)
  .refine(Number.isSafeInteger, THEMES_MESSAGE);

/**
 * What to include. The builder always sends `include` (a hidden empty value plus the ticked boxes), so
 * "nothing ticked" can be told apart from a hand-written URL with no `include` at all, which means everything.
 */
const includeField = z.preprocess(
  (v) => (v === undefined ? [...REPORT_PARTS] : (Array.isArray(v) ? v : [v]).map(trim).filter((x) => x !== "")),
  z
    .array(z.enum(REPORT_PARTS, { error: "Choose what to include from the list" }))
    .max(REPORT_PARTS.length * 2, "Choose what to include from the list"),
);

/** The filters that choose engagements, apart from the period (the calendar uses these alone). */
export const reportEngagementFiltersSchema = z.object({
  organisation: choices(organisationSlug, ORGANISATIONS_MESSAGE),
  orgKind: choices(z.enum(ORGANISATION_KINDS, { error: ORGANISATION_KINDS_MESSAGE }), ORGANISATION_KINDS_MESSAGE),
  theme: choices(themeId, THEMES_MESSAGE),
  kind: choices(z.enum(ENGAGEMENT_KINDS, { error: ENGAGEMENT_KINDS_MESSAGE }), ENGAGEMENT_KINDS_MESSAGE),
});

export const reportSchema = withDates(reportEngagementFiltersSchema.extend({ include: includeField }), REPORT_DATES).transform(
  (value, ctx) => {
    // Both dates are required, so both are there when the dates read at all.
    const from = value.from ?? "";
    const to = value.to ?? "";
    if (from > to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The date the period ends must be the same as or after the date it starts" });
    return { ...value, from, to };
  },
);

/** The query string of a report, in the builder's field order, so every export link carries the same filters. */
export function reportQueryString(query: {
  from: string;
  to: string;
  organisation?: readonly string[];
  orgKind?: readonly string[];
  theme?: readonly (number | string)[];
  kind?: readonly string[];
  include?: readonly string[];
}): string {
  const params = new URLSearchParams();
  params.set("from", query.from);
  params.set("to", query.to);
  for (const slug of query.organisation ?? []) params.append("organisation", slug);
  for (const kind of query.orgKind ?? []) params.append("orgKind", kind);
  for (const id of query.theme ?? []) params.append("theme", String(id));
  for (const kind of query.kind ?? []) params.append("kind", kind);
  if (query.include) {
    params.append("include", "");
    for (const part of query.include) params.append("include", part);
  }
  return params.toString();
}
