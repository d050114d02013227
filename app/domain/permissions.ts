// Roles are cumulative: each one may do everything the one before it may.
export const ROLE_ORDER = ["viewer", "officer", "manager", "admin"] as const;
export type Role = (typeof ROLE_ORDER)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  officer: "Officer",
  manager: "Manager",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads everything, changes nothing",
  officer: "Records and edits engagements, organisations, contacts and actions",
  manager: "An officer who also reviews, closes and reassigns anyone's actions",
  admin: "A manager who also manages staff accounts and reads the audit trail",
};

export function hasRole(actual: Role, required: Role): boolean {
  return ROLE_ORDER.indexOf(actual) >= ROLE_ORDER.indexOf(required);
}

// ---------------------------------------------------------------------------------------------
// Who may change which action (docs/decisions/0005 and 0012). The one rule, enforced by the models on
// every path that changes, closes, reassigns, re-dates or deletes an action; pages use it only to decide
// what to offer.

/** What the rule needs to know about an action and its engagement. */
export type ActionPermissionFacts = {
  ownerUserId: number | null;
  engagementLeadUserId: number | null;
  engagementCreatedById: number | null;
};

/**
 * Managers and admins change anyone's action; an officer changes the actions they own and every action of
 * an engagement they lead or recorded (they ran the meeting, so they chase both sides' commitments);
 * viewers change nothing.
 */
export function mayChangeAction({ user, facts }: { user: { id: number; role: Role }; facts: ActionPermissionFacts }): boolean {
  if (hasRole(user.role, "manager")) return true;
  if (!hasRole(user.role, "officer")) return false;
  return facts.ownerUserId === user.id || facts.engagementLeadUserId === user.id || facts.engagementCreatedById === user.id;
}

/** Why an officer may not change an action, as a page says it. */
export const ACTION_RULE = "You may only change your own actions and those of engagements you lead or recorded";

/**
 * Who may say who leads an engagement (and archive or restore it): its lead, whoever recorded it, or a manager
 * or admin. Leading gives rights over every action of the engagement, so nobody may make themself lead to gain
 * them.
 */
export function mayManageEngagement({
  user,
  engagement,
}: {
  user: { id: number; role: Role };
  engagement: { leadUserId: number | null; createdById: number | null };
}): boolean {
  if (hasRole(user.role, "manager")) return true;
  if (!hasRole(user.role, "officer")) return false;
  return engagement.leadUserId === user.id || engagement.createdById === user.id;
}

export const LEAD_RULE = "Only the lead, whoever recorded the engagement, or a manager can change who leads it";
