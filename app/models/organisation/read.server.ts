// Reading organisations: the list, pickers, one organisation with its links, names by id, its history.
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { db, type Db } from "~db/connection";
import { preparedQuery, preparedStatement } from "~/models/prepared-statements.server";
import { auditEvents, contacts, organisations, type OrganisationKind } from "~db/schema";

export type Organisation = typeof organisations.$inferSelect;

/** What a person edits on the organisation form. */
export type OrganisationInput = {
  name: string;
  shortName?: string | null;
  kind: OrganisationKind;
  nation: string;
  parentId?: number | null;
  forceId?: number | null;
  website?: string | null;
  notes?: string | null;
};

export type OrganisationFilters = {
  kind?: OrganisationKind;
  nation?: string;
  /** Matches the name or the short name, anywhere, ignoring case. */
  q?: string;
  includeArchived?: boolean;
};

function escapeLike(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export type OrganisationListRow = {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  nation: string;
  archivedAt: string | null;
};

/**
 * Every organisation matching the filters, by name. There are about a hundred and grow slowly, so the whole
 * match is one page. One statement whatever the filters (an absent filter is a null parameter), prepared once:
 * building the SQL cost more than reading a hundred rows (docs/decisions/0025-page-cost.md).
 */
export function listOrganisations(filters: OrganisationFilters = {}): OrganisationListRow[] {
  const term = filters.q?.trim().toLowerCase();
  return preparedStatement(
    `SELECT id, slug, name, short_name AS shortName, kind, nation, archived_at AS archivedAt FROM organisations
     WHERE (@kind IS NULL OR kind = @kind) AND (@nation IS NULL OR nation = @nation)
       AND (@like IS NULL OR name LIKE @like ESCAPE '\\' OR short_name LIKE @like ESCAPE '\\')
       AND (@archived = 1 OR archived_at IS NULL)
     ORDER BY CASE WHEN lower(short_name) = @term OR lower(name) = @term THEN 0 ELSE 1 END, name, id`,
  ).all({
    kind: filters.kind ?? null,
    nation: filters.nation ?? null,
    like: filters.q ? escapeLike(filters.q) : null,
    // "NCA" puts the body called NCA before Lancashire (which contains "nca").
    term: term || null,
    archived: filters.includeArchived ? 1 : 0,
  }) as OrganisationListRow[];
}

/** The nations and countries in use, for the list's filter. */
export function listNations(): string[] {
  return nationsQuery()
    .all()
    .map((r) => r.nation);
}

const nationsQuery = preparedQuery((database) =>
  database.selectDistinct({ nation: organisations.nation }).from(organisations).orderBy(asc(organisations.nation)).prepare(),
);

export type OrganisationOption = Pick<Organisation, "id" | "slug" | "name" | "shortName" | "kind">;

/** Organisations a person may pick (on engagement forms, as a parent): never archived ones. */
export function listOrganisationOptions(filter: { kind?: OrganisationKind } = {}): OrganisationOption[] {
  // On every request of the engagements list and forms: prepared once (docs/decisions/0031).
  return preparedStatement(
    `SELECT id, slug, name, short_name AS shortName, kind FROM organisations
     WHERE archived_at IS NULL AND (@kind IS NULL OR kind = @kind) ORDER BY name`,
  ).all({ kind: filter.kind ?? null }) as OrganisationOption[];
}

type Related = Pick<Organisation, "id" | "slug" | "name" | "shortName" | "kind" | "archivedAt">;
const relatedColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  shortName: organisations.shortName,
  kind: organisations.kind,
  archivedAt: organisations.archivedAt,
};

export type OrganisationDetails = Organisation & {
  parent: Related | null;
  children: Related[];
  /** For a local policing body: the force it oversees. */
  force: Related | null;
  /** For a police force: the local policing bodies (PCC or equivalent) that oversee it. */
  policingBodies: Related[];
};

