// The engagements list: filters, keyset pages by (date, id), and the count.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
import { firstRow, preparedStatement, selectReader } from "~/models/prepared-statements.server";
import { engagementOrganisations, engagements, engagementThemes, ORGANISATION_KINDS, organisations } from "~db/schema";
import { OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import type { EngagementListFilters } from "~/forms/engagement";
import type { Engagement } from "./aggregate.server";

export const ENGAGEMENT_PAGE_SIZE = 25;
export type Cursor = { date: string; id: number };

export function parseCursor(value: string | null): Cursor | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})\.([1-9]\d{0,15})$/.exec(value) : null;
  return m ? { date: m[1], id: Number(m[2]) } : null;
}
export function formatCursor(c: Cursor): string {
  return `${c.date}.${c.id}`;
}

/** A phrase for the trigram index: any text, quoted, so nothing in it is read as query syntax. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The list's filters, with the organisation (given by slug in the URL) as its id. */
export type ListFilters = EngagementListFilters & { organisationId?: number | null };

/** The filters other than the text, as conditions on `engagements`. */
function filterConditions(filters: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.status === "archived") where.push(isNotNull(engagements.archivedAt));
  else {
    where.push(isNull(engagements.archivedAt));
    if (filters.status === "not_cancelled") where.push(inArray(engagements.status, ["held", "planned"]));
    else if (filters.status) where.push(eq(engagements.status, filters.status));
  }
  if (filters.from) where.push(gte(engagements.date, filters.from));
  if (filters.to) where.push(lte(engagements.date, filters.to));
  if (filters.kind) where.push(eq(engagements.kind, filters.kind));
  if (filters.organisationId)
    where.push(
      sql`${engagements.id} in (select ${engagementOrganisations.engagementId} from ${engagementOrganisations} where ${engagementOrganisations.organisationId} = ${filters.organisationId})`,
    );
  if (filters.organisationKind && (ORGANISATION_KINDS as readonly string[]).includes(filters.organisationKind))
    where.push(
      sql`${engagements.id} in (select eo.engagement_id from ${engagementOrganisations} eo join ${organisations} o on o.id = eo.organisation_id where o.kind = ${filters.organisationKind})`,
    );
  if (filters.theme)
    where.push(
      sql`${engagements.id} in (select ${engagementThemes.engagementId} from ${engagementThemes} where ${engagementThemes.themeId} = ${filters.theme})`,
    );
  return where;
}

function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** The organisations whose name or short name contains the text: "Europol" finds the engagements with Europol. */
function organisationsNamed(text: string): number[] {
  return (
    preparedStatement(`SELECT id FROM organisations WHERE name LIKE @like ESCAPE '\\' OR short_name LIKE @like ESCAPE '\\'`).all({
      like: likePattern(text),
    }) as { id: number }[]
  ).map((o) => o.id);
}

/**
 * The row is linked to one of these organisations: as a list the planner can drive from (few links), or as
 * one primary-key lookup per row (a window of a common search).
 */
function linkedToAny(organisationIds: number[], how: "list" | "lookup" = "list"): SQL | undefined {
  if (!organisationIds.length) return undefined;
  return how === "lookup"
    ? sql`exists (select 1 from ${engagementOrganisations} where ${engagementOrganisations.engagementId} = ${engagements.id} and ${inArray(engagementOrganisations.organisationId, organisationIds)})`
    : sql`${engagements.id} in (select ${engagementOrganisations.engagementId} from ${engagementOrganisations} where ${inArray(engagementOrganisations.organisationId, organisationIds)})`;
}

/** Every condition of the list, the text one included; used where the matches are known to be few. */
function listConditions(filters: ListFilters, named: number[] = []): SQL[] {
  const where = filterConditions(filters);
  if (filters.q) {
    if (filters.q.length >= 3) {
      const fts = sql`${engagements.id} in (select rowid from engagements_fts where engagements_fts match ${ftsPhrase(filters.q)})`;
      const linked = linkedToAny(named);
      where.push(linked ? or(fts, linked)! : fts);
    } else {
      // Shorter than a trigram: the index cannot serve it, so match titles (and organisations) only.
      const like = likePattern(filters.q);
      const title = sql`${engagements.title} like ${like} escape '\\'`;
      const linked = linkedToAny(organisationsNamed(filters.q));
      where.push(linked ? or(title, linked)! : title);
    }
  }
  return where;
}

