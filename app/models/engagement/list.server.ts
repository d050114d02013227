// The engagements list: filters, keyset pages by (date, id), and the count.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
import { actions, engagementOrganisations, engagements, engagementThemes, ORGANISATION_KINDS, organisations } from "~db/schema";
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

function listConditions(filters: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.status === "archived") where.push(isNotNull(engagements.archivedAt));
  else {
    where.push(isNull(engagements.archivedAt));
    if (filters.status) where.push(eq(engagements.status, filters.status));
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
  if (filters.q) {
    const like = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // "Europol" finds the engagements with Europol, whether or not its name is in their text.
    const withOrganisation = sql`${engagements.id} in (select eo.engagement_id from ${engagementOrganisations} eo join ${organisations} o on o.id = eo.organisation_id where o.name like ${like} escape '\\' or o.short_name like ${like} escape '\\')`;
    if (filters.q.length >= 3)
      where.push(
        or(
          sql`${engagements.id} in (select rowid from engagements_fts where engagements_fts match ${ftsPhrase(filters.q)})`,
          withOrganisation,
        )!,
      );
    // Shorter than a trigram: the index cannot serve it, so match titles (and organisations) only.
    else where.push(or(sql`${engagements.title} like ${like} escape '\\'`, withOrganisation)!);
  }
  return where;
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
  const page = { after, before };
  const where = listConditions(filters);
  const backwards = Boolean(page.before);
  if (page.after) where.push(sql`(${engagements.date}, ${engagements.id}) < (${page.after.date}, ${page.after.id})`);
  if (page.before) where.push(sql`(${engagements.date}, ${engagements.id}) > (${page.before.date}, ${page.before.id})`);
  const found = db()
    .select({
      id: engagements.id,
      title: engagements.title,
      date: engagements.date,
      startTime: engagements.startTime,
      kind: engagements.kind,
      status: engagements.status,
      marking: engagements.marking,
      archivedAt: engagements.archivedAt,
    })
    .from(engagements)
    .where(and(...where))
    .orderBy(...(backwards ? [asc(engagements.date), asc(engagements.id)] : [desc(engagements.date), desc(engagements.id)]))
    .limit(limit + 1)
    .all();
  const more = found.length > limit;
  const slice = found.slice(0, limit);
  if (backwards) slice.reverse();
  const ids = slice.map((r) => r.id);
  const orgRows = ids.length
    ? db()
        .select({
          engagementId: engagementOrganisations.engagementId,
          slug: organisations.slug,
          name: organisations.name,
          shortName: organisations.shortName,
        })
        .from(engagementOrganisations)
        .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
        .where(inArray(engagementOrganisations.engagementId, ids))
        .orderBy(asc(sql`coalesce(${organisations.shortName}, ${organisations.name})`))
        .all()
    : [];
  const openRows = ids.length
    ? db()
        .select({ engagementId: actions.engagementId, n: count() })
        .from(actions)
        .where(and(inArray(actions.engagementId, ids), inArray(actions.status, [...OUTSTANDING_ACTION_STATUSES])))
        .groupBy(actions.engagementId)
        .all()
    : [];
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
    previous: first && (backwards ? more : Boolean(page.after)) ? { date: first.date, id: first.id } : null,
  };
}

/** How many engagements match (for "12 engagements"), capped so counting never scans everything. */
export function countEngagements({ filters, cap = 10_000 }: { filters: ListFilters; cap?: number }): number {
  const where = listConditions(filters);
  // Counted along the same ordered index walk as the list, and capped, so a count never reads the table.
  const row = db().get<{ n: number }>(
    sql`select count(*) as n from (select 1 from ${engagements} where ${and(...where)} order by ${engagements.date} desc, ${engagements.id} desc limit ${cap + 1})`,
  );
  return row?.n ?? 0;
}
