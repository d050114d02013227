import { auditValueText, changedFields, isErasedRecord, parseAuditRecord } from "~/domain/audit";
import { fieldLabel } from "~/domain/field-labels";
import { formatDateTime } from "~/domain/format";

// Turns audit events' before/after into lines a person can read on an organisation's history page.

type AuditEventRow = {
  id: number;
  at: string;
  actorUserId: number | null;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  summary: string;
  before: string | null;
  after: string | null;
};

type ReadableChange = { label: string; before: string | null; after: string | null };
/** `recorded`: the event states values (a creation) rather than changing them, so show no "before". */
type ReadableEvent = {
  id: number;
  when: string;
  who: string;
  summary: string;
  changes: ReadableChange[];
  erased: boolean;
  recorded: boolean;
};

const ORGANISATION_ID_FIELDS = new Set(["parentId", "forceId", "organisationId"]);

/** The organisation ids named in these events' before/after, so their names can be looked up. */
export function organisationIdsIn(events: AuditEventRow[]): number[] {
  const ids: number[] = [];
  for (const e of events)
    for (const side of [parseAuditRecord(e.before), parseAuditRecord(e.after)])
      for (const [key, value] of Object.entries(side ?? {}))
        if (ORGANISATION_ID_FIELDS.has(key) && typeof value === "number") ids.push(value);
  return ids;
}

/** `actors`: staff names by account id, so the table says who by name. */
export function readableEvent(event: AuditEventRow, names: Record<number, string>, actors: Record<number, string> = {}): ReadableEvent {
  const before = parseAuditRecord(event.before);
  const after = parseAuditRecord(event.after);
  const erased = isErasedRecord(before) || isErasedRecord(after);
  // On a contact's removal the organisation id is kept only to find the event: not a change to show.
  const shown = erased || (event.entityType === "contact" && event.action === "delete") ? [] : changedFields(before, after);
  const show = (key: string, value: unknown) => auditValueText(event.entityType, key, value, { organisations: names });
  return {
    id: event.id,
    when: formatDateTime(event.at),
    who: (event.actorUserId != null ? actors[event.actorUserId] : undefined) ?? event.actorEmail ?? "The system",
    summary: event.summary,
    erased,
    recorded: before === null,
    changes: shown
      .filter((key) => before !== null || show(key, after?.[key]) !== null)
      .map((key) => ({
        label: fieldLabel(event.entityType, key),
        before: before ? show(key, before[key]) : null,
        after: after ? show(key, after[key]) : null,
      })),
  };
}
