// Reading organisations: the list, pickers, one organisation with its links, names by id, its history.
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
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

function containsText(column: typeof organisations.name | typeof organisations.shortName, text: string): SQL {
  return sql`${column} like ${escapeLike(text)} escape '\\'`;
}

function listConditions(filters: OrganisationFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.kind) where.push(eq(organisations.kind, filters.kind));
  if (filters.nation) where.push(eq(organisations.nation, filters.nation));
  if (filters.q) where.push(or(containsText(organisations.name, filters.q), containsText(organisations.shortName, filters.q))!);
  if (!filters.includeArchived) where.push(isNull(organisations.archivedAt));
  return where;
}

/**
 * The columns the list shows. Kept as one object so that another area can add a column
 * from a join (such as the date last engaged) without reshaping the query.
 */
const organisationListColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  shortName: organisations.shortName,
  kind: organisations.kind,
  nation: organisations.nation,
  archivedAt: organisations.archivedAt,
};

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
 * Every organisation matching the filters, by name. There are about a hundred and grow slowly,
 * so the whole match is one page; the kind and nation filters are served by their (kind, name)
 * and (nation, name) indexes, and the name order by organisations_name_idx.
 */
export function listOrganisations(filters: OrganisationFilters = {}): OrganisationListRow[] {
  const where = listConditions(filters);
  return db()
    .select(organisationListColumns)
    .from(organisations)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...searchRank(filters.q), asc(organisations.name), asc(organisations.id))
    .all();
}

/** A search for "NCA" puts the body called NCA before Lancashire (which contains "nca"). */
function searchRank(q: string | undefined): SQL[] {
  const term = q?.trim().toLowerCase();
  if (!term) return [];
  return [sql`case when lower(${organisations.shortName}) = ${term} or lower(${organisations.name}) = ${term} then 0 else 1 end`];
}

/** The nations and countries in use, for the list's filter. */
export function listNations(): string[] {
  return db()
    .selectDistinct({ nation: organisations.nation })
    .from(organisations)
    .orderBy(asc(organisations.nation))
    .all()
    .map((r) => r.nation);
}

export type OrganisationOption = Pick<Organisation, "id" | "slug" | "name" | "shortName" | "kind">;

/** The columns of an organisation as a choice in a form: every picker selects these. */
export const organisationOptionColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  shortName: organisations.shortName,
  kind: organisations.kind,
};

/** Organisations a person may pick (on engagement forms, as a parent): never archived ones. */
export function listOrganisationOptions(filter: { kind?: OrganisationKind } = {}): OrganisationOption[] {
  const where: SQL[] = [isNull(organisations.archivedAt)];
  if (filter.kind) where.push(eq(organisations.kind, filter.kind));
  return db()
    .select(organisationOptionColumns)
    .from(organisations)
    .where(and(...where))
    .orderBy(asc(organisations.name))
    .all();
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

/** One organisation with its parent, child bodies, and the force/policing-body link in both directions. */
export function getOrganisationBySlug(slug: string): OrganisationDetails | undefined {
  const database = db();
  const organisation = database.select().from(organisations).where(eq(organisations.slug, slug)).get();
  if (!organisation) return undefined;
  const related = (id: number | null) =>
    id ? (database.select(relatedColumns).from(organisations).where(eq(organisations.id, id)).get() ?? null) : null;
  const children = database
    .select(relatedColumns)
    .from(organisations)
    .where(eq(organisations.parentId, organisation.id))
    .orderBy(asc(organisations.name))
    .all();
  const policingBodies =
    organisation.kind === "police_force"
      ? database
          .select(relatedColumns)
          .from(organisations)
          .where(eq(organisations.forceId, organisation.id))
          .orderBy(asc(organisations.name))
          .all()
      : [];
  return {
    ...organisation,
    parent: related(organisation.parentId),
    children,
    force: organisation.kind === "pcc" ? related(organisation.forceId) : null,
    policingBodies,
  };
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
