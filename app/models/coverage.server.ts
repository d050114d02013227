// Police coverage: for a period, each territorial force (and Police Scotland, PSNI, British
// Transport Police) with its local policing body, then the national bodies and the
// international partners: how often the office engaged each, when last, and what is still open.
import type { OrganisationKind } from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { shortNameOf } from "~/domain/organisation-names";
import { DEFAULT_DIRECTION, type CoverageSort, type SortDirection } from "~/forms/coverage";
import { readOutstandingByOrganisation } from "./outstanding-counts.server";
import { periodRanges } from "./report/counters.server";
import { preparedStatement } from "./prepared-statements.server";

export type { CoverageSort, SortDirection };

export const NATIONAL_KINDS: OrganisationKind[] = ["national_policing_body", "border_immigration", "inspectorate"];
export const INTERNATIONAL_KINDS: OrganisationKind[] = ["international_agency", "overseas_agency"];

export type BodyFigures = {
  id: number;
  slug: string;
  /** The name people use ("Kent PCC", "Europol"): the short name when there is one. */
  name: string;
  /** The formal name ("Police and Crime Commissioner for Kent"). */
  fullName: string;
  kind: OrganisationKind;
  nation: string;
  /** Engagements in the period (not cancelled, not archived). */
  engagements: number;
  /** The latest engagement date in the period. */
  latestInPeriod: string | null;
  /** When there was none in the period: the latest before it. */
  latestBefore: string | null;
  /** The next planned engagement after today, if any (planned ones do not count as coverage). */
  nextPlanned: string | null;
  openActions: number;
};

export type ForceRow = BodyFigures & {
  policingBody: BodyFigures | null;
  /** Neither the force nor its policing body was engaged in the period. */
  notEngaged: boolean;
};

export type OrganisationRow = BodyFigures & { notEngaged: boolean };

export type CoverageReport = {
  period: { from: string; to: string };
  /** The last day counted: the period's end, or today when the period ends later. */
  countedTo: string;
  forces: ForceRow[];
  /** Forces whose reference notes mark them OPTIONAL (the Ministry of Defence Police): shown apart. */
  optionalForces: ForceRow[];
  national: OrganisationRow[];
  international: OrganisationRow[];
};

const COVERED_KINDS: OrganisationKind[] = ["police_force", "pcc", ...NATIONAL_KINDS, ...INTERNATIONAL_KINDS];

type CoveredOrganisation = {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  nation: string;
  forceId: number | null;
  notes: string | null;
  /** Engagements in the period, and the dates of the latest held and planned in it and before it, and of the next planned. */
  n: number;
  heldInPeriod: string | null;
  plannedInPeriod: string | null;
  heldBefore: string | null;
  plannedBefore: string | null;
  next: string | null;
};

/** A range of dates or months nothing falls in. */
const EMPTY_RANGE = { from: "1", to: "0" };

function isOptional(notes: string | null): boolean {
  return /^\s*OPTIONAL\b/i.test(notes ?? "");
}

/**
 * The coverage of every force, national body and international partner in a period. Only
 * engagements up to today count (not cancelled, not archived): a meeting still to come is shown
 * as the next planned one, not as coverage.
 */
