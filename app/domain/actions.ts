// The rules of an action's due date and owner, each defined once. Pages, exports and the print and Word
// documents call these functions; the models that count overdue and due-soon actions in SQL take the same
// constants (OUTSTANDING_ACTION_STATUSES, DUE_SOON_DAYS via dueSoonUntil) and the same "today" (todayInUk).
import { addDays } from "./dates";
import { ACTION_OWNER_TYPE_LABELS } from "./engagement-labels";
import type { ActionOwnerType, ActionStatus } from "./enums";

/** The statuses of an action still to do: only these can be overdue or due soon. */
export const OUTSTANDING_ACTION_STATUSES = ["open", "in_progress"] as const satisfies readonly ActionStatus[];

/** "Due soon" is due from today to this many days after it, both included ("due in the next 7 days"). */
export const DUE_SOON_DAYS = 7;

/** The register's wider window: due from today to this many days after it ("due in the next 30 days"). */
export const DUE_WITHIN_MONTH_DAYS = 30;

type Due = { status: ActionStatus; dueDate: string | null };

export function isOutstanding(status: ActionStatus): boolean {
  return (OUTSTANDING_ACTION_STATUSES as readonly ActionStatus[]).includes(status);
}

/**
 * Overdue: still to do, and due before `today` (a UK date, YYYY-MM-DD, from todayInUk). An action due today is
 * not yet overdue; one with no due date never is.
 */
export function isOverdue(action: Due, today: string): boolean {
  return isOutstanding(action.status) && action.dueDate !== null && action.dueDate < today;
}

/** The last day that is "due soon" on `today`. */
export function dueSoonUntil(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}

/** The last day of the register's "due in the next 30 days" window on `today`. */
export function dueWithinMonthUntil(today: string): string {
  return addDays(today, DUE_WITHIN_MONTH_DAYS);
}

/** Due soon: still to do, and due today or in the next DUE_SOON_DAYS days. */
export function isDueSoon(action: Due, today: string): boolean {
  return isOutstanding(action.status) && action.dueDate !== null && action.dueDate >= today && action.dueDate <= dueSoonUntil(today);
}

type ActionOwner = {
  ownerType: ActionOwnerType;
  /** The member of staff who owns an office action. */
  ownerUserName?: string | null;
  ownerUserId?: number | null;
  /** The stakeholder's person, where known. */
  ownerName?: string | null;
  organisationShortName?: string | null;
  organisationName?: string | null;
};

/**
 * Who owns an action, in words: a member of staff ("Ada Lovelace"), the office ("The office"), or the
 * stakeholder, named where known ("DCI Jane Smith (NCA)", "DCI Jane Smith (the stakeholder)", "NCA (the stakeholder)",
 * "The stakeholder").
 */
export function ownerLabel(a: ActionOwner): string {
  if (a.ownerType === "office") return a.ownerUserName || (a.ownerUserId ? "A former member of staff" : ACTION_OWNER_TYPE_LABELS.office);
  const organisation = a.organisationShortName || a.organisationName;
  if (a.ownerName) return `${a.ownerName} (${organisation || "the stakeholder"})`;
  return organisation ? `${organisation} (the stakeholder)` : ACTION_OWNER_TYPE_LABELS.stakeholder;
}

/** ownerLabel for an action of a report, which names its owner (staff or the stakeholder's person) in one field. */
export function reportOwnerLabel(a: { ownerType: ActionOwnerType; ownerName: string | null; organisation: string | null }): string {
  return a.ownerType === "office"
    ? ownerLabel({ ownerType: "office", ownerUserName: a.ownerName })
    : ownerLabel({ ownerType: "stakeholder", ownerName: a.ownerName, organisationName: a.organisation });
}
