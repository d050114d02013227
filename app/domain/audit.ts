// An audit event's before and after (JSON objects of the fields it changed), read and shown one way
// everywhere: the audit trail and the history pages of organisations and engagements.
import {
  ACTION_KIND_LABELS,
  ACTION_OWNER_TYPE_LABELS,
  ACTION_STATUS_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
} from "./engagement-labels";
import { formatDate, formatDateTime, organisationKindLabel } from "./format";
import { ROLE_LABELS } from "./permissions";

export type AuditRecord = Record<string, unknown>;

/** A before or after: its fields, or null when there is none, it is not JSON, or it is not an object. */
export function parseAuditRecord(json: string | null | undefined): AuditRecord | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditRecord) : null;
  } catch {
    return null;
  }
}

/** Whether a record's details were erased (a removed contact's personal data). */
export function isErasedRecord(record: AuditRecord | null): boolean {
  return record?.redacted === "erased";
}

/** The fields an event touched: those of its before and its after, in the order they first appear. */
export function changedFields(before: AuditRecord | null, after: AuditRecord | null): string[] {
  return [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
}

/** Names for the ids a before/after may hold; a page that has none shows the ids. */
type AuditNames = {
  users?: Record<number, string>;
  organisations?: Record<number, string>;
  themes?: Record<number, string>;
  contacts?: Record<number, string>;
};

const ORGANISATION_FIELDS = new Set(["organisationId", "organisationIds", "parentId", "forceId"]);
const USER_FIELDS = new Set(["leadUserId", "ownerUserId", "actorUserId"]);

function labelled(labels: Record<string, string>, value: unknown): string {
  return labels[String(value)] ?? String(value);
}

function named(names: Record<number, string> | undefined, id: unknown, missing: string): string {
  if (!names || typeof id !== "number") return String(id);
  return names[id] ?? missing;
}

/** What is shown for a value that is empty. */
export const EMPTY_VALUE = "(empty)";

/**
 * One before or after value as a person reads it, or null when it is empty: enum codes as their labels, dates
 * and timestamps the GOV.UK way, yes/no, ids as names where the page has them, lists one a line or joined.
 */
export function auditValueText(
  entityType: string | null | undefined,
  field: string,
  value: unknown,
  names: AuditNames = {},
): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value) && !value.length) return null;
  const list = Array.isArray(value) ? value : [value];
  if (ORGANISATION_FIELDS.has(field))
    return list.map((id) => named(names.organisations, id, `Organisation ${id} (no longer exists)`)).join(", ");
  if (USER_FIELDS.has(field)) return list.map((id) => named(names.users, id, `Account #${id}`)).join(", ");
  if (field === "themeIds") return list.map((id) => named(names.themes, id, `Theme #${id}`)).join(", ");
  if (field === "attendees" && entityType === "engagement")
    return list
      .map((ref) => {
        const m = /^(user|contact):(\d+)$/.exec(String(ref));
        if (!m) return String(ref);
        return m[1] === "user"
          ? named(names.users, Number(m[2]), "A member of staff")
          : named(names.contacts, Number(m[2]), "A former contact");
      })
      .join(", ");
  if (field === "agenda" && entityType === "engagement") return list.map((title, i) => `${i + 1}. ${title}`).join("\n");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return JSON.stringify(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) || field.endsWith("At")) return formatDateTime(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field === "kind" && entityType === "organisation") return organisationKindLabel(value);
  if (field === "kind" && entityType === "engagement") return labelled(ENGAGEMENT_KIND_LABELS, value);
  if (field === "kind" && entityType === "action") return labelled(ACTION_KIND_LABELS, value);
  if (field === "status" && entityType === "engagement") return labelled(ENGAGEMENT_STATUS_LABELS, value);
  if (field === "status" && entityType === "action") return labelled(ACTION_STATUS_LABELS, value);
  if (field === "format") return labelled(ENGAGEMENT_FORMAT_LABELS, value);
  if (field === "ownerType") return labelled(ACTION_OWNER_TYPE_LABELS, value);
  if (field === "role" && entityType === "user") return labelled(ROLE_LABELS, value);
  return value;
}
