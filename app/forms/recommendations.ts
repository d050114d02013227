// The recommendation pages' forms: a report's details, one recommendation, a body's take-up, the import preview,
// archiving, and the list's filters (GET).
import { z } from "zod";
import { todayInUk } from "~/domain/dates";
import { MARKINGS, ORGANISATION_KINDS } from "~/domain/enums";
import { TAKE_UP_STATUSES } from "~/domain/recommendations";
import {
  enumField,
  optionalIdField,
  optionalText,
  idField,
  requiredText,
  versionField,
  withDates,
  postedText,
  repeatedRows,
  checkbox,
} from "./fields";
import { withoutMarkup } from "./organisation";
import { NOT_IMPLEMENTED } from "./recommendation-query";

const LINK = /^https?:\/\/[^\s<>"]+$/i;

const linkField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
  z
    .string({ error: "Link must be text" })
    .max(500, "Link must be 500 characters or fewer")
    .regex(LINK, "Enter a link starting https://, like https://www.example.org/report")
    .optional(),
);

const reportFields = {
  title: withoutMarkup(requiredText("the report's title", 300), "Title"),
  publisherId: idField("Select the publisher from the list"),
  link: linkField,
  marking: enumField(MARKINGS, "Select the marking"),
  summary: optionalText("summary", 5000),
  subjectForceId: optionalIdField("Select a police force from the list"),
};

function withReportDates<S extends z.ZodObject>(schema: S, today: string) {
  return withDates(schema, {
    publishedOn: { label: "publication date", required: true },
    responseReceivedOn: { label: "date the response was received", subject: "The date the response was received" },
  }).superRefine((v, ctx) => {
    if (v.publishedOn && v.publishedOn > today)
      ctx.addIssue({ code: "custom", path: ["publishedOn"], message: "Publication date must be today or in the past" });
  });
}

/** The new report form; the dates as GOV.UK date inputs. The model checks the dates again, and the bodies. */
export const reportSchema = (today = todayInUk()) => withReportDates(z.object(reportFields), today);

/** The edit report form: the same, and the version it was loaded with. */
export const editReportSchema = (today = todayInUk()) => withReportDates(z.object({ ...reportFields, version: versionField }), today);

/** Archive or restore (a report or a recommendation): the version the person saw. */
export const archivalSchema = z.object({ version: versionField });

/** One recommendation's edit form. */
export const recommendationSchema = withDates(
  z.object({
    number: requiredText("the number as printed in the report, for example 3, R7 or AFI 2", 20),
    text: requiredText("the text of the recommendation", 5000),
    kind: enumField(["recommendation", "area_for_improvement"] as const, "Choose recommendation or area for improvement"),
    addAddressees: optionalText("the bodies to add", 2000),
    version: versionField,
  }),
  { dueOn: { label: "date to be met by" } },
);

/** A body's take-up: the status, its date (required; not in the future is the model's rule), source and note. */
export const takeUpSchema = withDates(
  z.object({
    status: enumField(TAKE_UP_STATUSES, "Select the status"),
    source: optionalText("the source", 300),
    note: optionalText("the note", 5000),
    version: versionField,
  }),
  { statusOn: { label: "date of the status", subject: "The date of the status", required: true } },
);

/** The import preview as posted: every row's fields as text (the model checks them), and whether to leave it out. */
export const importRowsSchema = z.object({
  rows: repeatedRows(
    z.object({ number: postedText, text: postedText, kind: postedText, addressees: postedText, due: postedText, leaveOut: checkbox }),
    1000,
    "One import can bring in at most 500 recommendations. Split it into smaller parts",
  ),
});

// ---------------------------------------------------------------------------------------------
// The list's filters (GET /recommendations and /reports/recommendations.csv): a value that is not one of the
// choices is ignored rather than refused, so a stale bookmark still opens the list.

function lenient<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" || v == null ? undefined : Array.isArray(v) ? v[0] : v), schema.optional()).catch(undefined);
}
const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const cursor = z.string().regex(/^[1-9]\d{0,14}_[1-9]\d{0,14}$/);

const listFiltersSchema = z.object({
  report: lenient(positiveId),
  publisher: lenient(positiveId),
  // One slug, or several joined by commas (a force and its policing body, linked from the coverage page).
  organisation: lenient(z.string().regex(/^[a-z0-9-]{1,100}(,[a-z0-9-]{1,100}){0,9}$/)),
  orgKind: lenient(z.enum(ORGANISATION_KINDS)),
  // A status, or any status but implemented ones (what the coverage page counts as open).
  status: lenient(z.enum([...TAKE_UP_STATUSES, NOT_IMPLEMENTED])),
  overdue: lenient(z.literal("yes")),
  after: lenient(cursor),
  before: lenient(cursor),
});
export type RecommendationListFilters = z.output<typeof listFiltersSchema>;

export function parseRecommendationFilters(params: URLSearchParams): RecommendationListFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(listFiltersSchema.shape)) {
    const value = params.get(key);
    if (value != null) raw[key] = value;
  }
  return listFiltersSchema.parse(raw);
}

export { NOT_IMPLEMENTED, recommendationQuery } from "./recommendation-query";
