import type { ActionKind, ActionStatus } from "~/domain/enums";
import { Tag, type TagColour } from "~/components/govuk";

export const ACTION_KIND_LABELS: Record<ActionKind, string> = { commitment: "Commitment", follow_up: "Follow-up" };
export const ACTION_KIND_PLURALS: Record<ActionKind, string> = { commitment: "Commitments", follow_up: "Follow-ups" };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};
const STATUS_COLOURS: Record<ActionStatus, TagColour> = { open: "blue", in_progress: "light-blue", done: "green", dropped: "grey" };

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

export function OverdueTag() {
  return <Tag colour="red">Overdue</Tag>;
}

/** Who owns an action, in words: a member of staff, the office, or the stakeholder (named where known). */
export function ownerLabel(a: {
  ownerType: "office" | "stakeholder";
  ownerUserName?: string | null;
  ownerUserId?: number | null;
  ownerName?: string | null;
  organisationShortName?: string | null;
  organisationName?: string | null;
}): string {
  if (a.ownerType === "office") return a.ownerUserName ?? (a.ownerUserId ? "A former member of staff" : "The office");
  const org = a.organisationShortName || a.organisationName;
  if (a.ownerName) return org ? `${a.ownerName} (${org})` : a.ownerName;
  return org ? `${org} (the stakeholder)` : "The stakeholder";
}
