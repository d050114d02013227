import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { actions, auditEvents, contacts, organisations } from "~db/schema";
import type { Role } from "~/domain/permissions";
import { ForbiddenError, RefusedFieldsError, type Refusal } from "./errors";

export type Actor = { id: number; email: string; role: Role; ip?: string | null };

export type AuditInput = {
  actor: Pick<Actor, "id" | "email" | "ip"> | null;
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
};

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Write one audit event. Pass the transaction of the change it records (models write through
 * writeTransaction; server.ts's start-up and cross-site refusal pass its own connection).
 */
export function recordAudit(tx: Tx | Db, event: AuditInput): void {
  tx.insert(auditEvents)
    .values({
      at: nowIso(),
      actorUserId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId == null ? null : String(event.entityId),
      summary: event.summary,
      before: event.before ? JSON.stringify(event.before) : null,
      after: event.after ? JSON.stringify(event.after) : null,
      ip: event.ip ?? event.actor?.ip ?? null,
    })
    .run();
}

/**
 * The audit event of archiving or restoring a record: "`named` archived" (or restored), with the archivedAt it
 * had and has now; "`named` archived (import undone)" when `because` says why it was not done by hand.
 */
export function recordArchiving(
  tx: Tx,
  {
    actor,
    entityType,
    entityId,
    named,
    archived,
    before,
    after,
    because,
  }: {
    actor: Actor;
    entityType: string;
    entityId: number;
    /** The record as the summary names it: "Theme “Drugs”". */
    named: string;
    archived: boolean;
    before: string | null;
    after: string | null;
    because?: string;
  },
): void {
  recordAudit(tx, {
    actor,
    action: archived ? "archive" : "restore",
    entityType,
    entityId,
    summary: `${named} ${archived ? "archived" : "restored"}${because ? ` (${because})` : ""}`,
    before: { archivedAt: before },
    after: { archivedAt: after },
  });
}

/** The audit event of a CSV download: "`what` downloaded as CSV (n rows)", with the filters it was made with. */
export async function recordCsvDownload(
  actor: Actor,
  download: { entityType: string; what: string; filters: Record<string, unknown>; rowCount: number },
): Promise<void> {
  const { what, filters, rowCount } = download;
  await writeTransaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "export",
      entityType: download.entityType,
      summary: `${what} downloaded as CSV (${rowCount} ${rowCount === 1 ? "row" : "rows"})`,
      after: { format: "csv", filters, rows: rowCount },
    }),
  );
}

/**
 * The one way a refusal enters the audit trail: each refusal an event of its own (action "denied"), in a
 * transaction of its own, since the refused request wrote nothing. The role guards (requireRole), the models'
 * record-level refusals (through withRefusalsRecorded) and the cross-site check all come here, so the 403 page's
 * "the attempt has been recorded" holds on every path.
 */
export async function recordRefusals({
  actor,
  refusals,
  ip,
}: {
  actor: Pick<Actor, "id" | "email" | "ip"> | null;
  refusals: Refusal[];
  ip?: string | null;
}): Promise<void> {
  if (!refusals.length) return;
  await writeTransaction((tx) => {
    for (const refusal of refusals)
      recordAudit(tx, {
        actor,
        action: "denied",
        entityType: refusal.entityType,
        entityId: refusal.entityId,
        summary: refusal.summary,
        ip,
      });
  });
}

/** The refusal of a whole request by the role guard: "POST /organisations/new refused: needs officer, has viewer". */
export function routeRefusal({ method, path, needed, has }: { method: string; path: string; needed: string; has: string }): Refusal {
  return { entityType: "route", entityId: path, summary: `${method} ${path} refused: needs ${needed}, has ${has}` };
}

/**
 * Run a model's write on behalf of `actor`. When it refuses (ForbiddenError or RefusedFieldsError with the
 * refusals), the refused transaction has rolled back: the refusals are recorded, then the error goes on to the
 * route (403, or 400 at the fields).
 */
export async function withRefusalsRecorded<T>(actor: Pick<Actor, "id" | "email" | "ip">, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof RefusedFieldsError) await recordRefusals({ actor, refusals: error.refusals });
    throw error;
  }
}

/** The fields that differ between two versions of a record, as {before, after}. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  ignore: string[] = ["updatedAt", "version", "createdAt"],
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (ignore.includes(key)) continue;
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was;
      a[key] = now;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

export type AuditFilters = {
  actorUserId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: string; // YYYY-MM-DD, UK local date
  to?: string; // YYYY-MM-DD, UK local date, inclusive
  before?: number; // keyset cursor: the page of events older than this id
  after?: number; // keyset cursor: the page of events newer than this id
};

export const AUDIT_PAGE_SIZE = 50;

export type AuditEvent = typeof auditEvents.$inferSelect;
/** An audit event with the address of the page of the record it is about, where there is one. */
export type AuditEventWithLink = AuditEvent & { entityHref: string | null };

/** The UTC instant at which a UK calendar date begins (midnight in Europe/London). */
export function ukMidnightIso(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  // Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const utcMidnight = new Date(0).setUTCFullYear(y, m - 1, d);
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" })
    .formatToParts(new Date(utcMidnight))
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-]\d+)?(?::(\d+))?/.exec(offset ?? "");
  const hours = match?.[1] ? Number(match[1]) : 0;
  const minutes = match?.[2] ? Number(match[2]) * Math.sign(hours || 1) : 0;
  return new Date(utcMidnight - (hours * 60 + minutes) * 60_000).toISOString();
}

