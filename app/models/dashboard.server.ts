// The home page's figures: what is overdue or due soon and whose it is, what is coming up, what
// was logged lately, who has gone quiet, and how many engagements each month.
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { actions, engagementOrganisations, engagements, organisations, users, type OrganisationKind } from "~db/schema";
import { dueSoonUntil, OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { addMonths, monthStart, todayInUk } from "~/domain/dates";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";

export type OutstandingLine = { overdue: number; dueSoon: number; outstanding: number };

export type OutstandingSummary = {
  totals: OutstandingLine;
  /** key: a staff id as text, "office" (no named person) or "stakeholder". */
  byOwner: (OutstandingLine & { key: string; name: string })[];
  byOrganisationKind: (OutstandingLine & { kind: OrganisationKind | null })[];
};

/** Outstanding actions: overdue, due in the next 7 days, and all, by owner and by kind of organisation. */
export function summariseOutstandingActions(today: string = todayInUk()): OutstandingSummary {
  const soon = dueSoonUntil(today);
  // isOverdue and isDueSoon of ~/domain/actions, in SQL: the rows are the outstanding ones (`where`, below).
  const figures = {
    overdue: sql<number>`coalesce(sum(${actions.dueDate} < ${today}), 0)`,
    dueSoon: sql<number>`coalesce(sum(${actions.dueDate} >= ${today} AND ${actions.dueDate} <= ${soon}), 0)`,
    outstanding: sql<number>`count(*)`,
  };
  const where = and(isNull(engagements.archivedAt), inArray(actions.status, [...OUTSTANDING_ACTION_STATUSES]));
  const ownerRows = db()
    .select({ ownerUserId: actions.ownerUserId, ownerType: actions.ownerType, ...figures })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(where)
    .groupBy(sql`coalesce(${actions.ownerUserId}, ${actions.ownerType})`)
    .all();
  const kindRows = db()
    .select({ kind: organisations.kind, ...figures })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .where(where)
    .groupBy(organisations.kind)
    .all();
  const ids = ownerRows.map((r) => r.ownerUserId).filter((id): id is number => id != null);
  const names = new Map(
    ids.length
      ? db()
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ids))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  const byOwner = ownerRows
    .map((r) => ({
      key: r.ownerUserId != null ? String(r.ownerUserId) : r.ownerType,
      name:
        r.ownerUserId != null
          ? (names.get(r.ownerUserId) ?? "Unknown")
          : r.ownerType === "office"
            ? `${ACTION_OWNER_TYPE_LABELS.office} (no named person)`
            : ACTION_OWNER_TYPE_LABELS.stakeholder,
      overdue: r.overdue,
      dueSoon: r.dueSoon,
      outstanding: r.outstanding,
    }))
    // Most overdue first: the manager's chasing list.
    .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.name.localeCompare(b.name));
  const byOrganisationKind = kindRows
    .map((r) => ({ kind: r.kind, overdue: r.overdue, dueSoon: r.dueSoon, outstanding: r.outstanding }))
    .sort((a, b) => b.overdue - a.overdue || b.outstanding - a.outstanding);
  const totals = ownerRows.reduce(
    (t, r) => ({ overdue: t.overdue + r.overdue, dueSoon: t.dueSoon + r.dueSoon, outstanding: t.outstanding + r.outstanding }),
    { overdue: 0, dueSoon: 0, outstanding: 0 },
  );
  return { totals, byOwner, byOrganisationKind };
}

/**
 * The signed-in person's own outstanding actions that are overdue or due in the next 7 days, most
 * overdue first: what they should do today, before the office's figures. `total` counts them all.
 */
