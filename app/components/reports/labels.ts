// Words for what reports show. The engagement and action words are the app's own (engagement-labels);
// these are the few a report adds.
import type { ActionStatus } from "~/domain/enums";
import type { OrganisationKind } from "~/domain/enums";

export {
  ACTION_KIND_LABELS,
  ACTION_STATUS_COLOURS,
  ACTION_STATUS_LABELS,
  ATTENDEE_SIDE_LABELS as SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS as FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
  formatTimeRange as timeRange,
} from "~/domain/engagement-labels";

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

/** Who owns an action, in words: "The office (Ada Lovelace)", "Stakeholder (DCI Smith)". */
export function ownerLabel(ownerType: "office" | "stakeholder", ownerName: string | null | undefined): string {
  const side = ownerType === "office" ? "The office" : "Stakeholder";
  return ownerName ? `${side} (${ownerName})` : side;
}

/** Whether an action is still to do and past its due date on `today`. */
export function isOverdue(action: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
  return (action.status === "open" || action.status === "in_progress") && !!action.dueDate && action.dueDate < today;
}
