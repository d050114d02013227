// The actions register: every commitment and follow-up not yet done or dropped, overdue first,
// then by due date (no due date last), with filters, counts for each filter value and keyset
// pagination. See docs/decisions/0005 for how the order is served by the indexes.
import { and, asc, desc, eq, exists, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { db, readTransaction } from "~db/connection";
import {
  actions,
  engagements,
  engagementThemes,
  organisations,
  users,
  type ActionKind,
  type ActionStatus,
  type OrganisationKind,
} from "~db/schema";
import { dueSoonUntil, dueWithinMonthUntil, isOverdue, OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { addDays, todayInUk } from "~/domain/dates";
import type { Role } from "~/domain/permissions";
import type { DueWindow, RegisterFilters } from "~/forms/actions";
import { mayChangeAction } from "./action.server";
import { resolveOrganisationFilter, type OrganisationNamed } from "./organisation/read.server";
import { preparedRaw, preparedStatement, selectReader } from "./prepared-statements.server";
import { readDueWindowsOf, readOverdueCutoff, type DueFacet, type DueWindows } from "./outstanding-counts.server";

// A page a person can read: 25 rows (with their filters, counts and bulk change) instead of 50 halves the page to render.
export const REGISTER_PAGE_SIZE = 25;
const OUTSTANDING: ActionStatus[] = [...OUTSTANDING_ACTION_STATUSES];

/** The filters with the owner resolved ("me" -> the user's id) and the organisations' slugs -> ids. */
export type ResolvedFilters = {
  kind?: ActionKind;
  status?: "open" | "in_progress";
  /** `withMeetings`: also every action of an engagement the user leads or recorded. */
  owner?: { userId: number; withMeetings?: boolean } | "office" | "stakeholder";
  /** One organisation, or several (a force and its policing body): actions of any of them. */
  organisationIds?: number[];
  orgKind?: OrganisationKind;
  themeId?: number;
  due?: DueWindow;
  q?: string;
};

type Facet = "kind" | "status" | "owner" | "organisation" | "orgKind" | "theme" | "due";

export type Viewer = { id: number; role: Role };

/**
 * Turn the URL's filters into query filters. `owner` absent means "mine" for an officer (their own
 * actions and those of the meetings they lead or recorded, the stakeholders' commitments included:
 * all they answer for) and everyone's for the other roles; "all" means everyone's.
 * Organisation slugs that name no organisation filter to nothing rather than to everything.
 */
export function resolveRegisterFilters({
  filters,
  viewer,
}: {
  filters: RegisterFilters;
  viewer: Viewer;
}): ResolvedFilters & { ownerParam: string; unknownOrganisation: boolean; organisationsShown: OrganisationNamed[] } {
  const ownerParam = filters.owner ?? (viewer.role === "officer" ? "mine" : "all");
  let owner: ResolvedFilters["owner"];
  if (ownerParam === "mine") owner = { userId: viewer.id, withMeetings: true };
  else if (ownerParam === "me") owner = { userId: viewer.id };
  else if (ownerParam === "office" || ownerParam === "stakeholder") owner = ownerParam;
  else if (ownerParam !== "all") owner = { userId: Number(ownerParam) };
  const { organisationIds, shown: organisationsShown, unknown: unknownOrganisation } = resolveOrganisationFilter(filters.organisation);
  return {
    kind: filters.kind,
    status: filters.status,
    owner,
    organisationIds,
    orgKind: filters.orgKind,
    themeId: filters.theme,
    due: filters.due,
    q: filters.q,
    ownerParam,
    unknownOrganisation,
    organisationsShown,
  };
}

function escapeLike(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** Text in what the action is, in the named person who owns it, or in its organisation's name or short name ("Europol"). */
function textCondition(q: string): SQL {
  const pattern = escapeLike(q);
  return or(
    sql`${actions.description} LIKE ${pattern} ESCAPE '\\'`,
    sql`${actions.ownerName} LIKE ${pattern} ESCAPE '\\'`,
    inArray(
      actions.organisationId,
      db()
        .select({ id: organisations.id })
        .from(organisations)
        .where(or(sql`${organisations.name} LIKE ${pattern} ESCAPE '\\'`, sql`${organisations.shortName} LIKE ${pattern} ESCAPE '\\'`)),
    ),
  )!;
}

/** Owned by the user, or an action of an engagement they lead or recorded. */
function mineAndMyMeetings(userId: number): SQL {
  return or(eq(actions.ownerUserId, userId), eq(engagements.leadUserId, userId), eq(engagements.createdById, userId))!;
}

function themeCondition(themeId: number): SQL {
  return exists(
    db()
      .select({ one: sql`1` })
      .from(engagementThemes)
      .where(and(eq(engagementThemes.engagementId, actions.engagementId), eq(engagementThemes.themeId, themeId))),
  );
}

function dueCondition(window: DueWindow, today: string): SQL {
  switch (window) {
    // The register shows outstanding actions only (statusCondition), so these mirror isOverdue and isDueSoon.
    case "overdue":
      return lt(actions.dueDate, today);
    case "week":
      return and(gte(actions.dueDate, today), lte(actions.dueDate, dueSoonUntil(today)))!;
    case "month":
      return and(gte(actions.dueDate, today), lte(actions.dueDate, dueWithinMonthUntil(today)))!;
    case "none":
      return isNull(actions.dueDate);
  }
}

/** The WHERE terms of the filters, leaving out one facet (for that facet's counts). Status is left to the caller. */
function filterConditions(f: ResolvedFilters, today: string, except?: Facet): SQL[] {
  const where: SQL[] = [isNull(engagements.archivedAt)];
  if (f.kind && except !== "kind") where.push(eq(actions.kind, f.kind));
  if (f.owner && except !== "owner") {
    if (f.owner === "office") where.push(and(eq(actions.ownerType, "office"), isNull(actions.ownerUserId))!);
    else if (f.owner === "stakeholder") where.push(eq(actions.ownerType, "stakeholder"));
    else if (f.owner.withMeetings) where.push(mineAndMyMeetings(f.owner.userId));
    else where.push(eq(actions.ownerUserId, f.owner.userId));
  }
  if (f.organisationIds && except !== "organisation") where.push(inArray(actions.organisationId, f.organisationIds));
  if (f.orgKind && except !== "orgKind")
    where.push(
      inArray(actions.organisationId, db().select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, f.orgKind))),
    );
  if (f.themeId !== undefined && except !== "theme") where.push(themeCondition(f.themeId));
  if (f.due && except !== "due") where.push(dueCondition(f.due, today));
  if (f.q) where.push(OUTSTANDING_WORD_FOR_WORD, textCondition(f.q));
  return where;
}

/**
 * Outstanding, in the words of actions_outstanding_idx's WHERE: SQLite uses a partial index only for a query that
 * says so word for word, and a search for words then reads that small index instead of each action's row.
 */
const OUTSTANDING_WORD_FOR_WORD = sql`${actions.status} IN ('open', 'in_progress')`;

function statusCondition(f: ResolvedFilters): SQL {
  return f.status ? eq(actions.status, f.status) : inArray(actions.status, OUTSTANDING);
}

// ---------------------------------------------------------------------------------------------
// One page, keyset by (due date, id) with undated actions after the dated ones.
//
// SQLite sorts NULL first and cannot merge the two outstanding statuses out of one index range,
// so a page is read per status and per segment (dated, then undated), each a range of an index
// that ends in (status, due_date) + rowid, and the few rows merged here. No OFFSET, no sort of
// the whole register.

export type Cursor = { dueDate: string | null; id: number };

export function parseCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}|none)_(\d+)$/.exec(text);
  if (!match) return undefined;
  return { dueDate: match[1] === "none" ? null : match[1], id: Number(match[2]) };
}

