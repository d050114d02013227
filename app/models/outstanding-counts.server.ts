// Reading the counters the database keeps of outstanding actions (db/schema/counts.ts, kept by the
// triggers of migrations/*_count-triggers.sql): the dashboard, the register's filter counts and
// coverage read a few hundred rows here instead of every outstanding action. See docs/decisions/0017.
import type { Statement } from "better-sqlite3";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { outstandingActionDueCounts, type ActionKind, type ActionOwnerType, type ActionStatus } from "~db/schema";
import { dueSoonUntil, dueWithinMonthUntil } from "~/domain/actions";

/** One combination of the register's filter values, with how many outstanding actions have it. */
export type CountedGroup = {
  kind: ActionKind;
  status: ActionStatus;
  ownerUserId: number | null;
  ownerType: ActionOwnerType;
  organisationId: number | null;
  dated: boolean;
  n: number;
};

/**
 * The outstanding actions by combination of filter values: of one theme's engagements (themeId) or of all
 * (0); concerning one person (their own, or of engagements they lead or recorded) or everyone (0).
 */
export function readCountedGroups({
  themeId = 0,
  personId = 0,
  ownerUserId,
}: { themeId?: number; personId?: number; ownerUserId?: number } = {}) {
  // A prepared statement and plain arrays: a slice is a few thousand rows at most, read on every dashboard and register page.
  const rows = sliceStatement(ownerUserId !== undefined).all(themeId, personId, ...(ownerUserId !== undefined ? [ownerUserId] : [])) as [
    ActionKind,
    ActionStatus,
    number,
    ActionOwnerType,
    number,
    number,
    number,
  ][];
  return rows.map(([kind, status, owner, ownerType, organisationId, dated, n]): CountedGroup => ({
    kind,
    status,
    ownerUserId: owner || null,
    ownerType,
    organisationId: organisationId || null,
    dated: dated === 1,
    n,
  }));
}

const statements = new WeakMap<object, Map<boolean, Statement>>();
function sliceStatement(byOwner: boolean): Statement {
  const client = db().$client;
  let cached = statements.get(client);
  if (!cached) statements.set(client, (cached = new Map()));
  let statement = cached.get(byOwner);
  if (!statement) {
    statement = client
      .prepare(
        `SELECT kind, status, owner_user_id, owner_type, organisation_id, dated, n FROM outstanding_action_counts
        WHERE theme_id = ? AND person_id = ?${byOwner ? " AND owner_user_id = ?" : ""}`,
      )
      .raw();
    cached.set(byOwner, statement);
  }
  return statement;
}

/** The facets of outstanding_action_due_counts: one filter at a time. */
export type DueFacet = "all" | "owner" | "mine" | "orgKind" | "kind" | "status" | "organisation" | "theme";

/** Of the dated outstanding actions with one facet value: those due today or later, in the next 7 days, in the next 30. */
export type DueWindows = { fromToday: number; week: number; month: number };

/**
 * The due-date windows of the outstanding actions of each value of a facet (all values, or those given).
 * Reads the rows from today on only: what is overdue is the dated count less those, so the cost follows
 * how far ahead things fall due, not how many were ever left overdue.
 */
export function readDueWindows({ facet, values, today }: { facet: DueFacet; values?: string[]; today: string }): Map<string, DueWindows> {
  const d = outstandingActionDueCounts;
  const week = dueSoonUntil(today);
  const month = dueWithinMonthUntil(today);
  const rows = db()
    .select({
      value: d.value,
      fromToday: sql<number>`sum(${d.n})`,
      week: sql<number>`coalesce(sum(CASE WHEN ${d.dueDate} <= ${week} THEN ${d.n} END), 0)`,
      month: sql<number>`coalesce(sum(CASE WHEN ${d.dueDate} <= ${month} THEN ${d.n} END), 0)`,
    })
    .from(d)
    .where(and(eq(d.facet, facet), gte(d.dueDate, today), values ? inArray(d.value, values) : undefined))
    .groupBy(d.value)
    .all();
  return new Map(rows.map((r) => [r.value, { fromToday: r.fromToday, week: r.week, month: r.month }]));
}

export const NO_DUE_WINDOWS: DueWindows = { fromToday: 0, week: 0, month: 0 };

/** The key the dashboard and the register give an owner: a staff id as text, or "office" / "stakeholder". */
export function ownerKey(g: { ownerUserId: number | null; ownerType: string }): string {
  return g.ownerUserId != null ? String(g.ownerUserId) : g.ownerType;
}
