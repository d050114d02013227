// The home page's figures: what is overdue or due soon and whose it is, what is coming up, what
// was logged lately, who has gone quiet, and how many engagements each month.
import type { ActionKind, EngagementKind, EngagementStatus, OrganisationKind } from "~db/schema";
import { dueSoonUntil, OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { addMonths, monthStart, todayInUk } from "~/domain/dates";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";
import {
  countDatedOwnedBy,
  countDueAfter,
  NO_DUE_WINDOWS,
  ownerKey,
  readDueWindows,
  readOutstandingByOrganisationKind,
  readOutstandingByOwner,
  type DueWindows,
} from "./outstanding-counts.server";
import { preparedRaw, preparedStatement } from "./prepared-statements.server";

export type OutstandingLine = { overdue: number; dueSoon: number; outstanding: number };

export type OutstandingSummary = {
  totals: OutstandingLine;
  /** key: a staff id as text, "office" (no named person) or "stakeholder". */
  byOwner: (OutstandingLine & { key: string; name: string })[];
  byOrganisationKind: (OutstandingLine & { kind: OrganisationKind | null })[];
};

/**
 * Outstanding actions: overdue, due in the next 7 days, and all, by owner and by kind of organisation.
 * From the counters (outstanding-counts.server.ts): a few hundred rows whatever the length of the history.
 */
export function summariseOutstandingActions(today: string = todayInUk()): OutstandingSummary {
  // Summed by owner and by kind of organisation in SQL: a dozen rows reach JavaScript, not every combination.
  const byOwnerKey = new Map(readOutstandingByOwner().map((r) => [ownerKey(r), r]));
  const byKind = readOutstandingByOrganisationKind();
  // isOverdue and isDueSoon of ~/domain/actions: overdue is dated but not due from today on.
  const line = (counted: { outstanding: number; dated: number }, due: DueWindows = NO_DUE_WINDOWS): OutstandingLine => ({
    overdue: counted.dated - due.fromToday,
    dueSoon: due.week,
    outstanding: counted.outstanding,
  });
  const ownerDue = readDueWindows({ facet: "owner", today });
  const kindDue = readDueWindows({ facet: "orgKind", today });
  const ids = [...byOwnerKey.values()].map((r) => r.ownerUserId).filter((id): id is number => id != null);
  const names = new Map(
    ids.length
      ? (preparedRaw("SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify(ids)) as [
          number,
          string,
        ][])
      : [],
  );
  const byOwner = [...byOwnerKey.entries()]
    .map(([key, r]) => ({
      key,
      name:
        r.ownerUserId != null
          ? (names.get(r.ownerUserId) ?? "Unknown")
          : r.ownerType === "office"
            ? `${ACTION_OWNER_TYPE_LABELS.office} (no named person)`
            : ACTION_OWNER_TYPE_LABELS.stakeholder,
      ...line(r, ownerDue.get(key)),
    }))
    // Most overdue first: the manager's chasing list.
    .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.name.localeCompare(b.name));
  const byOrganisationKind = byKind
    .map((r) => ({ kind: r.kind, ...line(r, kindDue.get(r.kind ?? "")) }))
    .sort((a, b) => b.overdue - a.overdue || b.outstanding - a.outstanding);
  const totals = byOwner.reduce(
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
  const soon = dueSoonUntil(today);
  // One index range of (owner, status, due date) per status, merged here: SQLite cannot merge the two
  // statuses in due-date order itself and would sort every one of the person's outstanding actions.
  const due = preparedStatement(
    `SELECT a.id, a.kind, a.description, a.due_date AS dueDate, o.name AS organisationName, o.short_name AS organisationShortName,
      e.id AS engagementId, e.title AS engagementTitle
    FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations o ON o.id = a.organisation_id
    WHERE a.owner_user_id = @userId AND a.status = @status AND a.due_date <= @soon AND e.archived_at IS NULL
    ORDER BY a.due_date, a.id LIMIT @limit`,
  );
  const rows = OUTSTANDING_ACTION_STATUSES.flatMap(
    (status) =>
      due.all({ userId, status, soon, limit }) as {
        id: number;
        kind: ActionKind;
        description: string;
        dueDate: string;
        organisationName: string | null;
        organisationShortName: string | null;
        engagementId: number;
        engagementTitle: string;
      }[],
  )
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id))
    .slice(0, limit);
  // Overdue or due soon: dated, less those due after the due-soon window.
  const dated = countDatedOwnedBy(userId);
  const later = countDueAfter({ facet: "owner", value: String(userId), after: soon });
  return { rows: rows.map((r) => ({ ...r, overdue: r.dueDate < today })), total: dated - later };
}

