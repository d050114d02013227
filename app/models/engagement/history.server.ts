// An engagement's history: its audit events and those of its actions, with the names they refer to.
import { and, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
import { actions, auditEvents, contacts, engagements, organisations, themes, users } from "~db/schema";
import { parseAuditRecord } from "~/domain/audit";
import type { HistoryWords } from "~/domain/history-words";

/** The engagement's audit events and those of its actions, newest first. */
export function listEngagementHistory({ id, limit = 500 }: { id: number; limit?: number }) {
  const actionIds = db()
    .select({ id: actions.id })
    .from(actions)
    .where(or(eq(actions.engagementId, id), eq(actions.resolvedByEngagementId, id)))
    .all()
    .map((a) => String(a.id));
  const conditions: SQL[] = [and(eq(auditEvents.entityType, "engagement"), eq(auditEvents.entityId, String(id)))!];
  if (actionIds.length) conditions.push(and(eq(auditEvents.entityType, "action"), inArray(auditEvents.entityId, actionIds))!);
  return db()
    .select()
    .from(auditEvents)
    .where(or(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}

/** Names for the ids an audit event's before/after hold, so the history reads in words. */
export function namesForHistory(events: { before: string | null; after: string | null }[]) {
  const orgIds = new Set<number>();
  const userIds = new Set<number>();
  const themeIds = new Set<number>();
  const contactIds = new Set<number>();
  const collect = (json: string | null) => {
    const value = parseAuditRecord(json);
    if (!value) return;
    const ids = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === "number");
    for (const i of ids(value.organisationIds)) orgIds.add(i);
    for (const i of ids(value.organisationId)) orgIds.add(i);
    for (const i of ids(value.themeIds)) themeIds.add(i);
    for (const i of ids(value.leadUserId)) userIds.add(i);
    for (const i of ids(value.ownerUserId)) userIds.add(i);
    if (Array.isArray(value.attendees))
      for (const ref of value.attendees) {
        const m = /^(user|contact):(\d+)$/.exec(String(ref));
        if (m) (m[1] === "user" ? userIds : contactIds).add(Number(m[2]));
      }
  };
  for (const e of events) {
    collect(e.before);
    collect(e.after);
  }
  const database = db();
  const map = <T extends { id: number; name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r.name]));
  return {
    organisations: orgIds.size
      ? map(
          database
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, [...orgIds]))
            .all(),
        )
      : {},
    users: userIds.size
      ? map(
          database
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, [...userIds]))
            .all(),
        )
      : {},
    themes: themeIds.size
      ? map(
          database
            .select({ id: themes.id, name: themes.name })
            .from(themes)
            .where(inArray(themes.id, [...themeIds]))
            .all(),
        )
      : {},
    contacts: contactIds.size
      ? map(
          database
            .select({ id: contacts.id, name: contacts.name })
            .from(contacts)
            .where(inArray(contacts.id, [...contactIds]))
            .all(),
        )
      : {},
  };
}

/**
 * The words behind the ids in these events' summaries: each action's description (now, or as its
 * last event recorded it, for one since removed) and the titles of the engagements named.
 */
export function wordsForHistory(
  events: { entityType: string | null; entityId: string | null; summary: string; before: string | null; after: string | null }[],
  thisEngagementId?: number,
): HistoryWords {
  const actionIds = new Set<number>();
  const engagementIds = new Set<number>();
  const recorded: Record<number, string> = {};
  for (const e of events) {
    for (const m of e.summary.matchAll(/\b(?:Commitment|Follow-up|action) #(\d+)/g)) actionIds.add(Number(m[1]));
    for (const m of e.summary.matchAll(/\bengagement #(\d+)/g)) engagementIds.add(Number(m[1]));
    if (e.entityType === "action" && e.entityId && /^\d+$/.test(e.entityId)) {
      const description = [parseAuditRecord(e.after), parseAuditRecord(e.before)]
        .map((r) => r?.description)
        .find((d) => typeof d === "string");
      // Newest first: the first description met is the latest recorded.
      if (typeof description === "string" && !(Number(e.entityId) in recorded)) recorded[Number(e.entityId)] = description;
    }
  }
  const database = db();
  const current = actionIds.size
    ? database
        .select({ id: actions.id, description: actions.description })
        .from(actions)
        .where(inArray(actions.id, [...actionIds]))
        .all()
    : [];
  const titles = engagementIds.size
    ? database
        .select({ id: engagements.id, title: engagements.title })
        .from(engagements)
        .where(inArray(engagements.id, [...engagementIds]))
        .all()
    : [];
  return {
    actions: { ...recorded, ...Object.fromEntries(current.map((a) => [a.id, a.description])) },
    engagements: Object.fromEntries(titles.map((t) => [t.id, t.title])),
    thisEngagementId,
  };
}