/**
 * A full-text search is "common" when the text index or the organisations' links hold more matches than
 * this: then the list walks the date index and tests membership window by window, instead of collecting and
 * sorting every match (docs/decisions/0019-per-request-cost-and-search.md), and the count stops here
 * (docs/decisions/0025-page-cost.md).
 */
const FEW_MATCHES = 1_000;

/**
 * `liveMatches`: when the text is the only filter, how many unarchived engagements the text index matches,
 * up to FEW_MATCHES + 1 (then it is also the count's answer); otherwise null.
 */
type TextSearch = { phrase: string; named: number[]; common: boolean; liveMatches: number | null };

/** Measured once per filters object: a page asks for its rows and its count with the same one. */
const measuredSearches = new WeakMap<ListFilters, TextSearch | null>();

function textSearchOf(filters: ListFilters): TextSearch | null {
  if (!measuredSearches.has(filters)) measuredSearches.set(filters, measureTextSearch(filters));
  return measuredSearches.get(filters)!;
}

/** The list's default: no filter but the text (and "not archived"). */
function onlyText(filters: ListFilters): boolean {
  return !(
    filters.status ||
    filters.from ||
    filters.to ||
    filters.kind ||
    filters.organisationId ||
    filters.organisationKind ||
    filters.theme
  );
}

function measureTextSearch(filters: ListFilters): TextSearch | null {
  if (!filters.q || filters.q.length < 3) return null;
  const phrase = ftsPhrase(filters.q);
  const named = organisationsNamed(filters.q);
  const limit = FEW_MATCHES + 1;
  // Counting each match with its engagement costs little more than counting it alone, and answers the count too.
  const liveMatches = onlyText(filters)
    ? (
        preparedStatement(
          `SELECT count(*) AS n FROM (SELECT 1 FROM engagements_fts JOIN engagements e ON e.id = engagements_fts.rowid
           WHERE engagements_fts MATCH @phrase AND e.archived_at IS NULL LIMIT @limit)`,
        ).get({ phrase, limit }) as { n: number }
      ).n
    : null;
  const textMatches =
    liveMatches ??
    (
      preparedStatement(`SELECT count(*) AS n FROM (SELECT 1 FROM engagements_fts WHERE engagements_fts MATCH @phrase LIMIT @limit)`).get({
        phrase,
        limit,
      }) as { n: number }
    ).n;
  const links = named.length
    ? (
        preparedStatement(
          `SELECT count(*) AS n FROM (SELECT 1 FROM engagement_organisations WHERE organisation_id IN (SELECT value FROM json_each(@named)) LIMIT @limit)`,
        ).get({ named: JSON.stringify(named), limit }) as { n: number }
      ).n
    : 0;
  return { phrase, named, common: textMatches > FEW_MATCHES || links > FEW_MATCHES, liveMatches };
}

export type EngagementListRow = {
  id: number;
  title: string;
  date: string;
  startTime: string | null;
  kind: Engagement["kind"];
  status: Engagement["status"];
  marking: Engagement["marking"];
  archivedAt: string | null;
  organisations: { slug: string; name: string; shortName: string | null }[];
  openActions: number;
};

const LIST_COLUMNS = {
  id: engagements.id,
  title: engagements.title,
  date: engagements.date,
  startTime: engagements.startTime,
  kind: engagements.kind,
  status: engagements.status,
  marking: engagements.marking,
  archivedAt: engagements.archivedAt,
};

/** The rows after `cursor` in list order (newest first), or before it (oldest first) when going backwards. */
function keyset(cursor: Cursor | null, backwards: boolean): SQL[] {
  if (!cursor) return [];
  return [
    backwards
      ? sql`(${engagements.date}, ${engagements.id}) > (${cursor.date}, ${cursor.id})`
      : sql`(${engagements.date}, ${engagements.id}) < (${cursor.date}, ${cursor.id})`,
  ];
}

