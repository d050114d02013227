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
  sign_in_password: "Password accepted, second factor awaited",
  sign_in_second_factor_failed: "Second factor refused",
  sign_in_second_factor_locked: "Sign-in ended: too many wrong codes",
  sign_in_second_factor_expired: "Second factor too late",
  second_factor_setup_started: "Second factor set-up started",
  second_factor_setup_abandoned: "Second factor set-up abandoned",
  second_factor_added: "Second factor added",
  second_factor_removed: "Second factor removed",
  second_factor_refused: "Second factor change refused",
  second_factor_reset: "Second factors reset",
  recovery_codes_replaced: "New recovery codes",
  change_password: "Password changed",
  change_password_refused: "Password change refused",
  update_refused: "Change refused",
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
  setting: "Setting",
};

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanise(action);
}

export function auditEntityLabel(entityType: string | null | undefined): string {
  if (!entityType) return "";
  return ENTITY_LABELS[entityType] ?? humanise(entityType);
}