export function buildCoverageReport({
  period,
  sort = "name",
  direction = DEFAULT_DIRECTION[sort],
  today = todayInUk(),
}: {
  period: { from: string; to: string };
  sort?: CoverageSort;
  direction?: SortDirection;
  today?: string;
}): CoverageReport {
  const until = period.to < today ? period.to : today;
  // Per organisation, from organisation_engagement_dates (the links of unarchived engagements by status
  // and date): an index range or a seek each, whatever the length of the history. Held and planned count
  // (not cancelled); a period ends today at the latest. One statement prepared once: drizzle building this
  // one on every request cost more than running it.
  const seek = (status: "held" | "planned", range: string, order: "ASC" | "DESC") =>
    `(SELECT d.date FROM organisation_engagement_dates d WHERE d.organisation_id = o.id AND d.status = '${status}' AND ${range}
      ORDER BY d.date ${order} LIMIT 1)`;
  const inPeriodRange = "d.date >= @from AND d.date <= @until";
  // How many in the period: its whole months from the month counts (kept by triggers from the same table), the days
  // of a partial first or last month from the dates themselves. A part the period does not have is an empty range.
  const parts = { months: EMPTY_RANGE, firstDays: EMPTY_RANGE, lastDays: EMPTY_RANGE };
  if (period.from <= until)
    for (const range of periodRanges(period.from, until)) {
      if (range.grain === "m") parts.months = range;
      else if (range.from === period.from) parts.firstDays = range;
      else parts.lastDays = range;
    }
  const daysIn = (part: string) =>
    `(SELECT count(*) FROM organisation_engagement_dates d WHERE d.organisation_id = o.id AND d.status IN ('held', 'planned')
      AND d.date >= @${part}From AND d.date <= @${part}To)`;
  const beforeRange = "d.date < @from";
  const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  // When a body was last engaged before the period is asked only of those not engaged in it (the counts are worked
  // out first, once: MATERIALIZED), a third of the seeks.
  const orgs = preparedStatement(
    `WITH counted AS MATERIALIZED (
      SELECT o.id, o.slug, o.name, o.short_name AS shortName, o.kind, o.nation, o.force_id AS forceId, o.notes,
        (SELECT coalesce(sum(m.n), 0) FROM organisation_engagement_month_counts m WHERE m.organisation_id = o.id
          AND m.status IN ('held', 'planned') AND m.month >= @monthsFrom AND m.month <= @monthsTo) + ${daysIn("firstDays")} + ${daysIn("lastDays")} AS n,
        ${seek("held", inPeriodRange, "DESC")} AS heldInPeriod,
        ${seek("planned", inPeriodRange, "DESC")} AS plannedInPeriod,
        ${seek("planned", "d.date > @today", "ASC")} AS next
      FROM organisations o WHERE o.kind IN (SELECT value FROM json_each(@kinds)) AND o.archived_at IS NULL)
    SELECT o.*,
      CASE WHEN o.n = 0 THEN ${seek("held", beforeRange, "DESC")} END AS heldBefore,
      CASE WHEN o.n = 0 THEN ${seek("planned", beforeRange, "DESC")} END AS plannedBefore
    FROM counted o`,
  ).all({
    from: period.from,
    until,
    today,
    kinds: JSON.stringify(COVERED_KINDS),
    ...Object.fromEntries(
      Object.entries(parts).flatMap(([part, range]) => [
        [`${part}From`, range.from],
        [`${part}To`, range.to],
      ]),
    ),
  }) as CoveredOrganisation[];
  const inPeriod = new Map<number, { n: number; latest: string }>();
  const before = new Map<number, string>();
  const next = new Map<number, string>();
  for (const row of orgs) {
    const latest = later(row.heldInPeriod, row.plannedInPeriod);
    if (row.n && latest) inPeriod.set(row.id, { n: row.n, latest });
    // For the bodies not engaged in the period only: when they last were, before it.
    const latestBefore = later(row.heldBefore, row.plannedBefore);
    if (!row.n && latestBefore) before.set(row.id, latestBefore);
    if (row.next) next.set(row.id, row.next);
  }

  // Open actions now (whatever the period), from the counters.
  const open = readOutstandingByOrganisation();

  const figures = (o: (typeof orgs)[number]): BodyFigures => ({
    id: o.id,
    slug: o.slug,
    name: shortNameOf(o),
    fullName: o.name,
    kind: o.kind,
    nation: o.nation,
    engagements: inPeriod.get(o.id)?.n ?? 0,
    latestInPeriod: inPeriod.get(o.id)?.latest ?? null,
    latestBefore: before.get(o.id) ?? null,
    nextPlanned: next.get(o.id) ?? null,
    openActions: open.get(o.id) ?? 0,
  });

  const bodyOfForce = new Map<number, BodyFigures>();
  for (const o of orgs) if (o.kind === "pcc" && o.forceId != null && !bodyOfForce.has(o.forceId)) bodyOfForce.set(o.forceId, figures(o));
  const forceRows = orgs
    .filter((o) => o.kind === "police_force")
    .map((o) => {
      const force = figures(o);
      const policingBody = bodyOfForce.get(o.id) ?? null;
      return {
        ...force,
        policingBody,
        notEngaged: force.engagements + (policingBody?.engagements ?? 0) === 0,
        optional: isOptional(o.notes),
      };
    });
  const plain = (o: (typeof orgs)[number]): OrganisationRow => {
    const f = figures(o);
    return { ...f, notEngaged: f.engagements === 0 };
  };
  const sorted = <T extends BodyFigures & { policingBody?: BodyFigures | null }>(rows: T[]) => sortCoverageRows(rows, sort, direction);
  return {
    period,
    countedTo: until,
    forces: sorted(forceRows.filter((r) => !r.optional).map(({ optional: _, ...r }) => r)),
    optionalForces: sorted(forceRows.filter((r) => r.optional).map(({ optional: _, ...r }) => r)),
    national: sorted(orgs.filter((o) => NATIONAL_KINDS.includes(o.kind)).map(plain)),
    international: sorted(orgs.filter((o) => INTERNATIONAL_KINDS.includes(o.kind)).map(plain)),
  };
}

/** A force counts with its policing body: engagements added, the later of the two dates, actions added. */
function sortKey(row: BodyFigures & { policingBody?: BodyFigures | null }, sort: CoverageSort): string | number {
  const body = row.policingBody;
  switch (sort) {
    case "name":
      return row.name.toLocaleLowerCase("en-GB");
    case "engagements":
      return row.engagements + (body?.engagements ?? 0);
    case "latest": {
      const dates = [row.latestInPeriod ?? row.latestBefore, body ? (body.latestInPeriod ?? body.latestBefore) : null].filter(
        (d): d is string => Boolean(d),
      );
      // Never engaged sorts before any date.
      return dates.sort().at(-1) ?? "";
    }
    case "actions":
      return row.openActions + (body?.openActions ?? 0);
  }
}

const defaultCollator = new Intl.Collator();
const britishCollator = new Intl.Collator("en-GB");

function sortCoverageRows<T extends BodyFigures & { policingBody?: BodyFigures | null }>(
  rows: T[],
  sort: CoverageSort,
  direction: SortDirection,
): T[] {
  const sign = direction === "asc" ? 1 : -1;
  // Each key once, not once per comparison; collators made once (localeCompare with a locale makes one per call).
  const keyed = rows.map((row) => ({ row, key: sortKey(row, sort) }));
  keyed.sort(({ row: a, key: ka }, { row: b, key: kb }) => {
    const byKey = typeof ka === "number" && typeof kb === "number" ? ka - kb : defaultCollator.compare(String(ka), String(kb));
    return byKey * sign || britishCollator.compare(a.name, b.name);
  });
  return keyed.map(({ row }) => row);
}