function listOrder(backwards: boolean) {
  return backwards ? [asc(engagements.date), asc(engagements.id)] : [desc(engagements.date), desc(engagements.id)];
}

function listSelect() {
  return db().select(LIST_COLUMNS).from(engagements);
}
type ListRow = Awaited<ReturnType<ReturnType<typeof listSelect>["all"]>>[number];
const listRows = selectReader<ListRow>(listSelect, LIST_COLUMNS);
/** The ids and dates of a window of the list, in its order, which a text search then narrows to its matches. */
const WINDOW_COLUMNS = { id: engagements.id, date: engagements.date };
const windowRows = selectReader<{ id: number; date: string }>(() => db().select(WINDOW_COLUMNS).from(engagements), WINDOW_COLUMNS);

/** A page of the list, from a statement prepared once per SQL text (docs/decisions/0031). */
function selectListRows({ where, backwards, limit }: { where: SQL[]; backwards: boolean; limit: number }): ListRow[] {
  return listRows(and(...where), listOrder(backwards), limit);
}

const FIRST_WINDOW = 256;

/**
 * A common word (thousands of matches) in list order without collecting and sorting every match: walk the
 * engagements that pass the other filters along the date index, a window at a time (growing fourfold), and
 * keep those in the window that the text index matches within the window's id range (one short range scan of
 * the index) or that are linked to an organisation named like the text. Stops once the page is full.
 */
function walkCommonSearch({
  filters,
  text,
  cursor,
  backwards,
  wanted,
}: {
  filters: ListFilters;
  text: TextSearch;
  cursor: Cursor | null;
  backwards: boolean;
  wanted: number;
}) {
  const others = filterConditions(filters);
  const linked = linkedToAny(text.named, "lookup");
  const rows: ReturnType<typeof selectListRows> = [];
  let from = cursor;
  for (let size = FIRST_WINDOW; rows.length < wanted; size *= 4) {
    const window = windowRows(and(...others, ...keyset(from, backwards)), listOrder(backwards), size);
    if (!window.length) break;
    let lowest = window[0].id;
    let highest = window[0].id;
    for (const { id } of window) {
      if (id < lowest) lowest = id;
      if (id > highest) highest = id;
    }
    const edge = window[window.length - 1];
    // The bounds cast: better-sqlite3 binds a JS number as REAL, and FTS5 then ignores the rowid range (scanning every match).
    const inText = sql`${engagements.id} in (select rowid from engagements_fts where engagements_fts match ${text.phrase} and rowid between cast(${lowest} as integer) and cast(${highest} as integer))`;
    const within = backwards
      ? sql`(${engagements.date}, ${engagements.id}) <= (${edge.date}, ${edge.id})`
      : sql`(${engagements.date}, ${engagements.id}) >= (${edge.date}, ${edge.id})`;
    rows.push(
      ...selectListRows({
        where: [...others, ...keyset(from, backwards), within, linked ? or(inText, linked)! : inText],
        backwards,
        limit: wanted - rows.length,
      }),
    );
    if (window.length < size) break;
    from = edge;
  }
  return rows;
}

/**
 * One page of engagements matching the filters, newest first, by keyset on (date, id):
 * `after` continues to older ones, `before` goes back to newer ones.
 */
