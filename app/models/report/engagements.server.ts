// A report's engagements, with what was agreed and what was delivered, for the Commissioner's reports.
//
// Memory stays flat as data grows (docs/decisions/0006): the engagements are read in keyset batches of at most
// REPORT_BATCH_SIZE, each batch's children (organisations, themes, attendees, agenda, actions) fetched in one
// IN-query per kind. Callers consume the generators batch by batch and stream what they write, so no export
// holds every engagement at once.
import { sql, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
import type {
  ReportAction,
  ReportAgendaItem,
  ReportAttendee,
  ReportEngagement,
  ReportEngagementFilters,
  ReportFilters,
  ReportOrganisation,
  ReportPart,
} from "~/domain/report-types";
import { KIND_RANK, REPORT_BATCH_SIZE, afterEngagement, keysetBatches, organisationMatch, reportWhere } from "./query.server";

/**
 * A list of ids as one bound parameter (a JSON array read by json_each): one placeholder instead of 500,
 * which keeps statement building cheap for batch queries; SQLite still probes by primary key or index.
 */
function idSet(ids: readonly number[]): SQL {
  return sql`(select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The organisation an engagement is listed under in a grouped report: the first organisation recorded for
 * it among those the filters name (or among all of its organisations when the filters name none). Each
 * engagement appears once; its other organisations are named in it.
 */
function placementOrganisation(filters: ReportEngagementFilters): SQL {
  const match = organisationMatch(filters, "po_org");
  return sql`(select po.organisation_id from engagement_organisations po join organisations po_org on po_org.id = po.organisation_id where po.engagement_id = e.id${
    match ? sql` and ${match}` : sql``
  } order by po.rowid limit 1)`;
}

type EngagementRow = Omit<ReportEngagement, "organisations" | "themes" | "attendees" | "agenda" | "actions" | "placement">;

function groupBy<T extends { engagementId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.engagementId);
    if (list) list.push(row);
    else map.set(row.engagementId, [row]);
  }
  return map;
}

/** The full engagements for a batch of ids, in the order given: one query for the rows and one per kind of child. */
function hydrateEngagements(ids: number[], include: readonly ReportPart[]): ReportEngagement[] {
  if (!ids.length) return [];
  const idList = idSet(ids);
  const rows = db().all<EngagementRow>(
    sql`select e.id, e.title, e.kind, e.status, e.date, e.start_time as startTime, e.end_time as endTime, e.format, e.location, e.country,
               e.purpose, e.summary, e.marking, u.name as leadName
        from engagements e left join users u on u.id = e.lead_user_id where e.id in ${idList}`,
  );
  const organisations = groupBy(
    db().all<ReportOrganisation & { engagementId: number }>(
      sql`select eo.engagement_id as engagementId, org.id, org.name, org.short_name as shortName, org.kind
          from engagement_organisations eo join organisations org on org.id = eo.organisation_id
          where eo.engagement_id in ${idList} order by eo.engagement_id, eo.rowid`,
    ),
  );
  const themes = groupBy(
    db().all<{ engagementId: number; name: string }>(
      sql`select et.engagement_id as engagementId, t.name from engagement_themes et join themes t on t.id = et.theme_id
          where et.engagement_id in ${idList} order by t.name collate nocase`,
    ),
  );
  const attendees = include.includes("attendees")
    ? groupBy(
        db().all<ReportAttendee & { engagementId: number }>(
          sql`select a.engagement_id as engagementId, coalesce(u.name, c.name, a.name, 'Name not recorded') as name,
                     coalesce(a.role_title, c.role_title) as roleTitle, a.side, coalesce(co.short_name, co.name) as organisation
              from attendees a left join users u on u.id = a.user_id left join contacts c on c.id = a.contact_id
              left join organisations co on co.id = c.organisation_id
              where a.engagement_id in ${idList} order by a.engagement_id, a.position, a.id`,
        ),
      )
    : new Map();
  const agenda = include.includes("agenda")
    ? groupBy(
        db().all<ReportAgendaItem & { engagementId: number }>(
          sql`select engagement_id as engagementId, title, notes, outcome from agenda_items
              where engagement_id in ${idList} order by engagement_id, position, id`,
        ),
      )
    : new Map();
  const actionRows = include.includes("actions") ? actionsOfEngagements(idList) : new Map<number, ReportAction[]>();

  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: ReportEngagement[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue; // archived or removed between the id query and this one
    out.push({
      ...row,
      organisations: (organisations.get(id) ?? []).map(({ engagementId: _e, ...o }) => o),
      themes: (themes.get(id) ?? []).map((t) => t.name),
      attendees: (attendees.get(id) ?? []).map(({ engagementId: _e, ...a }: ReportAttendee & { engagementId: number }) => a),
      agenda: (agenda.get(id) ?? []).map(({ engagementId: _e, ...a }: ReportAgendaItem & { engagementId: number }) => a),
      actions: actionRows.get(id) ?? [],
    });
  }
  return out;
}

function actionsOfEngagements(idList: SQL): Map<number, ReportAction[]> {
  const rows = db().all<
    Omit<ReportAction, "resolvedBy"> & { resolvedById: number | null; resolvedTitle: string | null; resolvedDate: string | null }
  >(
    sql`select a.id, a.engagement_id as engagementId, a.kind, a.description, coalesce(org.short_name, org.name) as organisation, a.owner_type as ownerType,
               coalesce(u.name, a.owner_name) as ownerName, a.due_date as dueDate, a.status, a.closing_note as closingNote,
               a.closed_at as closedAt, r.id as resolvedById, r.title as resolvedTitle, r.date as resolvedDate
        from actions a left join organisations org on org.id = a.organisation_id left join users u on u.id = a.owner_user_id
        left join engagements r on r.id = a.resolved_by_engagement_id
        where a.engagement_id in ${idList} order by a.engagement_id, a.kind, a.position, a.id`,
  );
  return groupBy(
    rows.map(({ resolvedById, resolvedTitle, resolvedDate, ...a }) => ({
      ...a,
      resolvedBy: resolvedById ? { id: resolvedById, title: resolvedTitle ?? "", date: resolvedDate ?? "" } : null,
    })),
  );
}

/**
 * The report's engagements in date order (then id), in batches of at most `batchSize`, each with the
 * children the report includes. Keyset on (date, id): each batch is one indexed range query.
 */
export function* reportEngagementsByDate({
  filters,
  batchSize = REPORT_BATCH_SIZE,
  include = filters.include,
}: {
  filters: ReportFilters;
  batchSize?: number;
  include?: readonly ReportPart[];
}): Generator<ReportEngagement[]> {
  const where = reportWhere(filters);
  const pages = keysetBatches<{ id: number; date: string }>(
    (after) =>
      db().all(
        sql`select e.id, e.date from engagements e where ${where}${afterEngagement(after)} order by e.date, e.id limit ${batchSize}`,
      ),
    batchSize,
  );
  for (const page of pages)
    yield hydrateEngagements(
      page.map((p) => p.id),
      include,
    );
}

/** The organisations the report's engagements are listed under, in the order of the report (kind, then name). */
function placementGroups(filters: ReportFilters): ReportOrganisation[] {
  return db().all<ReportOrganisation>(
    sql`select org.id, org.name, org.short_name as shortName, org.kind from organisations org
        where org.id in (select ${placementOrganisation(filters)} from engagements e where ${reportWhere(filters)})
        order by ${KIND_RANK}, org.name, org.id`,
  );
}

/**
 * The report's engagements grouped as the Word document and the print page show them: by kind of organisation,
 * then organisation (see placementOrganisation), then date. Each engagement carries `placement`. Batches hold
 * at most `batchSize` engagements and may span groups; a group may span batches.
 */
export function* reportEngagementsGrouped({
  filters,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportFilters;
  batchSize?: number;
}): Generator<ReportEngagement[]> {
  const where = reportWhere(filters);
  const placement = placementOrganisation(filters);
  let pending: { id: number; placement: ReportOrganisation | null }[] = [];

  function* flush(): Generator<ReportEngagement[]> {
    if (!pending.length) return;
    const placed = new Map(pending.map((p) => [p.id, p.placement]));
    const engagements = hydrateEngagements(
      pending.map((p) => p.id),
      filters.include,
    );
    for (const e of engagements) e.placement = placed.get(e.id) ?? null;
    pending = [];
    yield engagements;
  }

  function* idsOf(condition: SQL): Generator<number> {
    const pages = keysetBatches<{ id: number; date: string }>(
      (after) =>
        db().all(
          sql`select e.id, e.date from engagements e where ${where} and ${condition}${afterEngagement(after)} order by e.date, e.id limit ${batchSize}`,
        ),
      batchSize,
    );
    for (const page of pages) for (const row of page) yield row.id;
  }

  for (const organisation of placementGroups(filters)) {
    // Only this organisation's own engagements are examined (through its index), not the whole period.
    for (const id of idsOf(
      sql`e.id in (select engagement_id from engagement_organisations where organisation_id = ${organisation.id}) and ${placement} = ${organisation.id}`,
    )) {
      pending.push({ id, placement: organisation });
      if (pending.length >= batchSize) yield* flush();
    }
  }
  // Engagements with no organisation recorded (possible only when the filters name none).
  if (!filters.organisation.length && !filters.orgKind.length) {
    for (const id of idsOf(sql`not exists (select 1 from engagement_organisations n where n.engagement_id = e.id)`)) {
      pending.push({ id, placement: null });
      if (pending.length >= batchSize) yield* flush();
    }
  }
  yield* flush();
}

/** The actions of the report's engagements, in the engagements' date order, in batches. */
export function* reportActions({
  filters,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportFilters;
  batchSize?: number;
}): Generator<(ReportAction & { engagement: ReportEngagement })[]> {
  for (const engagements of reportEngagementsByDate({ filters, batchSize, include: ["actions"] })) {
    const batch: (ReportAction & { engagement: ReportEngagement })[] = [];
    for (const engagement of engagements) for (const action of engagement.actions) batch.push({ ...action, engagement });
    if (batch.length) yield batch;
  }
}

/** One engagement with everything, for its own Word document and print page; undefined when there is none. */
export function getEngagementForExport(id: number): ReportEngagement | undefined {
  return hydrateEngagements([id], ["attendees", "agenda", "actions"])[0];
}
