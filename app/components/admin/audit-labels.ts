import { humanise } from "~/domain/field-labels";

// Readable names for the audit trail's vocabulary. Unknown codes are humanised ("close_action" -> "Close action").

const ACTION_LABELS: Record<string, string> = {
  create: "Created",
  update: "Changed",
  delete: "Deleted",
  archive: "Archived",
  restore: "Restored",
  deactivate: "Account deactivated",
  reactivate: "Account reactivated",
  reset_password: "Password reset",
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_in_throttled: "Sign-in slowed down",
  sign_in_refused: "Sign-in refused",
  sign_out: "Signed out",
  denied: "Refused",
  export: "Exported",
  seed: "Reference data loaded",
};

const ENTITY_LABELS: Record<string, string> = {
  user: "Staff account",
  organisation: "Organisation",
  contact: "Contact",
  engagement: "Engagement",
  action: "Action",
  theme: "Theme",
  route: "Page",
  report: "Report",
  session: "Session",
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanise(action);
}

export function auditEntityLabel(entityType: string | null | undefined): string {
  if (!entityType) return "";
  return ENTITY_LABELS[entityType] ?? humanise(entityType);
}