/** The day after `date`, or null after 9999-12-31 (an ISO timestamp has four-digit years). */
function nextDay(date: string): string | null {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCFullYear() > 9999 ? null : d.toISOString().slice(0, 10);
}

function filterConditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.actorUserId) where.push(eq(auditEvents.actorUserId, filters.actorUserId));
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.entityType) where.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditEvents.entityId, filters.entityId));
  if (filters.from) where.push(gte(auditEvents.at, ukMidnightIso(filters.from)));
  const dayAfterTo = filters.to ? nextDay(filters.to) : null;
  if (dayAfterTo) where.push(lt(auditEvents.at, ukMidnightIso(dayAfterTo)));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`${auditEvents.summary} LIKE ${pattern} ESCAPE '\\'`,
        sql`${auditEvents.actorEmail} LIKE ${pattern} ESCAPE '\\'`,
        sql`${auditEvents.entityId} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  return where;
}

/**
 * One page of the trail, newest first, keyset-paginated by id (ids grow with time, and never repeat).
 * `before` pages towards older events, `after` towards newer ones. Returns the cursors for the
 * neighbouring pages, or null where there is none.
 */
/** One page of events matching the filters, newest first (keyset on id: `before`/`after`). */
export function listAuditEvents({ limit = AUDIT_PAGE_SIZE, ...filters }: AuditFilters & { limit?: number }) {
  const where = filterConditions(filters);
  const towardsNewer = filters.before == null && filters.after != null;
  const cursor = towardsNewer
    ? gt(auditEvents.id, filters.after!)
    : filters.before != null
      ? lt(auditEvents.id, filters.before)
      : undefined;
  const rows = db()
    .select()
    .from(auditEvents)
    .where(and(...where, cursor))
    .orderBy(towardsNewer ? asc(auditEvents.id) : desc(auditEvents.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (towardsNewer) page.reverse();
  const events = withEntityLinks(page);
  if (!events.length) return { events, nextBefore: null, previousAfter: null };
  const newest = events[0].id;
  const oldest = events[events.length - 1].id;
  const exists = (condition: SQL) =>
    Boolean(
      db()
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(...where, condition))
        .limit(1)
        .get(),
    );
  const hasOlder = towardsNewer ? exists(lt(auditEvents.id, oldest)) : more;
  const hasNewer = towardsNewer ? more : filters.before != null ? exists(gt(auditEvents.id, newest)) : false;
  return { events, nextBefore: hasOlder ? oldest : null, previousAfter: hasNewer ? newest : null };
}

/**
 * The page each event's record lives on. Organisations are addressed by slug and contacts by their
 * organisation, so those are looked up: one primary-key lookup per event on the page.
 */
function withEntityLinks(events: AuditEvent[]): AuditEventWithLink[] {
  const ids = (type: string) => [
    ...new Set(events.filter((e) => e.entityType === type && /^\d+$/.test(e.entityId ?? "")).map((e) => Number(e.entityId))),
  ];
  const organisationIds = ids("organisation");
  const contactIds = ids("contact");
  const actionIds = ids("action");
  const slugs = new Map<number, string>();
  if (organisationIds.length)
    for (const o of db()
      .select({ id: organisations.id, slug: organisations.slug })
      .from(organisations)
      .where(inArray(organisations.id, organisationIds))
      .all())
      slugs.set(o.id, o.slug);
  const contactSlugs = new Map<number, string>();
  if (contactIds.length)
    for (const c of db()
      .select({ id: contacts.id, slug: organisations.slug })
      .from(contacts)
      .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
      .where(inArray(contacts.id, contactIds))
      .all())
      contactSlugs.set(c.id, c.slug);
  const actionEngagements = new Map<number, number>();
  if (actionIds.length)
    for (const a of db()
      .select({ id: actions.id, engagementId: actions.engagementId })
      .from(actions)
      .where(inArray(actions.id, actionIds))
      .all())
      actionEngagements.set(a.id, a.engagementId);
  return events.map((event) => {
    const id = /^\d+$/.test(event.entityId ?? "") ? Number(event.entityId) : null;
    let entityHref: string | null = null;
    if (id != null) {
      if (event.entityType === "user") entityHref = `/admin/users/${id}`;
      else if (event.entityType === "engagement") entityHref = `/engagements/${id}`;
      else if (event.entityType === "organisation" && slugs.has(id)) entityHref = `/organisations/${slugs.get(id)}`;
      else if (event.entityType === "contact" && contactSlugs.has(id)) entityHref = `/organisations/${contactSlugs.get(id)}`;
      else if (event.entityType === "action" && actionEngagements.has(id)) entityHref = `/engagements/${actionEngagements.get(id)}`;
    }
    return { ...event, entityHref };
  });
}

/** An entity's own history, newest first. */
export function listEntityHistory({
  entityType,
  entityId,
  limit = 200,
}: {
  entityType: string;
  entityId: string | number;
  limit?: number;
}) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(entityId))))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}

export function listAuditActions(): string[] {
  return db()
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action)
    .all()
    .map((r) => r.action);
}

export function listAuditEntityTypes(): string[] {
  return db()
    .selectDistinct({ entityType: auditEvents.entityType })
    .from(auditEvents)
    .where(isNotNull(auditEvents.entityType))
    .orderBy(auditEvents.entityType)
    .all()
    .map((r) => r.entityType!)
    .filter(Boolean);
}

/** When a person last signed in, from the trail. */
export function lastSignInAt(userId: number): string | null {
  return (
    db()
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "sign_in")))
      .orderBy(desc(auditEvents.id))
      .limit(1)
      .get()?.at ?? null
  );
}
