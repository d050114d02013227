// An organisation's engagements: its timeline, open actions and when it was last engaged. Every query here is
// a seek into a table kept by triggers (organisation_engagement_dates, the outstanding-action counters: see
// docs/decisions/0017) or a short ordered walk of an index, prepared once: the page costs the same whatever
// the length of the organisation's history (docs/decisions/0025-page-cost.md).
import { preparedStatement } from "~/models/prepared-statements.server";
import { readDueWindowsOf, readOutstandingOfOrganisation } from "~/models/outstanding-counts.server";
import { ENGAGEMENT_STATUSES, type ActionOwnerType, type ActionStatus, type EngagementKind, type EngagementStatus } from "~/domain/enums";
import { isOverdue, OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { todayInUk } from "~/domain/dates";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";

/** How many of an organisation's open actions its page lists (soonest due first); the register has them all. */
export const OPEN_ACTIONS_SHOWN = 10;

type EngagementLink = { id: number; title: string; date: string };

/**
 * The newest `limit` engagements (any status, not archived) of an organisation: the newest of each status from
 * organisation_engagement_dates (each an ordered walk of its key), merged.
 */
function newestEngagementIds(organisationId: number, limit: number): number[] {
  // The statuses are the code's own constants, written into the SQL; the rest is bound.
  const perStatus = ENGAGEMENT_STATUSES.map(
    (status) => `SELECT * FROM (SELECT date, engagement_id AS id FROM organisation_engagement_dates
      WHERE organisation_id = @organisationId AND status = '${status}' ORDER BY date DESC, engagement_id DESC LIMIT @limit)`,
  ).join(" UNION ALL ");
  return (
    preparedStatement(`${perStatus} ORDER BY date DESC, id DESC LIMIT @limit`).all({ organisationId, limit }) as { id: number }[]
  ).map((r) => r.id);
}

/** One held or planned engagement nearest today: the last held on or before it, or the next planned from it. */
function nearest(organisationId: number, which: "last" | "next", today: string): EngagementLink | null {
  const text =
    which === "last"
      ? `SELECT e.id, e.title, e.date FROM organisation_engagement_dates d JOIN engagements e ON e.id = d.engagement_id
         WHERE d.organisation_id = ? AND d.status = 'held' AND d.date <= ? ORDER BY d.date DESC, d.engagement_id DESC LIMIT 1`
      : `SELECT e.id, e.title, e.date FROM organisation_engagement_dates d JOIN engagements e ON e.id = d.engagement_id
         WHERE d.organisation_id = ? AND d.status = 'planned' AND d.date >= ? ORDER BY d.date, d.engagement_id LIMIT 1`;
  return (preparedStatement(text).get(organisationId, today) as EngagementLink | undefined) ?? null;
}

type OpenActionRow = {
  id: number;
  kind: "commitment" | "follow_up";
  description: string;
  dueDate: string | null;
  status: ActionStatus;
  ownerType: ActionOwnerType;
  ownerName: string | null;
  ownerUserName: string | null;
  engagementId: number;
  engagementTitle: string;
  engagementDate: string;
};

/**
 * The organisation's first `limit` outstanding actions of unarchived engagements, soonest due first (those
 * without a date last): for each outstanding status, an ordered walk of actions_org_status_due_idx that stops
 * once it has `limit` live ones, dated and undated; then merged.
 */
function firstOpenActions(organisationId: number, limit: number): OpenActionRow[] {
  const walk = (dated: boolean, status: string) =>
    `SELECT * FROM (SELECT a.id, a.kind, a.description, a.due_date AS dueDate, a.status, a.owner_type AS ownerType,
        a.owner_name AS ownerName, u.name AS ownerUserName, e.id AS engagementId, e.title AS engagementTitle, e.date AS engagementDate
      FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN users u ON u.id = a.owner_user_id
      WHERE a.organisation_id = @organisationId AND a.status = '${status}' AND a.due_date IS ${dated ? "NOT NULL" : "NULL"}
        AND e.archived_at IS NULL
      ORDER BY a.due_date, a.id LIMIT @limit)`;
  const parts = OUTSTANDING_ACTION_STATUSES.flatMap((status) => [walk(true, status), walk(false, status)]);
  return preparedStatement(`SELECT * FROM (${parts.join(" UNION ALL ")}) ORDER BY dueDate IS NULL, dueDate, id LIMIT @limit`).all({
    organisationId,
    limit,
  }) as OpenActionRow[];
}

/**
 * How many outstanding actions the organisation has (of unarchived engagements), and how many of them are
 * overdue: from the counters the triggers keep. Overdue = those with a due date less those due from today on,
 * so the cost follows how far ahead things fall due, not how many were ever left overdue.
 */
function openActionCounts(organisationId: number, today: string): { open: number; overdue: number } {
  const counts = readOutstandingOfOrganisation(organisationId);
  const { fromToday } = readDueWindowsOf({ facet: "organisation", value: String(organisationId), today });
  return { open: counts.outstanding, overdue: counts.dated - fromToday };
}

/**
 * What an organisation's page shows of its engagements: the latest ones (newest first), with the
 * chain links; the first of its open commitments and follow-ups with how many there are and how many
 * are overdue; when it was last engaged and next planned; and how many engagements were held each year.
 */
export function getOrganisationEngagementSummary({
  organisationId,
  limit = 20,
  openLimit = OPEN_ACTIONS_SHOWN,
  today = todayInUk(),
}: {
  organisationId: number;
  limit?: number;
  openLimit?: number;
  today?: string;
}) {
  const ids = JSON.stringify(newestEngagementIds(organisationId, limit));
  const recent = preparedStatement(
    `SELECT id, title, date, kind, status, marking, summary FROM engagements
     WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date DESC, id DESC`,
  ).all(ids) as {
    id: number;
    title: string;
    date: string;
    kind: EngagementKind;
    status: EngagementStatus;
    marking: "OFFICIAL" | "OFFICIAL-SENSITIVE";
    summary: string | null;
  }[];
  // The chain: which earlier engagement's follow-up each of these resolved.
  const resolvedFrom = preparedStatement(
    `SELECT a.resolved_by_engagement_id AS resolverId, e.id AS engagementId, e.title, e.date
     FROM actions a JOIN engagements e ON e.id = a.engagement_id WHERE a.resolved_by_engagement_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as { resolverId: number; engagementId: number; title: string; date: string }[];
  // This body's commitments and follow-ups only: a shared meeting's other organisations' actions are theirs.
  const actionCounts = preparedStatement(
    `SELECT engagement_id AS engagementId, kind, count(*) AS n FROM actions
     WHERE engagement_id IN (SELECT value FROM json_each(?)) AND organisation_id = ? GROUP BY engagement_id, kind`,
  ).all(ids, organisationId) as { engagementId: number; kind: string; n: number }[];
  // Who else was there: the other organisations of each engagement.
  const others = preparedStatement(
    `SELECT eo.engagement_id AS engagementId, o.slug, o.name, o.short_name AS shortName
     FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id
     WHERE eo.engagement_id IN (SELECT value FROM json_each(?)) AND eo.organisation_id <> ? ORDER BY coalesce(o.short_name, o.name)`,
  ).all(ids, organisationId) as { engagementId: number; slug: string; name: string; shortName: string | null }[];
  // Both from the month counts (a dozen rows a year), not from every engagement the organisation ever had.
  const total = (
    preparedStatement(`SELECT coalesce(sum(n), 0) AS n FROM organisation_engagement_month_counts WHERE organisation_id = ?`).get(
      organisationId,
    ) as { n: number }
  ).n;
  const lastEngagement = nearest(organisationId, "last", today);
  const nextPlanned = nearest(organisationId, "next", today);
  const perYear = preparedStatement(
    `SELECT substr(month, 1, 4) AS year, sum(n) AS count FROM organisation_engagement_month_counts
     WHERE organisation_id = ? AND status = 'held' GROUP BY substr(month, 1, 4) ORDER BY year DESC`,
  ).all(organisationId) as { year: string; count: number }[];
  const counts = openActionCounts(organisationId, today);
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
    lastEngagedOn: lastEngagement?.date ?? null,
    lastEngagement,
    nextPlanned,
    perYear,
    openActions: firstOpenActions(organisationId, openLimit).map(({ ownerUserName, ...a }) => ({
      ...a,
      ownerName:
        a.ownerType === "office"
          ? (ownerUserName ?? ACTION_OWNER_TYPE_LABELS.office)
          : (a.ownerName ?? ACTION_OWNER_TYPE_LABELS.stakeholder),
      overdue: isOverdue(a, today),
    })),
    openActionCount: counts.open,
    overdueActionCount: counts.overdue,
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
  const rows = preparedStatement(
    `SELECT o.value AS organisationId, (SELECT d.date FROM organisation_engagement_dates d
       WHERE d.organisation_id = o.value AND d.status = 'held' AND d.date <= ? ORDER BY d.date DESC LIMIT 1) AS date
     FROM json_each(?) o`,
  ).all(today, JSON.stringify(organisationIds)) as { organisationId: number; date: string | null }[];
  return Object.fromEntries(rows.flatMap((r) => (r.date ? [[r.organisationId, r.date]] : [])));
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
