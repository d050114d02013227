import { formatDateTime, organisationKindLabel } from "~/domain/format";

// Turns audit events' JSON before/after into lines a person can read on an organisation's history page.

export type AuditEventRow = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  summary: string;
  before: string | null;
  after: string | null;
};

export type ReadableChange = { label: string; before: string | null; after: string | null };
/** `recorded`: the event states values (a creation) rather than changing them, so show no "before". */
export type ReadableEvent = {
  id: number;
  when: string;
  who: string;
  summary: string;
  changes: ReadableChange[];
  erased: boolean;
  recorded: boolean;
};

const LABELS: Record<string, string> = {
  name: "Name",
  shortName: "Short name",
  kind: "Kind",
  nation: "Nation or country",
  parentId: "Parent body",
  forceId: "Force overseen",
  website: "Website",
  notes: "Notes",
  archivedAt: "Archived",
  roleTitle: "Role title",
  email: "Email address",
  phone: "Phone number",
  inPost: "In post",
  organisationId: "Organisation",
};

const ORGANISATION_ID_FIELDS = new Set(["parentId", "forceId", "organisationId"]);

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isErased(value: Record<string, unknown> | null) {
  return value?.redacted === "erased";
}

/** The organisation ids named in these events' before/after, so their names can be looked up. */
export function organisationIdsIn(events: AuditEventRow[]): number[] {
  const ids: number[] = [];
  for (const e of events)
    for (const side of [parse(e.before), parse(e.after)])
      for (const [key, value] of Object.entries(side ?? {}))
        if (ORGANISATION_ID_FIELDS.has(key) && typeof value === "number") ids.push(value);
  return ids;
}

function show(key: string, value: unknown, names: Record<number, string>): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (ORGANISATION_ID_FIELDS.has(key) && typeof value === "number") return names[value] ?? `Organisation ${value} (no longer exists)`;
  if (key === "kind") return organisationKindLabel(String(value));
  if (key === "inPost") return value ? "Yes" : "No";
  if (key === "archivedAt") return formatDateTime(String(value));
  return String(value);
}

export function readableEvent(event: AuditEventRow, names: Record<number, string>): ReadableEvent {
  const before = parse(event.before);
  const after = parse(event.after);
  const erased = isErased(before) || isErased(after);
  const keys = erased ? [] : [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  // On a contact's removal the organisation id is kept only to find the event: not a change to show.
  const shown = event.entityType === "contact" && event.action === "delete" ? [] : keys;
  return {
    id: event.id,
    when: formatDateTime(event.at),
    who: event.actorEmail ?? "The system",
    summary: event.summary,
    erased,
    recorded: before === null,
    changes: shown
      .filter((key) => before !== null || show(key, after?.[key], names) !== null)
      .map((key) => ({
        label: LABELS[key] ?? key,
        before: before ? show(key, before[key], names) : null,
        after: after ? show(key, after[key], names) : null,
      })),
  };
}
