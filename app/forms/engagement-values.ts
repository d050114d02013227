// What the engagement form holds and shows, without zod: its values' type, its limits, its date fields. The form
// component imports these in the browser; the schema (app/forms/engagement.ts, which re-exports them) is
// loaded only when the form is checked before a save.
import type { ActionFormRow } from "~/domain/engagement-conflict";
import { checkDate, datePartsOf, firstText, type DateOptions } from "./field-checks";
import { postedRows } from "./form-data";

export const LIMITS = {
  organisations: 20,
  attendees: 100,
  agenda: 100,
  commitments: 100,
  followUps: 100,
  themes: 30,
  title: 200,
  purpose: 2_000,
  summary: 20_000,
  agendaNotes: 20_000,
  agendaOutcome: 5_000,
  actionDescription: 1_000,
  closingNote: 2_000,
  recommendationRefs: 1_000,
} as const;

/** The engagement's date and an action's due date, as the form's date inputs and the schema both name them. */
export const ENGAGEMENT_DATE: DateOptions = { label: "date of the engagement", required: true };
export function dueDateOptions(noun: "commitment" | "follow-up", index: number): DateOptions {
  return { label: `due date of ${noun} ${index + 1}` };
}

/** What the form posts (and what react-hook-form holds): strings, and arrays of row objects of strings. */
export type EngagementFormValues = {
  version?: string;
  title?: string;
  kind?: string;
  status?: string;
  /** YYYY-MM-DD, as loaded; the form shows and posts it as date-day, date-month and date-year. */
  date?: string;
  "date-day"?: string;
  "date-month"?: string;
  "date-year"?: string;
  startTime?: string;
  endTime?: string;
  durationMinutes?: string;
  format?: string;
  location?: string;
  country?: string;
  organisations?: { organisationId?: string }[];
  leadUserId?: string;
  purpose?: string;
  summary?: string;
  themeIds?: string[] | string | boolean;
  newTheme?: string;
  marking?: string;
  attendees?: { person?: string; name?: string; roleTitle?: string; side?: string }[];
  agenda?: { key?: string; id?: string; title?: string; notes?: string; outcome?: string; recommendations?: string }[];
  commitments?: ActionRowValues[];
  followUps?: ActionRowValues[];
  resolvesActionId?: string;
  /** Edit: the actions (id:version) and the fingerprints the form was loaded with. */
  loadedActions?: string;
  baseline?: string;
};

/** A commitment or follow-up row. A follow-up has no owner type, owner name or agenda item: the office owns it. */
export type ActionRowValues = Omit<ActionFormRow, "dueDate"> & DueDateValues & { recommendations?: string };

/** An action row's due date: YYYY-MM-DD as loaded, or the three fields as typed. */
type DueDateValues = { dueDate?: string; "dueDate-day"?: string; "dueDate-month"?: string; "dueDate-year"?: string };

type Dated = { [key: string]: unknown };

function split<T extends Dated>(row: T, name: string): T {
  if ([`${name}-day`, `${name}-month`, `${name}-year`].some((k) => row[k] !== undefined)) return row;
  const parts = datePartsOf(row, name);
  return { ...row, [`${name}-day`]: parts.day ?? "", [`${name}-month`]: parts.month ?? "", [`${name}-year`]: parts.year ?? "" };
}

function join<T extends Dated>(row: T, name: string): T {
  const check = checkDate(datePartsOf(row, name), { label: name });
  if (!check.ok || ![`${name}-day`, `${name}-month`, `${name}-year`].some((k) => row[k] !== undefined)) return row;
  const { [`${name}-day`]: _d, [`${name}-month`]: _m, [`${name}-year`]: _y, ...rest } = row;
  return { ...rest, [name]: check.iso ?? "" } as T;
}

/** The form's repeating sections. */
export const ROW_SECTIONS: ReadonlySet<string> = new Set(["organisations", "attendees", "agenda", "commitments", "followUps"]);
/** The one field the form posts as a list: the theme checkboxes. */
const LIST_FIELDS = new Set(["themeIds"]);

/**
 * Posted values in the shape the form holds, whatever names were posted: each repeating section a list of rows, read
 * as the schema reads it (`postedRows`), and every other field text. A tampered post (`agenda=x`,
 * `commitments.-1.title`, a field twice, `title.x`) can then no longer break the form handed back.
 */
export function inFormShape(values: Record<string, unknown>): EngagementFormValues {
  const shaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    shaped[key] = ROW_SECTIONS.has(key)
      ? postedRows(value).map((row) => (row && typeof row === "object" && !Array.isArray(row) ? textFields(row) : {}))
      : LIST_FIELDS.has(key)
        ? value
        : asText(value);
  return shaped as EngagementFormValues;
}

/** A field as text, read as `datePartsOf` reads a date part. */
const asText = (value: unknown) => firstText(value) ?? "";

const textFields = (row: object) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, asText(value)]));

/** The form's values with every date as its three fields (a loaded YYYY-MM-DD is split into day, month and year). */
export function withDateParts(values: EngagementFormValues): EngagementFormValues {
  return {
    ...split(values, "date"),
    commitments: values.commitments?.map((r) => split(r, "dueDate")),
    followUps: values.followUps?.map((r) => split(r, "dueDate")),
  };
}

/** Posted values with every date that reads as a real date written back as YYYY-MM-DD, as the model compares them. */
export function withIsoDates(values: EngagementFormValues): EngagementFormValues {
  return {
    ...join(values, "date"),
    commitments: values.commitments?.map((r) => join(r, "dueDate")),
    followUps: values.followUps?.map((r) => join(r, "dueDate")),
  };
}