export function formatCursor(row: { dueDate: string | null; id: number }): string {
  return `${row.dueDate ?? "none"}_${row.id}`;
}

function compareRegisterOrder(a: Cursor, b: Cursor): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.id - b.id;
}

const REGISTER_FIELDS = {
  id: actions.id,
  version: actions.version,
  kind: actions.kind,
  description: actions.description,
  status: actions.status,
  ownerType: actions.ownerType,
  ownerUserId: actions.ownerUserId,
  ownerName: actions.ownerName,
  ownerUserName: users.name,
  dueDate: actions.dueDate,
  organisationId: actions.organisationId,
  organisationName: organisations.name,
  organisationShortName: organisations.shortName,
  organisationSlug: organisations.slug,
  organisationKind: organisations.kind,
  engagementId: actions.engagementId,
  engagementTitle: engagements.title,
  engagementDate: engagements.date,
  engagementLeadUserId: engagements.leadUserId,
  engagementCreatedById: engagements.createdById,
};

function registerSelect() {
  return db()
    .select(REGISTER_FIELDS)
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .leftJoin(users, eq(users.id, actions.ownerUserId));
}
type RawRow = Awaited<ReturnType<ReturnType<typeof registerSelect>["all"]>>[number];

/**
 * The register's rows for a WHERE and an order, from a statement prepared once per SQL text: drizzle building the
 * twenty-column select and SQLite preparing it on every call cost more than running it (docs/decisions/0031).
 */
const registerRows = selectReader<RawRow>(registerSelect, REGISTER_FIELDS);

/**
 * The index a page's rows are read through: the page's ids found first in the covering actions_outstanding_idx, then
 * those rows read whole; actions_status_due_idx in register order; or SQLite's own choice (a seek of an organisation
 * or a person).
 */
type RowsIndex = "actions_outstanding_idx" | "actions_status_due_idx" | undefined;

/** Which index the filters' page is read through (docs/decisions/0031, 0038). */
function rowsIndexFor(f: ResolvedFilters): RowsIndex {
  // Words, or the office's unassigned actions (few or none, among the many owned by no one in the office): each
  // action's row would be read to test them. SQLite would rather seek the office's in actions_owner_status_due_idx
  // among those owned by no one (mostly a stakeholder's).
  if (f.q || f.owner === "office") return "actions_outstanding_idx";
  // An organisation or a person to seek: their indexes, as SQLite chooses.
  if (f.organisationIds || (typeof f.owner === "object" && !f.owner.withMeetings)) return undefined;
  // Nothing to seek: the first rows in register order. For a due window SQLite would rather skip-scan
  // actions_org_status_due_idx and sort the whole window (4 to 10 ms a status at 200,000 engagements, against 0.5).
  return "actions_status_due_idx";
}

/** Up to `limit` rows of one status with or without a due date, after (or before) the cursor. */
function readSegment(
  where: SQL[],
  dated: boolean,
  cursor: Cursor | undefined,
  direction: "forward" | "backward",
  limit: number,
  index: RowsIndex,
): RawRow[] {
  if (limit <= 0) return [];
  const terms = [...where, dated ? isNotNull(actions.dueDate) : isNull(actions.dueDate)];
  // A partial index is read only by a query that says its WHERE word for word (words say it already, for their counts).
  if (index === "actions_outstanding_idx" && !where.includes(OUTSTANDING_WORD_FOR_WORD)) terms.push(OUTSTANDING_WORD_FOR_WORD);
  if (cursor) {
    if (dated) {
      terms.push(
        direction === "forward"
          ? sql`(${actions.dueDate}, ${actions.id}) > (${cursor.dueDate}, ${cursor.id})`
          : sql`(${actions.dueDate}, ${actions.id}) < (${cursor.dueDate}, ${cursor.id})`,
      );
    } else terms.push(direction === "forward" ? gt(actions.id, cursor.id) : lt(actions.id, cursor.id));
  }
  const order = direction === "forward" ? [asc(actions.dueDate), asc(actions.id)] : [desc(actions.dueDate), desc(actions.id)];
  const orderBy = dated ? order : order.slice(1);
  if (index === "actions_outstanding_idx") {
    // The page's ids from the covering index, then those few rows read whole.
    const page = sql`SELECT ${actions.id} FROM ${actions} INDEXED BY actions_outstanding_idx
      INNER JOIN ${engagements} ON ${eq(engagements.id, actions.engagementId)}
      WHERE ${and(...terms)} ORDER BY ${sql.join(orderBy, sql`, `)} LIMIT ${limit}`;
    return registerRows(sql`${actions.id} IN (${page})`, orderBy);
  }
  return registerRows(and(...terms), orderBy, limit, index);
}

