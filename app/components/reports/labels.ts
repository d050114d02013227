// Words for the values reports show (client-safe: type-only imports from the schema).
import type { ActionKind, ActionStatus, EngagementKind, EngagementStatus } from "~db/schema/engagements";
import type { OrganisationKind } from "~db/schema/organisations";

export const ENGAGEMENT_KIND_LABELS: Record<EngagementKind, string> = {
  meeting: "Meeting",
  call: "Call",
  visit: "Visit",
  conference: "Conference",
  correspondence: "Correspondence",
  other: "Other",
};

export const ENGAGEMENT_STATUS_LABELS: Record<EngagementStatus, string> = {
  planned: "Planned",
  held: "Held",
  cancelled: "Cancelled",
};

export const FORMAT_LABELS: Record<"in_person" | "virtual" | "hybrid", string> = {
  in_person: "In person",
  virtual: "Virtual",
  hybrid: "Hybrid",
};

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  commitment: "Commitment",
  follow_up: "Follow-up",
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

export const SIDE_LABELS: Record<"office" | "stakeholder" | "other", string> = {
  office: "The office",
  stakeholder: "Stakeholder",
  other: "Other",
};

/** Kinds of organisation as group headings in a report. */
export const ORGANISATION_KIND_PLURALS: Record<OrganisationKind, string> = {
  police_force: "Police forces",
  pcc: "Local policing bodies",
  national_policing_body: "National policing bodies",
  border_immigration: "Border and immigration",
  inspectorate: "Inspectorates",
  prosecutor: "Prosecutors",
  government_department: "Government",
  international_agency: "International agencies",
  overseas_agency: "Overseas agencies",
};

/** "10:00 to 11:30", "from 10:00", or "" */
export function timeRange(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${start} to ${end}`;
  if (start) return `from ${start}`;
  return "";
}

/** Who owns an action, in words: "The office (Ada Lovelace)", "Stakeholder (DCI Smith)". */
export function ownerLabel(ownerType: "office" | "stakeholder", ownerName: string | null | undefined): string {
  const side = ownerType === "office" ? "The office" : "Stakeholder";
  return ownerName ? `${side} (${ownerName})` : side;
}

/** Whether an action is still to do and past its due date on `today`. */
export function isOverdue(action: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
  return (action.status === "open" || action.status === "in_progress") && !!action.dueDate && action.dueDate < today;
}