export function listMyDueActions({ userId, today = todayInUk(), limit = 8 }: { userId: number; today?: string; limit?: number }) {
  const where = and(
    eq(actions.ownerUserId, userId),
    inArray(actions.status, [...OUTSTANDING_ACTION_STATUSES]),
    lte(actions.dueDate, dueSoonUntil(today)),
    isNull(engagements.archivedAt),
  );
  const rows = db()
    .select({
      id: actions.id,
      kind: actions.kind,
      description: actions.description,
      dueDate: sql<string>`${actions.dueDate}`,
      organisationName: organisations.name,
      organisationShortName: organisations.shortName,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .where(where)
    .orderBy(asc(actions.dueDate), asc(actions.id))
    .limit(limit)
    .all();
  const total =
    db()
      .select({ n: sql<number>`count(*)` })
      .from(actions)
      .innerJoin(engagements, eq(engagements.id, actions.engagementId))
      .where(where)
      .get()?.n ?? 0;
  return { rows: rows.map((r) => ({ ...r, overdue: r.dueDate < today })), total };
}

/** The names of an engagement's organisations, for lists. */
const organisationNames = sql<string | null>`(
  SELECT group_concat(coalesce(o.short_name, o.name), ', ' ORDER BY coalesce(o.short_name, o.name))
  FROM ${engagementOrganisations} eo JOIN ${organisations} o ON o.id = eo.organisation_id
  WHERE eo.engagement_id = ${engagements.id})`;

const listFields = {
  id: engagements.id,
  title: engagements.title,
  kind: engagements.kind,
  status: engagements.status,
  date: engagements.date,
  startTime: engagements.startTime,
  createdAt: engagements.createdAt,
  organisations: organisationNames,
  leadName: users.name,
};

/** Planned engagements from today on, soonest first. */
export function listUpcomingEngagements({ today = todayInUk(), limit = 6 }: { today?: string; limit?: number } = {}) {
  return db()
    .select(listFields)
    .from(engagements)
    .leftJoin(users, eq(users.id, engagements.leadUserId))
    .where(and(eq(engagements.status, "planned"), gte(engagements.date, today), isNull(engagements.archivedAt)))
    .orderBy(asc(engagements.date), asc(engagements.id))
    .limit(limit)
    .all();
}

/** The engagements most recently recorded (newest record first, whatever their date). */
export function listRecentlyLoggedEngagements(limit = 6) {
  return db()
    .select(listFields)
    .from(engagements)
    .leftJoin(users, eq(users.id, engagements.leadUserId))
    .where(isNull(engagements.archivedAt))
    .orderBy(desc(engagements.id))
    .limit(limit)
    .all();
}

export type QuietOrganisation = {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  lastEngaged: string;
};

/**
 * Organisations the office has engaged before but not in the last `months` months (nothing held
 * or planned between the cut-off and today), longest silent first. Cancelled and archived
 * engagements do not count.
 */
export function listQuietOrganisations({ months, today = todayInUk() }: { months: number; today?: string }): {
  since: string;
  organisations: QuietOrganisation[];
} {
  const since = addMonths(today, -months);
  const counted = and(isNull(engagements.archivedAt), ne(engagements.status, "cancelled"));
  // Engaged recently: a range of the engagements by date, small whatever the history's length.
  const recent = new Set(
    db()
      .selectDistinct({ id: engagementOrganisations.organisationId })
      .from(engagements)
      .innerJoin(engagementOrganisations, eq(engagementOrganisations.engagementId, engagements.id))
      .where(and(gte(engagements.date, since), lte(engagements.date, today), counted))
      .all()
      .map((r) => r.id),
  );
  const candidates = db()
    .select({ id: organisations.id })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .all()
    .map((o) => o.id)
    .filter((id) => !recent.has(id));
  if (!candidates.length) return { since, organisations: [] };
  // The others' last engagement before the cut-off, through each one's own index range.
  const lastEngaged = sql<string>`max(${engagements.date})`;
  const rows = db()
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
      lastEngaged,
    })
    .from(engagementOrganisations)
    .innerJoin(engagements, eq(engagements.id, engagementOrganisations.engagementId))
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(and(inArray(engagementOrganisations.organisationId, candidates), sql`${engagements.date} < ${since}`, counted))
    .groupBy(engagementOrganisations.organisationId)
    .orderBy(asc(lastEngaged), asc(organisations.name))
    .all();
  return { since, organisations: rows };
}

export type MonthlyEngagements = {
  /** "YYYY-MM", oldest first: the 12 months up to and including this one. */
  months: string[];
  /** Engagements each month (an engagement with several organisations counts once). */
  totals: number[];
  /** Per kind of organisation: engagements that month with at least one body of that kind. */
  byKind: { kind: OrganisationKind; counts: number[]; total: number }[];
};

/** Engagements held or planned in each of the last 12 months (to today), by kind of organisation. */
export function countEngagementsPerMonth(today: string = todayInUk()): MonthlyEngagements {
  const from = monthStart(today, -11);
  const months = Array.from({ length: 12 }, (_, i) => monthStart(today, i - 11).slice(0, 7));
  const index = new Map(months.map((m, i) => [m, i]));
  const inRange = and(
    gte(engagements.date, from),
    lte(engagements.date, today),
    isNull(engagements.archivedAt),
    ne(engagements.status, "cancelled"),
  );
  const month = sql<string>`substr(${engagements.date}, 1, 7)`;

  const totals = months.map(() => 0);
  for (const row of db()
    .select({ month, n: sql<number>`count(*)` })
    .from(engagements)
    .where(inRange)
    .groupBy(month)
    .all()) {
    const i = index.get(row.month);
    if (i !== undefined) totals[i] = row.n;
  }
  const byKindMap = new Map<OrganisationKind, number[]>();
  for (const row of db()
    .select({ month, kind: organisations.kind, n: sql<number>`count(DISTINCT ${engagements.id})` })
    .from(engagements)
    .innerJoin(engagementOrganisations, eq(engagementOrganisations.engagementId, engagements.id))
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(inRange)
    .groupBy(month, organisations.kind)
    .all()) {
    const i = index.get(row.month);
    if (i === undefined) continue;
    const counts = byKindMap.get(row.kind) ?? months.map(() => 0);
    counts[i] = row.n;
    byKindMap.set(row.kind, counts);
  }
  const byKind = [...byKindMap.entries()]
    .map(([kind, counts]) => ({ kind, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  return { months, totals, byKind };
}