function organisationQueries(database: Db) {
  const id = sql.placeholder("id");
  return {
    bySlug: database
      .select()
      .from(organisations)
      .where(eq(organisations.slug, sql.placeholder("slug")))
      .prepare(),
    byId: database.select(relatedColumns).from(organisations).where(eq(organisations.id, id)).prepare(),
    children: database
      .select(relatedColumns)
      .from(organisations)
      .where(eq(organisations.parentId, id))
      .orderBy(asc(organisations.name))
      .prepare(),
    policingBodies: database
      .select(relatedColumns)
      .from(organisations)
      .where(eq(organisations.forceId, id))
      .orderBy(asc(organisations.name))
      .prepare(),
  };
}
const preparedOnConnection = new WeakMap<Db, ReturnType<typeof organisationQueries>>();

/** One organisation with its parent, child bodies, and the force/policing-body link in both directions. */
export function getOrganisationBySlug(slug: string): OrganisationDetails | undefined {
  const database = db();
  let queries = preparedOnConnection.get(database);
  if (!queries) preparedOnConnection.set(database, (queries = organisationQueries(database)));
  const organisation = queries.bySlug.get({ slug });
  if (!organisation) return undefined;
  const related = (id: number | null) => (id ? (queries.byId.get({ id }) ?? null) : null);
  return {
    ...organisation,
    parent: related(organisation.parentId),
    children: queries.children.all({ id: organisation.id }),
    force: organisation.kind === "pcc" ? related(organisation.forceId) : null,
    policingBodies: organisation.kind === "police_force" ? queries.policingBodies.all({ id: organisation.id }) : [],
  };
}

/** An organisation a list is filtered by, with what its summary needs to name it (and its force, for a policing body). */
export type OrganisationNamed = {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  forceId: number | null;
};

/**
 * A list's organisation filter from its address: one slug, or several joined by commas (a force and its policing
 * body, linked from the coverage page). `organisationIds` is undefined when there is no filter, and matches nothing
 * ([-1]) when no slug names an organisation, rather than everything. `shown` is in the address's order, so the list
 * names them as the link did; `unknown` says a slug named nothing.
 */
export function resolveOrganisationFilter(list: string | undefined): {
  organisationIds: number[] | undefined;
  shown: OrganisationNamed[];
  unknown: boolean;
} {
  if (!list) return { organisationIds: undefined, shown: [], unknown: false };
  const slugs = [...new Set(list.split(","))];
  const shown = organisationsBySlugs(slugs);
  return { organisationIds: shown.length ? shown.map((o) => o.id) : [-1], shown, unknown: shown.length < slugs.length };
}

/** The organisations these slugs name, in the slugs' order; slugs that name none are left out. */
function organisationsBySlugs(slugs: string[]): OrganisationNamed[] {
  if (!slugs.length) return [];
  const found = db()
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
      forceId: organisations.forceId,
    })
    .from(organisations)
    .where(inArray(organisations.slug, slugs))
    .all();
  return slugs.flatMap((slug) => found.filter((o) => o.slug === slug));
}

/** Names of organisations by id (the history page shows "Home Office", not "parentId 3"). */
export function organisationNamesById(ids: number[]): Record<number, string> {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (!unique.length) return {};
  const rows = db()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, unique))
    .all();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/**
 * An organisation's own history, newest first: its own events and those of its contacts,
 * including contacts since removed (found through their removal events).
 */
export function listOrganisationHistory({ organisationId, limit = 500 }: { organisationId: number; limit?: number }) {
  const database = db();
  const currentIds = database
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.organisationId, organisationId))
    .all()
    .map((r) => String(r.id));
  const removedIds = database
    .select({ id: auditEvents.entityId })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "contact"),
        eq(auditEvents.action, "delete"),
        sql`json_extract(${auditEvents.before}, '$.organisationId') = ${organisationId}`,
      ),
    )
    .all()
    .map((r) => r.id)
    .filter((id): id is string => id !== null);
  const contactIds = [...new Set([...currentIds, ...removedIds])];
  const ownEvents = and(eq(auditEvents.entityType, "organisation"), eq(auditEvents.entityId, String(organisationId)));
  return database
    .select()
    .from(auditEvents)
    .where(
      contactIds.length ? or(ownEvents, and(eq(auditEvents.entityType, "contact"), inArray(auditEvents.entityId, contactIds))) : ownEvents,
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}