export function listEngagements({
  filters,
  after = null,
  before = null,
  limit = ENGAGEMENT_PAGE_SIZE,
}: {
  filters: ListFilters;
  after?: Cursor | null;
  before?: Cursor | null;
  limit?: number;
}): { rows: EngagementListRow[]; next: Cursor | null; previous: Cursor | null } {
  const backwards = Boolean(before);
  const text = textSearchOf(filters);
  const found = text?.common
    ? walkCommonSearch({ filters, text, cursor: before ?? after, backwards, wanted: limit + 1 })
    : selectListRows({
        where: [...listConditions(filters, text?.named), ...keyset(before ?? after, backwards)],
        backwards,
        limit: limit + 1,
      });
  const more = found.length > limit;
  const slice = found.slice(0, limit);
  if (backwards) slice.reverse();
  const ids = JSON.stringify(slice.map((r) => r.id));
  const orgRows = preparedStatement(
    `SELECT eo.engagement_id AS engagementId, o.slug, o.name, o.short_name AS shortName
     FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id
     WHERE eo.engagement_id IN (SELECT value FROM json_each(?)) ORDER BY coalesce(o.short_name, o.name)`,
  ).all(ids) as { engagementId: number; slug: string; name: string; shortName: string | null }[];
  const openRows = preparedStatement(
    `SELECT engagement_id AS engagementId, count(*) AS n FROM actions
     WHERE engagement_id IN (SELECT value FROM json_each(?)) AND status IN (${OUTSTANDING_ACTION_STATUSES.map((st) => `'${st}'`).join(", ")})
     GROUP BY engagement_id`,
  ).all(ids) as { engagementId: number; n: number }[];
  const open = new Map(openRows.map((r) => [r.engagementId, r.n]));
  const rows = slice.map((r) => ({
    ...r,
    organisations: orgRows.filter((o) => o.engagementId === r.id).map(({ slug, name, shortName }) => ({ slug, name, shortName })),
    openActions: open.get(r.id) ?? 0,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (backwards || more) ? { date: last.date, id: last.id } : null,
    previous: first && (backwards ? more : Boolean(after)) ? { date: first.date, id: first.id } : null,
  };
}

/** The count of a list stops here: past it the page says "More than 10,000 engagements". */
export const COUNT_CAP = 10_000;
/**
 * …and at 1,000 for a common word (more matches in the text index than FEW_MATCHES): each match counted costs
 * a look-up in the text index and in the table, about 0.7 µs, so counting 10,000 cost more than the rest of the
 * page (docs/decisions/0025-page-cost.md).
 */
export const COMMON_WORD_COUNT_CAP = FEW_MATCHES;

/**
 * How many engagements match (for "12 engagements"), capped so counting never reads every match: past `cap`
 * (COUNT_CAP, or COMMON_WORD_COUNT_CAP for a common word), `count` is cap + 1.
 */
export function countEngagements({ filters }: { filters: ListFilters }): { count: number; cap: number } {
  const cap = textSearchOf(filters)?.common ? COMMON_WORD_COUNT_CAP : COUNT_CAP;
  return { count: countUpTo(filters, cap), cap };
}

function countUpTo(filters: ListFilters, cap: number): number {
  const text = textSearchOf(filters);
  if (text?.common) {
    if (text.liveMatches !== null && text.liveMatches > cap) return text.liveMatches;
    // Driven by the text index (no order, so it stops at the cap), then by the organisations' links.
    const others = filterConditions(filters);
    const ftsSide = sql`select ${engagements.id} as id from engagements_fts join ${engagements} on ${engagements.id} = engagements_fts.rowid where engagements_fts match ${text.phrase} and ${and(...others)}`;
    const textOnly = firstRow<{ n: number }>(sql`select count(*) as n from (${ftsSide} limit ${cap + 1})`)?.n ?? 0;
    if (textOnly > cap || !text.named.length) return textOnly;
    const linkSide = sql`select ${engagements.id} as id from ${engagementOrganisations} join ${engagements} on ${engagements.id} = ${engagementOrganisations.engagementId} where ${inArray(engagementOrganisations.organisationId, text.named)} and ${and(...others)}`;
    return (
      firstRow<{ n: number }>(
        sql`select count(*) as n from (select id from (${ftsSide}) union select id from (${linkSide}) limit ${cap + 1})`,
      )?.n ?? 0
    );
  }
  const where = listConditions(filters, text?.named);
  // Counted along the same ordered index walk as the list, and capped, so a count never reads the table.
  const row = firstRow<{ n: number }>(
    sql`select count(*) as n from (select 1 from ${engagements} where ${and(...where)} order by ${engagements.date} desc, ${engagements.id} desc limit ${cap + 1})`,
  );
  return row?.n ?? 0;
}
