import { formatDate, formatDateTime } from "~/domain/format";

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

export function humanise(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanise(action);
}

export function auditEntityLabel(entityType: string | null | undefined): string {
  if (!entityType) return "";
  return ENTITY_LABELS[entityType] ?? humanise(entityType);
}

/** A field name as a person reads it: "deactivatedAt" -> "Deactivated at". */
export function fieldLabel(field: string): string {
  return humanise(field);
}

/** A before/after value as text. */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value)) return formatDateTime(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value;
  }
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}
