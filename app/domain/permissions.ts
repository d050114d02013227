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
