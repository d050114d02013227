// An organisation's engagements: its timeline, open actions and when it was last engaged.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { actions, engagementOrganisations, engagements, organisationEngagementDates, organisations, users } from "~db/schema";
import { isOverdue, OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { todayInUk } from "~/domain/dates";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";

/**
 * What an organisation's page shows of its engagements: the latest ones (newest first), with the
 * chain links; its open commitments and follow-ups; when it was last engaged and next planned; and
 * how many engagements were held each year.
 */
export function getOrganisationEngagementSummary({
  organisationId,
  limit = 20,
  today = todayInUk(),
}: {
  organisationId: number;
  limit?: number;
  today?: string;
}) {
  const database = db();
  const linked = sql`${engagements.id} in (select ${engagementOrganisations.engagementId} from ${engagementOrganisations} where ${engagementOrganisations.organisationId} = ${organisationId})`;
  const live = and(linked, isNull(engagements.archivedAt));
  const recent = database
    .select({
      id: engagements.id,
      title: engagements.title,
      date: engagements.date,
      kind: engagements.kind,
      status: engagements.status,
      marking: engagements.marking,
      summary: engagements.summary,
    })
    .from(engagements)
    .where(live)
    .orderBy(desc(engagements.date), desc(engagements.id))
    .limit(limit)
    .all();
  const ids = recent.map((e) => e.id);
  // The chain: which earlier engagement's follow-up each of these resolved.
  const resolvedFrom = ids.length
    ? database
        .select({
          resolverId: actions.resolvedByEngagementId,
          engagementId: engagements.id,
          title: engagements.title,
          date: engagements.date,
        })
        .from(actions)
        .innerJoin(engagements, eq(engagements.id, actions.engagementId))
        .where(inArray(actions.resolvedByEngagementId, ids))
        .all()
    : [];
  // This body's commitments and follow-ups only: a shared meeting's other organisations' actions are theirs.
  const actionCounts = ids.length
    ? database
        .select({ engagementId: actions.engagementId, kind: actions.kind, n: count() })
        .from(actions)
        .where(and(inArray(actions.engagementId, ids), eq(actions.organisationId, organisationId)))
        .groupBy(actions.engagementId, actions.kind)
        .all()
    : [];
  // Who else was there: the other organisations of each engagement.
  const others = ids.length
    ? database
        .select({
          engagementId: engagementOrganisations.engagementId,
          slug: organisations.slug,
          name: organisations.name,
          shortName: organisations.shortName,
        })
        .from(engagementOrganisations)
        .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
        .where(and(inArray(engagementOrganisations.engagementId, ids), sql`${engagementOrganisations.organisationId} <> ${organisationId}`))
        .orderBy(asc(sql`coalesce(${organisations.shortName}, ${organisations.name})`))
        .all()
    : [];
  const total = database.select({ n: count() }).from(engagements).where(live).get()?.n ?? 0;
  const lastEngagement =
    database
      .select({ id: engagements.id, title: engagements.title, date: engagements.date })
      .from(engagements)
      .where(and(live, eq(engagements.status, "held"), lte(engagements.date, today)))
      .orderBy(desc(engagements.date), desc(engagements.id))
      .limit(1)
      .get() ?? null;
  const lastEngagedOn = lastEngagement?.date ?? null;
  const nextPlanned =
    database
      .select({ id: engagements.id, title: engagements.title, date: engagements.date })
      .from(engagements)
      .where(and(live, eq(engagements.status, "planned"), gte(engagements.date, today)))
      .orderBy(asc(engagements.date), asc(engagements.id))
      .limit(1)
      .get() ?? null;
  const perYear = database
    .select({ year: sql<string>`substr(${engagements.date}, 1, 4)`, n: count() })
    .from(engagements)
    .where(and(live, eq(engagements.status, "held")))
    .groupBy(sql`substr(${engagements.date}, 1, 4)`)
    .orderBy(desc(sql`substr(${engagements.date}, 1, 4)`))
    .all();
  const openActions = database
    .select({
      id: actions.id,
      kind: actions.kind,
      description: actions.description,
      dueDate: actions.dueDate,
      status: actions.status,
      ownerType: actions.ownerType,
      ownerName: actions.ownerName,
      ownerUserName: users.name,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
      engagementDate: engagements.date,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .where(
      and(
        eq(actions.organisationId, organisationId),
        inArray(actions.status, [...OUTSTANDING_ACTION_STATUSES]),
        isNull(engagements.archivedAt),
      ),
    )
    .orderBy(sql`${actions.dueDate} is null`, asc(actions.dueDate), asc(actions.id))
    .limit(200)
    .all();
  return {
    engagements: recent.map((e) => ({
      ...e,
      summary: e.summary ? truncate(e.summary, 200) : null,
      resolvesFrom: resolvedFrom
        .filter((r) => r.resolverId === e.id)
        .map(({ engagementId, title, date }) => ({ id: engagementId, title, date })),
      commitments: actionCounts.find((c) => c.engagementId === e.id && c.kind === "commitment")?.n ?? 0,
      followUps: actionCounts.find((c) => c.engagementId === e.id && c.kind === "follow_up")?.n ?? 0,
      otherOrganisations: others.filter((o) => o.engagementId === e.id).map(({ slug, name, shortName }) => ({ slug, name, shortName })),
    })),
    total,
    lastEngagedOn,
    lastEngagement,
    nextPlanned,
    perYear: perYear.map((r) => ({ year: r.year, count: r.n })),
    openActions: openActions.map(({ ownerUserName, ...a }) => ({
      ...a,
      ownerName:
        a.ownerType === "office"
          ? (ownerUserName ?? ACTION_OWNER_TYPE_LABELS.office)
          : (a.ownerName ?? ACTION_OWNER_TYPE_LABELS.stakeholder),
      overdue: isOverdue(a, today),
    })),
    today,
  };
}
export type OrganisationEngagementSummary = ReturnType<typeof getOrganisationEngagementSummary>;

/**
 * The date each organisation was last engaged (its latest held, unarchived engagement on or before
 * today), for the organisations list: one seek per organisation in organisation_engagement_dates (kept
 * by triggers, see docs/decisions/0017), whatever the length of its history.
 */
export function listLastEngagedDates({
  organisationIds,
  today = todayInUk(),
}: {
  organisationIds: number[];
  today?: string;
}): Record<number, string> {
  if (!organisationIds.length) return {};
  const d = organisationEngagementDates;
  const rows = db()
    .select({
      organisationId: organisations.id,
      date: sql<string | null>`(SELECT ${d.date} FROM ${d}
        WHERE ${d.organisationId} = ${organisations.id} AND ${d.status} = 'held' AND ${d.date} <= ${today}
        ORDER BY ${d.date} DESC LIMIT 1)`,
    })
    .from(organisations)
    .where(inArray(organisations.id, organisationIds))
    .all();
  return Object.fromEntries(rows.flatMap((r) => (r.date ? [[r.organisationId, r.date]] : [])));
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