/** An engagement in the dashboard's lists, with the names of its organisations and its lead. */
export type DashboardEngagement = {
  id: number;
  title: string;
  kind: EngagementKind;
  status: EngagementStatus;
  date: string;
  startTime: string | null;
  createdAt: string;
  organisations: string | null;
  leadName: string | null;
};

const LIST_SELECT = `SELECT e.id, e.title, e.kind, e.status, e.date, e.start_time AS startTime, e.created_at AS createdAt,
    (SELECT group_concat(coalesce(o.short_name, o.name), ', ' ORDER BY coalesce(o.short_name, o.name))
      FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = e.id) AS organisations,
    u.name AS leadName
  FROM engagements e LEFT JOIN users u ON u.id = e.lead_user_id`;

/** Planned engagements from today on, soonest first. */
export function listUpcomingEngagements({
  today = todayInUk(),
  limit = 6,
}: { today?: string; limit?: number } = {}): DashboardEngagement[] {
  return preparedStatement(
    `${LIST_SELECT} WHERE e.status = 'planned' AND e.date >= ? AND e.archived_at IS NULL ORDER BY e.date, e.id LIMIT ?`,
  ).all(today, limit) as DashboardEngagement[];
}

/** The engagements most recently recorded (newest record first, whatever their date). */
export function listRecentlyLoggedEngagements(limit = 6): DashboardEngagement[] {
  return preparedStatement(`${LIST_SELECT} WHERE e.archived_at IS NULL ORDER BY e.id DESC LIMIT ?`).all(limit) as DashboardEngagement[];
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
  // Each organisation's last engagement up to today (held or planned, not archived): one seek per status
  // in organisation_engagement_dates, whatever the length of its history.
  const last = (status: "held" | "planned") => `(
    SELECT d.date FROM organisation_engagement_dates d
    WHERE d.organisation_id = o.id AND d.status = '${status}' AND d.date <= @today
    ORDER BY d.date DESC LIMIT 1)`;
  const rows = preparedStatement(
    `SELECT o.id, o.slug, o.name, o.short_name AS shortName, o.kind, ${last("held")} AS held, ${last("planned")} AS planned
    FROM organisations o WHERE o.archived_at IS NULL`,
  ).all({ today }) as (Omit<QuietOrganisation, "lastEngaged"> & { held: string | null; planned: string | null })[];
  const quiet: QuietOrganisation[] = [];
  for (const { held, planned, ...o } of rows) {
    const lastEngaged = held && planned ? (held > planned ? held : planned) : (held ?? planned);
    if (lastEngaged && lastEngaged < since) quiet.push({ ...o, lastEngaged });
  }
  // Longest silent first, then by name (as SQLite compares text).
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { since, organisations: quiet.sort((a, b) => compare(a.lastEngaged, b.lastEngaged) || compare(a.name, b.name)) };
}

export type MonthlyEngagements = {
  /** "YYYY-MM", oldest first: the 12 months up to and including this one. */
  months: string[];
  /** Engagements each month (an engagement with several organisations counts once). */
  totals: number[];
  /** Per kind of organisation: engagements that month with at least one body of that kind. */
  byKind: { kind: OrganisationKind; counts: number[]; total: number }[];
};

/**
 * Engagements held or planned in each of the last 12 months (to today), by kind of organisation: from
 * engagement_day_counts, a row per day and kind, so the cost follows the 12 months, not their engagements.
 */
export function countEngagementsPerMonth(today: string = todayInUk()): MonthlyEngagements {
  const from = monthStart(today, -11);
  const months = Array.from({ length: 12 }, (_, i) => monthStart(today, i - 11).slice(0, 7));
  const index = new Map(months.map((m, i) => [m, i]));
  const totals = months.map(() => 0);
  const byKindMap = new Map<OrganisationKind, number[]>();
  const thisMonth = monthStart(today, 0);
  // The eleven whole months from their counters (about a hundred rows), this month's days up to today from theirs.
  for (const row of preparedStatement(
    `SELECT month, kind, n FROM engagement_month_counts WHERE month >= ? AND month < ?
     UNION ALL SELECT substr(date, 1, 7), kind, sum(n) FROM engagement_day_counts WHERE date >= ? AND date <= ? GROUP BY kind`,
  ).all(from.slice(0, 7), thisMonth.slice(0, 7), thisMonth, today) as { month: string; kind: string; n: number }[]) {
    const i = index.get(row.month);
    if (i === undefined) continue;
    // Kind "": every engagement once (one with several organisations counts once).
    if (row.kind === "") {
      totals[i] = row.n;
      continue;
    }
    const kind = row.kind as OrganisationKind;
    const counts = byKindMap.get(kind) ?? months.map(() => 0);
    counts[i] = row.n;
    byKindMap.set(kind, counts);
  }
  const byKind = [...byKindMap.entries()]
    .map(([kind, counts]) => ({ kind, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  return { months, totals, byKind };
}