/** Up to `limit` rows of one status after (or before) the cursor, in register order (reversed when going backward). */
function readStatus(
  where: SQL[],
  cursor: Cursor | undefined,
  direction: "forward" | "backward",
  limit: number,
  index: RowsIndex,
): RawRow[] {
  if (direction === "forward") {
    const rows = !cursor || cursor.dueDate !== null ? readSegment(where, true, cursor, "forward", limit, index) : [];
    const undatedCursor = cursor && cursor.dueDate === null ? cursor : undefined;
    return rows.concat(readSegment(where, false, undatedCursor, "forward", limit - rows.length, index));
  }
  const rows = cursor && cursor.dueDate === null ? readSegment(where, false, cursor, "backward", limit, index) : [];
  const datedCursor = cursor && cursor.dueDate !== null ? cursor : undefined;
  return rows.concat(readSegment(where, true, datedCursor, "backward", limit - rows.length, index));
}

export type RegisterRow = RawRow & { overdue: boolean; canChange: boolean };

export type RegisterPage = {
  rows: RegisterRow[];
  /** Cursor of the page after this one, if any. */
  next: string | null;
  /** Cursor of the page before this one, if any. */
  previous: string | null;
};

export function listOutstandingActions({
  filters: f,
  after,
  before,
  viewer,
  today = todayInUk(),
  limit = REGISTER_PAGE_SIZE,
}: {
  filters: ResolvedFilters;
  after?: Cursor;
  before?: Cursor;
  viewer: Viewer;
  today?: string;
  limit?: number;
}): RegisterPage {
  const page = { after, before };
  const where = filterConditions(f, today);
  const statuses = f.status ? [f.status] : OUTSTANDING;
  const backward = !page.after && Boolean(page.before);
  const cursor = backward ? page.before : page.after;
  const index = rowsIndexFor(f);
  let merged = statuses.flatMap((status) =>
    readStatus([...where, eq(actions.status, status)], cursor, backward ? "backward" : "forward", limit + 1, index),
  );
  merged.sort((a, b) => compareRegisterOrder(a, b) * (backward ? -1 : 1));
  const more = merged.length > limit;
  merged = merged.slice(0, limit);
  if (backward) merged.reverse();
  const rows = merged.map((row) => ({
    ...row,
    overdue: isOverdue(row, today),
    canChange: mayChangeAction({ user: viewer, facts: row }),
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (backward || more) ? formatCursor(last) : null,
    previous: first && (backward ? more : Boolean(page.after)) ? formatCursor(first) : null,
  };
}

/** Every row that matches the filters, in register order (for the CSV download). */
export function listAllOutstandingActions({
  filters: f,
  viewer,
  today = todayInUk(),
  max = 100_000,
}: {
  filters: ResolvedFilters;
  viewer: Viewer;
  today?: string;
  max?: number;
}): RegisterRow[] {
  const where = [...filterConditions(f, today), statusCondition(f)];
  const dated = registerSelect()
    .where(and(...where, isNotNull(actions.dueDate)))
    .orderBy(asc(actions.dueDate), asc(actions.id))
    .limit(max)
    .all();
  const undated = registerSelect()
    .where(and(...where, isNull(actions.dueDate)))
    .orderBy(asc(actions.id))
    .limit(Math.max(0, max - dated.length))
    .all();
  return dated.concat(undated).map((row) => ({
    ...row,
    overdue: isOverdue(row, today),
    canChange: mayChangeAction({ user: viewer, facts: row }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Counts for each filter value: for one facet, the actions matching every OTHER filter, grouped
// by that facet's value, so each count says how many rows choosing that value would show.

export type RegisterCounts = {
  total: number;
  kind: Record<string, number>;
  status: Record<string, number>;
  /** Keys: a staff id, "office", "stakeholder". */
  owner: Record<string, number>;
  /** Keys: organisation id. */
  organisation: Record<string, number>;
  orgKind: Record<string, number>;
  /** Keys: theme id. */
  theme: Record<string, number>;
  due: Record<DueWindow, number>;
  /** The viewer's own actions and those of the engagements they lead or recorded ("mine"), by the other filters. */
  mine: number;
  /**
   * Set when the words match more outstanding actions than this: the counts for each filter value were not made
   * (they are empty, as is `due`), and `total` counts the matching actions only up to one more than this.
   */
  wordsCappedAt?: number;
};

/** Past this many actions matching the words, the register says "more than" and counts no filter values (docs/decisions/0031). */
export const WORDS_COUNT_LIMIT = 1000;

/**
 * Counts for each filter value: for one facet, the actions matching every OTHER filter grouped
 * by that facet's value, so each count says how many rows choosing that value would show.
 *
 * Without text, from the counters the database keeps (docs/decisions/0017, 0024) and, where a due window
 * needs them, the actions still to fall due: the cost does not grow with the history. With text, from the
 * matching rows.
 */
export function countOutstandingActions({
  filters: f,
  viewerId,
  today = todayInUk(),
  wordsCountLimit = WORDS_COUNT_LIMIT,
}: {
  filters: ResolvedFilters;
  /** Whose "mine and my meetings'" to count (none: 0). */
  viewerId?: number;
  today?: string;
  wordsCountLimit?: number;
}): RegisterCounts {
  const me = typeof f.owner === "object" && f.owner.withMeetings ? f.owner.userId : (viewerId ?? 0);
  if (f.q) return countOutstandingActionRows({ filters: f, me, today, limit: wordsCountLimit });
  return countFromCounters({ filters: f, me, today });
}

/**
 * Which row of outstanding_action_due_counts holds the due dates under the filters: the counters keep
 * them per filter, one at a time, so this is only for none or one of the filters.
 */
function singleFilterDueFacet(f: ResolvedFilters, me: number): { facet: DueFacet; value: string } | null {
  const chosen: { facet: DueFacet; value: string }[] = [];
  if (f.kind) chosen.push({ facet: "kind", value: f.kind });
  if (f.status) chosen.push({ facet: "status", value: f.status });
  if (f.owner)
    chosen.push(
      typeof f.owner === "object"
        ? f.owner.withMeetings
          ? { facet: "mine", value: String(me) }
          : { facet: "owner", value: String(f.owner.userId) }
        : { facet: "owner", value: f.owner },
    );
  // Several organisations are several rows of the counters: not one value, so counted like several filters.
  if (f.organisationIds && f.organisationIds.length > 1) return null;
  if (f.organisationIds) chosen.push({ facet: "organisation", value: String(f.organisationIds[0]) });
  if (f.orgKind) chosen.push({ facet: "orgKind", value: f.orgKind });
  if (f.themeId !== undefined) chosen.push({ facet: "theme", value: String(f.themeId) });
  if (chosen.length > 1) return null;
  return chosen[0] ?? { facet: "all", value: "" };
}

type FacetCounts = Omit<RegisterCounts, "due">;

/**
 * The counts without text. Overdue is not kept (it moves at midnight): what is overdue is what has a due date
 * less what falls due from today on, so a due window costs at most the actions still to fall due (or, for
 * "due soon" and "within 30 days", those of the next days), never the history of overdue ones.
 */
function countFromCounters({ filters: f, me, today }: { filters: ResolvedFilters; me: number; today: string }): RegisterCounts {
  // One read transaction: the cutoff day read first is the one the counters were classed by.
  return readTransaction(() => {
    const cutoff = readOverdueCutoff();
    // Overdue is the counters' overdue class once the server has moved their cutoff to today, as it does every hour;
    // "no due date" is always class 0. Those facets need that one class alone (a third of the statement's cost).
    const only = f.due === "none" ? 0 : f.due === "overdue" && cutoff === today ? 2 : undefined;
    const everything = counterFacets(f, me, only ?? (f.due === "overdue" ? "split" : "together"));
    // The due facet's own counts: every filter but the due window.
    const single = singleFilterDueFacet(f, me);
    const [undated, dueFromCutoff, overdueAtCutoff] = everything.totals;
    const windows = single
      ? readDueWindowsOf({ ...single, today })
      : futureWindows(f, me, today, cutoff === today ? dueFromCutoff : undefined);
    const due = { overdue: dueFromCutoff + overdueAtCutoff - windows.fromToday, week: windows.week, month: windows.month, none: undated };
    let facets: FacetCounts;
    switch (f.due) {
      case undefined:
        facets = everything.facets;
        break;
      case "none":
        facets = everything.byClass[0];
        break;
      case "overdue":
        facets = overdueFacets(everything.byClass, cutoff, f, me, today);
        break;
      case "week":
        facets = futureFacets(f, me, today, dueSoonUntil(today));
        break;
      case "month":
        facets = futureFacets(f, me, today, dueWithinMonthUntil(today));
        break;
    }
    return { ...facets, due };
  });
}

/**
 * The counters' figures: in all and, when asked for, by class of due date (the counters' `dated`: none, due on or after
 * the cutoff day, overdue as of it); and the totals of each class always. When one class alone was asked for, only its
 * `byClass` entry is filled (and the totals).
 */
type CountedFacets = {
  facets: FacetCounts;
  byClass: [FacetCounts, FacetCounts, FacetCounts];
  totals: [number, number, number];
};

/**
 * Each facet's counts summed in SQL over the counters matching every other filter, in one statement: over every class
 * of due date together, per class (none, due from the cutoff day, overdue as of it), or in one class alone. A few
 * dozen rows reach JavaScript, whatever the length of the history.
 */
function counterFacets(f: ResolvedFilters, me: number, classes: "together" | "split" | 0 | 2): CountedFacets {
  const themeId = f.themeId ?? 0;
  // "Mine and my meetings'" is the person's own slice of the counters (owner, lead or recorder), not a column.
  const minePerson = typeof f.owner === "object" && f.owner.withMeetings ? me : 0;
  const parts: string[] = [];
  const params: (string | number)[] = [];
  // A facet's class of due date: all together, each apart, or one alone (in its WHERE). The classes' totals ('dated')
  // are always counted apart. Grouping by class costs a temporary b-tree per facet: only when a due window needs it.
  const classOf = (alias: string, facet: string) => {
    if (classes === "together") return { column: "NULL", where: "", group: [] };
    if (classes === "split" || facet === "dated") return { column: `${alias}.dated`, where: "", group: ["3"] };
    return { column: String(classes), where: ` AND ${alias}.dated = ${classes}`, group: [] };
  };
  const part = (facet: string, value: string, where: { text: string; params: (string | number)[] }, groupBy: boolean, join = "") => {
    const d = classOf("c", facet);
    const grouping = [...(groupBy ? ["2"] : []), ...d.group];
    parts.push(
      `SELECT '${facet}', ${value}, ${d.column}, sum(c.n) FROM outstanding_action_counts c${join} WHERE ${where.text}${d.where}${grouping.length ? ` GROUP BY ${grouping.join(", ")}` : ""}`,
    );
    params.push(...where.params);
  };
  const filtered = counterConditions(f).text.length > 0;
  if (themeId === 0 && !filtered) {
    // No filter but, perhaps, the person's own slice: each facet is one facet of outstanding_action_facet_counts (a
    // few hundred rows), not the slice's thousands grouped once per facet.
    const facetPart = (facet: string, value: string, person: number, of: string, groupBy: boolean, join = "") => {
      const d = classOf("c", facet);
      const grouping = [...(groupBy ? ["2"] : []), ...d.group];
      parts.push(
        `SELECT '${facet}', ${value}, ${d.column}, sum(c.n) FROM outstanding_action_facet_counts c${join}
        WHERE c.person_id = ? AND c.facet = '${of}'${facet === "organisation" ? " AND c.value <> '0'" : ""}${d.where}${grouping.length ? ` GROUP BY ${grouping.join(", ")}` : ""}`,
      );
      params.push(person);
    };
    facetPart("dated", "c.dated", minePerson, "kind", true);
    facetPart("kind", "c.value", minePerson, "kind", true);
    facetPart("status", "c.value", minePerson, "status", true);
    facetPart("owner", "c.value", 0, "owner", true);
    if (me) facetPart("mine", "''", me, "kind", false);
    facetPart("organisation", "c.value", minePerson, "organisation", true);
    facetPart("orgKind", "o.kind", minePerson, "organisation", true, " JOIN organisations o ON o.id = CAST(c.value AS INTEGER)");
  } else {
    // Every theme is a seek of its own slice (theme_id > 0 would read every person's slices too).
    const slice = (theme: number | "any", person: number, except?: Facet) => {
      const terms = counterConditions(f, except);
      return {
        text: [theme === "any" ? "c.theme_id IN (SELECT id FROM themes)" : "c.theme_id = ?", "c.person_id = ?", ...terms.text].join(
          " AND ",
        ),
        params: [...(theme === "any" ? [] : [theme]), person, ...terms.params],
      };
    };
    part("dated", "c.dated", slice(themeId, minePerson), true);
    part("kind", "c.kind", slice(themeId, minePerson, "kind"), true);
    part("status", "c.status", slice(themeId, minePerson, "status"), true);
    part("owner", "CASE WHEN c.owner_user_id <> 0 THEN c.owner_user_id ELSE c.owner_type END", slice(themeId, 0, "owner"), true);
    if (me) part("mine", "''", slice(themeId, me, "owner"), false);
    const withOrganisation = slice(themeId, minePerson, "organisation");
    part("organisation", "c.organisation_id", { ...withOrganisation, text: `${withOrganisation.text} AND c.organisation_id <> 0` }, true);
    part("orgKind", "o.kind", slice(themeId, minePerson, "orgKind"), true, " JOIN organisations o ON o.id = c.organisation_id");
    if (filtered) part("theme", "c.theme_id", slice("any", minePerson), true);
  }
  if (!filtered) {
    // No other filter: each theme's figure is its slice's whole total, kept in outstanding_action_theme_counts, not
    // summed here from every theme's slice.
    const d = classOf("t", "theme");
    parts.push(
      `SELECT 'theme', t.theme_id, ${d.column}, sum(t.n) FROM outstanding_action_theme_counts t WHERE t.theme_id IN (SELECT id FROM themes) AND t.person_id = ?${d.where} GROUP BY ${["2", ...d.group].join(", ")}`,
    );
    params.push(minePerson);
  }
  const facets = emptyFacets();
  const byClass: CountedFacets["byClass"] = [emptyFacets(), emptyFacets(), emptyFacets()];
  const totals: CountedFacets["totals"] = [0, 0, 0];
  for (const [facet, value, dated, n] of preparedRaw(parts.join(" UNION ALL ")).all(...params) as [
    string,
    string | number | null,
    0 | 1 | 2 | null,
    number | null,
  ][]) {
    if (n == null) continue;
    if (facet === "dated") totals[value as 0 | 1 | 2] += n;
    const into = dated === null ? [facets] : typeof classes === "number" ? [byClass[dated]] : [facets, byClass[dated]];
    for (const counts of into) {
      if (facet === "dated") counts.total += n;
      else addFacet(counts, facet, value, n);
    }
  }
  return { facets, byClass, totals };
}

/**
 * Overdue today: the counters' overdue class as of their cutoff day, with the actions due between that day and today
 * moved across, counted from the rows (none once the server has moved the cutoff to today, as it does every hour).
 */
function overdueFacets(
  [, dueFromCutoff, overdue]: CountedFacets["byClass"],
  cutoff: string | null,
  f: ResolvedFilters,
  me: number,
  today: string,
): FacetCounts {
  if (cutoff === null) return subtractCounts(addCounts(overdue, dueFromCutoff), futureFacets(f, me, today));
  if (cutoff === today) return overdue;
  if (cutoff < today) return addCounts(overdue, futureFacets(f, me, cutoff, addDays(today, -1)));
  return subtractCounts(overdue, futureFacets(f, me, today, addDays(cutoff, -1)));
}

/**
 * The same counts over the outstanding actions due from `from` (today) on, up to `until` if given, from the rows:
 * their number follows how far ahead things fall due, not the history.
 */
function futureFacets(f: ResolvedFilters, me: number, from: string, until?: string): FacetCounts {
  const chosen = chosenFacets(f);
  // A facet whose other filters are none (the due window aside) is one facet of outstanding_action_due_counts:
  // summed there over the days from `from`, not counted from the actions.
  const fromCounters: string[] = [];
  // The facets not filtered by all count the same actions (those matching every filter): these are read once, into
  // `matching`, and each facet groups them; a filtered facet (every filter but its own) and "mine" read their own.
  const shared: string[] = [];
  const own: string[] = [];
  const params: (string | number)[] = [];
  // Each facet's value and join, on an action `@` (see onAction).
  const part = (facet: string, value: string, except: Facet | "none", join = "") => {
    if (chosen.every((c) => c === except)) {
      fromCounters.push(facet === "total" ? "all" : facet);
      return false;
    }
    const groupBy = facet === "total" || facet === "mine" ? "" : " GROUP BY 2";
    if (facet !== "mine" && (except === "none" || !chosen.includes(except))) {
      const on = (text: string) => onAction(text, "r");
      // CROSS JOIN keeps `matching` (a few thousand rows at most) outside: the planner, knowing nothing of its size,
      // would otherwise read every engagement's themes and look each up in it.
      shared.push(`SELECT '${facet}', ${on(value)}, count(*) FROM matching r${join && ` CROSS JOIN ${on(join)}`}${groupBy}`);
      return true;
    }
    const on = (text: string) => onAction(text, "a");
    const terms = futureConditions(f, me, from, until, except);
    const conditions = [...terms.text, ...(facet === "mine" ? [MY_MEETINGS] : [])];
    own.push(
      `SELECT '${facet}', ${on(value)}, count(*) ${futureFrom(f, except, conditions)}${join && ` JOIN ${on(join)}`} WHERE ${conditions.join(" AND ")}${groupBy}`,
    );
    params.push(...terms.params);
    return true;
  };
  part("total", "''", "none");
  part("kind", "@.kind", "kind");
  part("status", "@.status", "status");
  part("owner", "@.owner", "owner");
  if (me && part("mine", "''", "owner")) params.push(me, me, me);
  // No organisation (null) is left out by addFacet.
  part("organisation", "@.organisation_id", "organisation");
  part("orgKind", "o.kind", "orgKind", "organisations o ON o.id = @.organisation_id");
  part("theme", "et.theme_id", "theme", "engagement_themes et ON et.engagement_id = @.engagement_id");
  const parts = [...shared, ...own];
  if (fromCounters.length) {
    // The counters' values: "" for everything, no organisation as "0" and its kind as "" (left out, as the rows' counts
    // leave them out), "mine" per person.
    parts.push(
      `SELECT CASE facet WHEN 'all' THEN 'total' ELSE facet END, value, sum(n) FROM outstanding_action_due_counts INDEXED BY outstanding_action_due_counts_facet_due_idx
      WHERE facet IN (SELECT value FROM json_each(?)) AND due_date >= ?${until ? " AND due_date <= ?" : ""}
        AND NOT (facet = 'organisation' AND value = '0') AND NOT (facet = 'orgKind' AND value = '') AND (facet <> 'mine' OR value = ?)
      GROUP BY facet, value`,
    );
    params.push(JSON.stringify(fromCounters), from, ...(until ? [until] : []), String(me));
  }
  let statement = parts.join(" UNION ALL ");
  if (shared.length) {
    // Materialised: read from the actions once for all the facets that group them, not once per facet.
    const terms = futureConditions(f, me, from, until, "none");
    statement = `WITH matching AS MATERIALIZED (SELECT a.kind, a.status, coalesce(a.owner_user_id, a.owner_type) AS owner, a.organisation_id, a.engagement_id
      ${futureFrom(f, "none", terms.text)} WHERE ${terms.text.join(" AND ")}) ${statement}`;
    params.unshift(...terms.params);
  }
  const facets = emptyFacets();
  for (const [facet, value, n] of preparedRaw(statement).all(...params) as [string, string | number | null, number][]) {
    if (facet === "total") facets.total = n;
    else addFacet(facets, facet, value, n);
  }
  return facets;
}

/** SQL on an action `@.`: a row `r.` of `matching`, or `a.` of the actions table, whose owner is two columns. */
function onAction(text: string, alias: "r" | "a"): string {
  return text.replaceAll("@.owner", alias === "r" ? "r.owner" : "coalesce(a.owner_user_id, a.owner_type)").replaceAll("@.", `${alias}.`);
}

/** The facets a person has filtered by, the due window aside. */
function chosenFacets(f: ResolvedFilters): Facet[] {
  const chosen: Facet[] = [];
  if (f.kind) chosen.push("kind");
  if (f.status) chosen.push("status");
  if (f.owner) chosen.push("owner");
  if (f.organisationIds) chosen.push("organisation");
  if (f.orgKind) chosen.push("orgKind");
  if (f.themeId !== undefined) chosen.push("theme");
  return chosen;
}

/** Of the outstanding actions matching every filter but the due window: how many fall due from today on, in 7 days, in 30. */
function futureWindows(f: ResolvedFilters, me: number, today: string, fromTodayCounted?: number): DueWindows {
  // When how many fall due from today on is already counted (the counters' cutoff is today), only the next 30 days' rows.
  const terms = futureConditions(f, me, today, fromTodayCounted === undefined ? undefined : dueWithinMonthUntil(today), "none");
  const [fromToday, week, month] = preparedRaw(
    `SELECT count(*), coalesce(sum(a.due_date <= ?), 0), coalesce(sum(a.due_date <= ?), 0)
    ${futureFrom(f, "none", terms.text)} WHERE ${terms.text.join(" AND ")}`,
  ).get(dueSoonUntil(today), dueWithinMonthUntil(today), ...terms.params) as [number, number, number];
  return { fromToday: fromTodayCounted ?? fromToday, week, month };
}

/**
 * The outstanding actions a (and their engagements e, when a condition reads them), for the filters but one facet.
 * Without an organisation or a member of staff to seek, the actions due from a date are read from
 * actions_outstanding_idx, which holds what these counts need: SQLite may otherwise pick actions_status_due_idx and
 * read each action's row (twice the cost).
 */
function futureFrom(f: ResolvedFilters, except: Facet | "none", conditions: string[]): string {
  const seeksOrganisation = f.organisationIds && except !== "organisation";
  const seeksOwner = typeof f.owner === "object" && !f.owner.withMeetings && except !== "owner";
  // The engagement's row only for "mine and my meetings'" (its lead and recorder): whether it is archived is LIVE_ENGAGEMENT's.
  const readsEngagement = conditions.includes(MY_MEETINGS);
  return `FROM actions a${seeksOrganisation || seeksOwner ? "" : " INDEXED BY actions_outstanding_idx"}${readsEngagement ? " JOIN engagements e ON e.id = a.engagement_id" : ""}`;
}

/** An action the person owns, or of an engagement they lead or recorded (three parameters: the person). */
const MY_MEETINGS = "(a.owner_user_id = ? OR e.lead_user_id = ? OR e.created_by_id = ?)";

/**
 * An action whose engagement is not archived: looked for in the short list of archived engagements (their own
 * partial index), which SQLite builds once per statement. A join to each action's engagement row is a seek in the
 * whole table per action: half the cost of counting the thousands of actions due from today.
 */
const LIVE_ENGAGEMENT =
  "a.engagement_id NOT IN (SELECT id FROM engagements INDEXED BY engagements_archived_idx WHERE archived_at IS NOT NULL)";

/** The filters (but one facet, never the due window) as conditions on outstanding actions a of live engagements due from `from`. */
function futureConditions(
  f: ResolvedFilters,
  me: number,
  from: string,
  until: string | undefined,
  except: Facet | "none",
): { text: string[]; params: (string | number)[] } {
  const text: string[] = [LIVE_ENGAGEMENT, "a.status IN ('open', 'in_progress')", "a.due_date >= ?"];
  const params: (string | number)[] = [from];
  const add = (condition: string, ...values: (string | number)[]) => {
    text.push(condition);
    params.push(...values);
  };
  if (until) add("a.due_date <= ?", until);
  if (f.kind && except !== "kind") add("a.kind = ?", f.kind);
  if (f.status && except !== "status") add("a.status = ?", f.status);
  if (f.owner && except !== "owner") {
    if (f.owner === "office") add("a.owner_type = 'office' AND a.owner_user_id IS NULL");
    else if (f.owner === "stakeholder") add("a.owner_type = 'stakeholder'");
    else if (f.owner.withMeetings) add(MY_MEETINGS, me, me, me);
    else add("a.owner_user_id = ?", f.owner.userId);
  }
  if (f.organisationIds && except !== "organisation")
    add(`a.organisation_id IN (${f.organisationIds.map(() => "?").join(", ")})`, ...f.organisationIds);
  if (f.orgKind && except !== "orgKind") add("a.organisation_id IN (SELECT id FROM organisations WHERE kind = ?)", f.orgKind);
  if (f.themeId !== undefined && except !== "theme")
    add("EXISTS (SELECT 1 FROM engagement_themes t WHERE t.engagement_id = a.engagement_id AND t.theme_id = ?)", f.themeId);
  return { text, params };
}

/** a − b, value by value (b counts a subset of what a counts); values left at nothing are dropped. */
function subtractCounts(a: FacetCounts, b: FacetCounts): FacetCounts {
  return combineCounts(a, b, -1);
}

/** a + b, value by value (b counts other actions than a). */
function addCounts(a: FacetCounts, b: FacetCounts): FacetCounts {
  return combineCounts(a, b, 1);
}

function combineCounts(a: FacetCounts, b: FacetCounts, sign: 1 | -1): FacetCounts {
  const combine = (x: Record<string, number>, y: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const n = (x[key] ?? 0) + sign * (y[key] ?? 0);
      if (n) out[key] = n;
    }
    return out;
  };
  return {
    total: a.total + sign * b.total,
    mine: a.mine + sign * b.mine,
    kind: combine(a.kind, b.kind),
    status: combine(a.status, b.status),
    owner: combine(a.owner, b.owner),
    organisation: combine(a.organisation, b.organisation),
    orgKind: combine(a.orgKind, b.orgKind),
    theme: combine(a.theme, b.theme),
  };
}

function emptyFacets(): FacetCounts {
  const { due: _, ...facets } = emptyCounts();
  return facets;
}

function addFacet(facets: FacetCounts, facet: string, value: string | number | null, n: number) {
  switch (facet) {
    case "mine":
      facets.mine += n;
      break;
    case "kind":
    case "status":
    case "owner":
    case "organisation":
    case "orgKind":
    case "theme":
      addTo(facets[facet], value, n);
  }
}

/** The filters (but one facet, and but "mine", which is a slice) as conditions on outstanding_action_counts c. */
function counterConditions(f: ResolvedFilters, except?: Facet): { text: string[]; params: (string | number)[] } {
  const text: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, ...values: (string | number)[]) => {
    text.push(condition);
    params.push(...values);
  };
  if (f.kind && except !== "kind") add("c.kind = ?", f.kind);
  if (f.status && except !== "status") add("c.status = ?", f.status);
  if (f.owner && except !== "owner") {
    if (f.owner === "office") add("c.owner_type = 'office' AND c.owner_user_id = 0");
    else if (f.owner === "stakeholder") add("c.owner_type = 'stakeholder'");
    else if (!f.owner.withMeetings) add("c.owner_user_id = ?", f.owner.userId);
  }
  if (f.organisationIds && except !== "organisation")
    add(`c.organisation_id IN (${f.organisationIds.map(() => "?").join(", ")})`, ...f.organisationIds);
  if (f.orgKind && except !== "orgKind") add("c.organisation_id IN (SELECT id FROM organisations WHERE kind = ?)", f.orgKind);
  return { text, params };
}

function ownerMatches(f: ResolvedFilters, g: { ownerUserId: number | null; ownerType: string; myMeeting: boolean | number }): boolean {
  if (!f.owner) return true;
  if (f.owner === "office") return g.ownerType === "office" && g.ownerUserId == null;
  if (f.owner === "stakeholder") return g.ownerType === "stakeholder";
  return g.ownerUserId === f.owner.userId || Boolean(f.owner.withMeetings && g.myMeeting);
}

function organisationKinds(): Map<number, OrganisationKind> {
  return new Map(
    db()
      .select({ id: organisations.id, kind: organisations.kind })
      .from(organisations)
      .all()
      .map((o) => [o.id, o.kind]),
  );
}

function emptyCounts(): RegisterCounts {
  return {
    total: 0,
    kind: {},
    status: {},
    owner: {},
    organisation: {},
    orgKind: {},
    theme: {},
    due: { overdue: 0, week: 0, month: 0, none: 0 },
    mine: 0,
  };
}

function addTo(map: Record<string, number>, key: string | number | null | undefined, n: number) {
  if (key != null) map[key] = (map[key] ?? 0) + n;
}

/**
 * The counts with words, from the matching rows. First the actions matching the words (and theme), up to `limit`
 * + 1 of them: past `limit` it stops, since a common word ("letter") would otherwise cost a count of every match on
 * every page of results and a figure past a thousand only tells a person to narrow the search; then only the
 * total is counted, up to `limit` + 1, and `wordsCappedAt` says so. Otherwise one aggregate query groups those
 * actions by every other facet at once, the themes in the same pass, and the rest is matching in JavaScript.
 */
function countOutstandingActionRows({
  filters: f,
  me,
  today,
  limit,
}: {
  filters: ResolvedFilters;
  me: number;
  today: string;
  limit: number;
}): RegisterCounts {
  const week = dueSoonUntil(today);
  const month = dueWithinMonthUntil(today);
  const where: SQL[] = [isNull(engagements.archivedAt), OUTSTANDING_WORD_FOR_WORD];
  if (f.q) where.push(textCondition(f.q));
  if (f.themeId !== undefined) where.push(themeCondition(f.themeId));
  const matching = db()
    .select({ id: actions.id })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(and(...where))
    .limit(limit + 1)
    .all();
  if (matching.length > limit) return countCappedWords(f, today, limit);
  // 0 overdue, 1 due soon, 2 within 30 days, 3 later, 4 no due date: the rules of isOverdue, isDueSoon and
  // dueWithinMonthUntil in ~/domain/actions, in SQL (the statuses are the outstanding ones, above).
  const themesInPass = f.themeId === undefined;
  const bucket = sql<number>`CASE WHEN ${actions.dueDate} IS NULL THEN 4 WHEN ${actions.dueDate} < ${today} THEN 0 WHEN ${actions.dueDate} <= ${week} THEN 1 WHEN ${actions.dueDate} <= ${month} THEN 2 ELSE 3 END`;
  const groups = db()
    .select({
      kind: actions.kind,
      status: actions.status,
      ownerUserId: actions.ownerUserId,
      ownerType: actions.ownerType,
      organisationId: actions.organisationId,
      bucket,
      // 1: of an engagement the viewer leads or recorded (see mineAndMyMeetings).
      myMeeting: sql<number>`${engagements.leadUserId} = ${me} OR ${engagements.createdById} = ${me}`,
      // Without a theme chosen, the themes' counts come from this same pass over the rows (not a second one).
      themes: themesInPass
        ? sql<
            string | null
          >`(SELECT group_concat(${engagementThemes.themeId}) FROM ${engagementThemes} WHERE ${engagementThemes.engagementId} = ${actions.engagementId})`
        : sql<string | null>`NULL`,
      n: sql<number>`count(*)`,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(sql`${actions.id} IN (SELECT value FROM json_each(${JSON.stringify(matching.map((m) => m.id))}))`)
    .groupBy(actions.kind, actions.status, actions.ownerUserId, actions.ownerType, actions.organisationId, sql`6`, sql`7`, sql`8`)
    .all();
  const kindOf = organisationKinds();
  const counts = emptyCounts();
  const windowsOf = (b: number): DueWindow[] =>
    b === 0 ? ["overdue"] : b === 1 ? ["week", "month"] : b === 2 ? ["month"] : b === 4 ? ["none"] : [];
  const facets = ["kind", "status", "owner", "organisation", "orgKind", "due"] as const;
  for (const g of groups) {
    const orgKind = g.organisationId != null ? kindOf.get(g.organisationId) : undefined;
    const matches = {
      kind: !f.kind || g.kind === f.kind,
      status: !f.status || g.status === f.status,
      owner: ownerMatches(f, g),
      organisation: !f.organisationIds || (g.organisationId != null && f.organisationIds.includes(g.organisationId)),
      orgKind: !f.orgKind || orgKind === f.orgKind,
      due: !f.due || windowsOf(g.bucket).includes(f.due),
    };
    const failing = facets.filter((facet) => !matches[facet]);
    if (failing.length > 1) continue;
    // A group counts towards a facet's values when it matches every OTHER filter.
    const only = failing[0];
    if (!only) counts.total += g.n;
    if (!only || only === "kind") addTo(counts.kind, g.kind, g.n);
    if (!only || only === "status") addTo(counts.status, g.status, g.n);
    if (!only || only === "owner") addTo(counts.owner, g.ownerUserId != null ? g.ownerUserId : g.ownerType, g.n);
    if ((!only || only === "owner") && me && (g.ownerUserId === me || g.myMeeting)) counts.mine += g.n;
    if (!only || only === "organisation") addTo(counts.organisation, g.organisationId, g.n);
    if (!only || only === "orgKind") addTo(counts.orgKind, orgKind, g.n);
    if (!only || only === "due") for (const w of windowsOf(g.bucket)) counts.due[w] += g.n;
    if (!only && g.themes) for (const themeId of g.themes.split(",")) addTo(counts.theme, themeId, g.n);
  }
  if (themesInPass) return counts;

  for (const row of db()
    .select({ themeId: engagementThemes.themeId, n: sql<number>`count(*)` })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .innerJoin(engagementThemes, eq(engagementThemes.engagementId, actions.engagementId))
    .where(and(...filterConditions(f, today, "theme"), statusCondition(f)))
    .groupBy(engagementThemes.themeId)
    .all())
    counts.theme[row.themeId] = row.n;
  return counts;
}

/** The words match more than `limit` outstanding actions: how many match every filter, up to `limit` + 1. */
function countCappedWords(f: ResolvedFilters, today: string, limit: number): RegisterCounts {
  const onlyWords = !f.kind && !f.status && !f.owner && !f.organisationIds && !f.orgKind && !f.due;
  const total = onlyWords
    ? limit + 1
    : db()
        .select({ one: sql`1` })
        .from(actions)
        .innerJoin(engagements, eq(engagements.id, actions.engagementId))
        .where(and(...filterConditions(f, today), statusCondition(f)))
        .limit(limit + 1)
        .all().length;
  return { ...emptyCounts(), total, wordsCappedAt: limit };
}

// ---------------------------------------------------------------------------------------------
// The choices the filters offer.

export function listRegisterChoices() {
  // Prepared once: read on every page of the register, where drizzle building three queries cost more than running them.
  const orgs = preparedStatement(
    "SELECT id, name, short_name AS shortName, slug, kind FROM organisations WHERE archived_at IS NULL ORDER BY name",
  ).all() as { id: number; name: string; shortName: string | null; slug: string; kind: OrganisationKind }[];
  const themeList = preparedStatement("SELECT id, name FROM themes ORDER BY name").all() as { id: number; name: string }[];
  const staff = preparedStatement("SELECT id, name, role, deactivated_at AS deactivatedAt FROM users ORDER BY name").all() as {
    id: number;
    name: string;
    role: Role;
    deactivatedAt: string | null;
  }[];
  return { organisations: orgs, themes: themeList, staff };
}
