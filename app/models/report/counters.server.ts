// Reading the report counters the triggers keep (report_*_counts, docs/decisions/0030) over a period.
import { sql, type SQL } from "drizzle-orm";
import type { ReportFilters } from "~/domain/report-types";
import { list } from "./query.server";

/**
 * The counters' rows that make up a period: its whole months from the month rows, the days of a partial first or
 * last month from the day rows (a period inside one month: its days). Each part is a range of the primary key.
 */
export function periodRanges(from: string, to: string): { grain: "m" | "d"; from: string; to: string }[] {
  const nextMonth = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  };
  const previousMonth = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  };
  const lastDayOf = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
  };
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const firstWhole = from.endsWith("-01") ? fromMonth : nextMonth(fromMonth);
  const lastWhole = to === lastDayOf(toMonth) ? toMonth : previousMonth(toMonth);
  if (firstWhole > lastWhole) return [{ grain: "d", from, to }];
  const ranges: { grain: "m" | "d"; from: string; to: string }[] = [{ grain: "m", from: firstWhole, to: lastWhole }];
  if (firstWhole !== fromMonth) ranges.push({ grain: "d", from, to: lastDayOf(fromMonth) });
  if (lastWhole !== toMonth) ranges.push({ grain: "d", from: `${toMonth}-01`, to });
  return ranges;
}

/** Which facet of the counters (db/schema/counts.ts) answers the filters: the one keeping what they choose by, and no more. */
export function counterFacet(filters: ReportFilters, { byOrganisationKinds = false } = {}): number {
  return (filters.kind.length ? 1 : 0) | (filters.orgKind.length || byOrganisationKinds ? 2 : 0);
}

/** The counters' own filter (engagement kinds, kinds of organisation) on a row aliased `c`; `kindColumn` names its engagement kind. */
export function counterWhere(filters: ReportFilters, kindColumn: string): SQL {
  const parts: SQL[] = [];
  if (filters.kind.length) parts.push(sql` and ${sql.raw(`c.${kindColumn}`)} in ${list(filters.kind)}`);
  if (filters.orgKind.length)
    parts.push(
      sql` and (${sql.join(
        filters.orgKind.map((kind) => sql`instr(',' || c.org_kinds || ',', ${`,${kind},`}) > 0`),
        sql` or `,
      )})`,
    );
  return sql.join(parts, sql``);
}

/**
 * The rows of a counter table (aliased `c`) of one facet that make up the period and match the filters: one
 * UNION ALL of ranges of its index (whole months, then the days of partial months). `join` may put a table
 * before it (the organisations, so that each organisation's rows are a range of its own).
 */
export function periodRows({
  table,
  columns,
  filters,
  facet,
  kindColumn,
  slice,
  ranges = periodRanges(filters.from, filters.to),
  join = "",
}: {
  table: string;
  columns: string;
  filters: ReportFilters;
  facet: number;
  kindColumn: string;
  /** The slice (0: all engagements; an organisation's id: its engagements) of a table that has them. */
  slice?: number;
  ranges?: ReturnType<typeof periodRanges>;
  join?: string;
}): SQL {
  const where = counterWhere(filters, kindColumn);
  const inSlice = slice === undefined ? sql`` : sql` and c.slice = ${slice}`;
  return sql.join(
    ranges.map(
      (range) =>
        sql`select ${sql.raw(columns)} from ${sql.raw(join)}${sql.raw(table)} c where c.grain = ${range.grain} and c.facet = ${facet}${inSlice}${sql.raw(
          join ? " and c.organisation_id = o.id" : "",
        )} and c.period between ${range.from} and ${range.to}${where}`,
    ),
    sql` union all `,
  );
}

/** Engagements and actions from the counters of one slice (0: all; an organisation's id: its engagements) over `ranges`. */
