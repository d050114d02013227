// Inspection reports, their recommendations and each body's take-up: the enumerations (db/schema builds its
// columns on them), their words and colours, and the rules (percent implemented, the statutory response,
// overdue), each defined once. Client-safe.
import { addDays } from "./dates";
import type { TagColour } from "./engagement-labels";
import type { OrganisationKind } from "./enums";
import { megabytes } from "./format";

export const RECOMMENDATION_KINDS = ["recommendation", "area_for_improvement"] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const TAKE_UP_STATUSES = [
  "not_known",
  "accepted",
  "partly_accepted",
  "not_accepted",
  "in_progress",
  "implemented",
  "confirmed",
] as const;
export type TakeUpStatus = (typeof TAKE_UP_STATUSES)[number];

export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, string> = {
  recommendation: "Recommendation",
  area_for_improvement: "Area for improvement",
};

export const TAKE_UP_STATUS_LABELS: Record<TakeUpStatus, string> = {
  not_known: "Not yet known",
  accepted: "Accepted",
  partly_accepted: "Partly accepted",
  not_accepted: "Not accepted",
  in_progress: "In progress",
  implemented: "Implemented",
  confirmed: "Confirmed by a later inspection",
};

export const TAKE_UP_STATUS_COLOURS: Record<TakeUpStatus, TagColour> = {
  not_known: "grey",
  accepted: "blue",
  partly_accepted: "teal",
  not_accepted: "red",
  in_progress: "yellow",
  implemented: "green",
  confirmed: "green",
};

/** The statuses that count as done: a recommendation met by a body. */
export const IMPLEMENTED_STATUSES = ["implemented", "confirmed"] as const satisfies readonly TakeUpStatus[];

export function isImplemented(status: TakeUpStatus): boolean {
  return (IMPLEMENTED_STATUSES as readonly TakeUpStatus[]).includes(status);
}

/** Overdue: a date to be met by before `today` (UK, YYYY-MM-DD) and the body has not implemented it. */
export function isTakeUpOverdue(takeUp: { status: TakeUpStatus; dueOn: string | null }, today: string): boolean {
  return takeUp.dueOn !== null && takeUp.dueOn < today && !isImplemented(takeUp.status);
}

/** Whole percent of take-ups implemented (or confirmed); null when there are none. */
export function percentImplemented(statuses: readonly TakeUpStatus[]): number | null {
  if (!statuses.length) return null;
  return Math.round((100 * statuses.filter(isImplemented).length) / statuses.length);
}

// ---------------------------------------------------------------------------------------------
// The statutory response: where an inspection report is about a force, its local policing body must
// respond within 56 days of publication (Police Act 1996, s.55).

export const STATUTORY_RESPONSE_DAYS = 56;
export const STATUTORY_RESPONSE_STATES = ["due", "overdue", "received"] as const;
export type StatutoryResponseState = (typeof STATUTORY_RESPONSE_STATES)[number];

export const STATUTORY_RESPONSE_LABELS: Record<StatutoryResponseState, string> = {
  due: "Response due",
  overdue: "Response overdue",
  received: "Response received",
};

export const STATUTORY_RESPONSE_COLOURS: Record<StatutoryResponseState, TagColour> = { due: "yellow", overdue: "red", received: "green" };

export function statutoryResponseDueOn(publishedOn: string): string {
  return addDays(publishedOn, STATUTORY_RESPONSE_DAYS);
}

/** The statutory response of a report about a force: null when the report is about no force. */
export function statutoryResponse(
  report: { publishedOn: string; subjectForceId: number | null; responseReceivedOn: string | null },
  today: string,
): { state: StatutoryResponseState; dueOn: string } | null {
  if (report.subjectForceId === null) return null;
  const dueOn = statutoryResponseDueOn(report.publishedOn);
  if (report.responseReceivedOn) return { state: "received", dueOn };
  return { state: today > dueOn ? "overdue" : "due", dueOn };
}

// ---------------------------------------------------------------------------------------------
// Groups of bodies a recommendation can be addressed to, expanded once (when it is saved) to the bodies
// in use that match. A body added to the list later is not added to old recommendations.

export const ADDRESSEE_GROUPS = ["territorial_forces", "all_police_forces", "local_policing_bodies"] as const;
export type AddresseeGroup = (typeof ADDRESSEE_GROUPS)[number];

export const ADDRESSEE_GROUP_RULES: Record<AddresseeGroup, { label: string; kind: OrganisationKind; nations?: readonly string[] }> = {
  territorial_forces: { label: "All 43 territorial forces", kind: "police_force", nations: ["England", "Wales"] },
  all_police_forces: { label: "All police forces", kind: "police_force" },
  local_policing_bodies: { label: "All police and crime commissioners", kind: "pcc" },
};

/** The words a person may type for a group, lower case: its label and a few common ways of saying it. */
export const ADDRESSEE_GROUP_ALIASES: Record<AddresseeGroup, readonly string[]> = {
  territorial_forces: [
    "all 43 territorial forces",
    "all territorial forces",
    "territorial forces",
    "all 43 forces",
    "all forces in england and wales",
  ],
  all_police_forces: ["all police forces", "all forces"],
  local_policing_bodies: [
    "all police and crime commissioners",
    "all pccs",
    "pccs",
    "all local policing bodies",
    "local policing bodies",
    "police and crime commissioners",
  ],
};

export function groupOfWords(words: string): AddresseeGroup | null {
  const w = words.trim().toLowerCase().replace(/\s+/g, " ");
  for (const group of ADDRESSEE_GROUPS) if (w === group || ADDRESSEE_GROUP_ALIASES[group].includes(w)) return group;
  return null;
}

/** The most recommendations one paste or file may bring in. */
export const MAX_RECOMMENDATIONS_PER_IMPORT = 500;
/** The largest CSV of recommendations read, and what is said next to the file field of a larger one. */
export const RECOMMENDATIONS_CSV_MAX_BYTES = 1_000_000;
export const RECOMMENDATIONS_CSV_TOO_LARGE = `The CSV file must be smaller than ${megabytes(RECOMMENDATIONS_CSV_MAX_BYTES)}`;

// ---------------------------------------------------------------------------------------------
// A recommendation's reference, as a person types it on the engagement form: the publisher's short name, the
// year of the report and the number as printed ("HMICFRS 2024 R3"). A publisher's second and later reports of
// one year (by publication date) carry their place: "HMICFRS 2024/2 R3".

export function recommendationReference(r: { publisher: string; publishedOn: string; sequence: number; number: string }): string {
  return `${r.publisher} ${r.publishedOn.slice(0, 4)}${r.sequence > 1 ? `/${r.sequence}` : ""} ${r.number}`;
}

/** A reference as compared: lower case, spaces collapsed. */
export function referenceKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The references typed in one field, separated by semicolons or lines. */
export function splitReferences(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The most recommendations one agenda item or action can name. */
export const MAX_LINKS_PER_ITEM = 20;
