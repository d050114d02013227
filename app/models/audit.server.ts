import { and, desc, eq, gte, like, lt, lte, or, type SQL } from "drizzle-orm";
import { db, type Tx } from "~db/connection";
import { auditEvents } from "~db/schema";

export type Actor = { id: number; email: string; role: string; ip?: string | null };

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

/** Write one audit event. Pass the transaction of the change it records. */
export function recordAudit(tx: Tx | ReturnType<typeof db>, event: AuditInput): void {
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
  from?: string; // YYYY-MM-DD
  to?: string; // YYYY-MM-DD
  before?: number; // keyset cursor: events with id < before
};

export const AUDIT_PAGE_SIZE = 50;

export function listAuditEvents(filters: AuditFilters, limit = AUDIT_PAGE_SIZE) {
  const where: SQL[] = [];
  if (filters.actorUserId) where.push(eq(auditEvents.actorUserId, filters.actorUserId));
  if (filters.action) where.push(eq(auditEvents.action, filters.action));
  if (filters.entityType) where.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditEvents.entityId, filters.entityId));
  if (filters.from) where.push(gte(auditEvents.at, filters.from));
  if (filters.to) where.push(lte(auditEvents.at, `${filters.to}T23:59:59.999Z`));
  if (filters.before) where.push(lt(auditEvents.id, filters.before));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(like(auditEvents.summary, pattern), like(auditEvents.actorEmail, pattern))!);
  }
  const rows = db()
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1)
    .all();
  const hasMore = rows.length > limit;
  const events = rows.slice(0, limit);
  return { events, nextBefore: hasMore ? events[events.length - 1].id : null };
}

/** An entity's own history, newest first. */
export function listEntityHistory(entityType: string, entityId: string | number, limit = 200) {
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
