import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "~db/connection";
import { auditEvents, contacts, organisations, type OrganisationKind } from "~db/schema";
import { diffFields, nowIso, recordAudit, type Actor } from "./audit.server";
import { ORGANISATION_KIND_LABELS as KIND_WORDS } from "~/domain/format";
import { ConflictError, NotFoundError, RuleError } from "./errors";

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

const EDITABLE_FIELDS = ["name", "shortName", "kind", "nation", "parentId", "forceId", "website", "notes"] as const;

// ---- reading ----------------------------------------------------------------

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
export const organisationListColumns = {
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

/** Organisations a person may pick (on engagement forms, as a parent): never archived ones. */
export function listOrganisationOptions(filter: { kind?: OrganisationKind } = {}): OrganisationOption[] {
  const where: SQL[] = [isNull(organisations.archivedAt)];
  if (filter.kind) where.push(eq(organisations.kind, filter.kind));
  return db()
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(and(...where))
    .orderBy(asc(organisations.name))
    .all();
}

export function getOrganisationById(id: number): Organisation | undefined {
  return db().select().from(organisations).where(eq(organisations.id, id)).get();
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
export function listOrganisationHistory(organisationId: number, limit = 500) {
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

// ---- writing ----------------------------------------------------------------

function clean(input: OrganisationInput) {
  return {
    name: input.name.trim(),
    shortName: input.shortName?.trim() || null,
    kind: input.kind,
    nation: input.nation.trim(),
    parentId: input.parentId ?? null,
    forceId: input.kind === "pcc" ? (input.forceId ?? null) : null,
    website: input.website?.trim() || null,
    notes: input.notes?.trim() ? input.notes : null,
  };
}

/** A URL-safe slug from a name: "Police Service of Northern Ireland" -> "police-service-of-northern-ireland". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug || "organisation";
}

// Slugs that would clash with the fixed pages under /organisations.
const RESERVED_SLUGS = new Set(["new"]);

function uniqueSlug(tx: Tx, name: string): string {
  const base = slugify(name);
  const taken = new Set(
    tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The rules the form's schema cannot see: the parent and force exist, the parent is not the
 * body itself or one of its own descendants, a newly chosen one is not archived, and the force is a police force.
 */
function checkLinks(tx: Tx, id: number | null, next: ReturnType<typeof clean>, current?: Organisation) {
  if (next.parentId !== null) {
    if (id !== null && next.parentId === id) throw new RuleError("parentId", "An organisation cannot be its own parent");
    const parent = tx.select().from(organisations).where(eq(organisations.id, next.parentId)).get();
    if (!parent) throw new RuleError("parentId", "Select a parent body from the list");
    if (parent.archivedAt && parent.id !== current?.parentId)
      throw new RuleError("parentId", `${parent.name} is archived: select a body in use`);
    if (id !== null) {
      // Walk up from the proposed parent; meeting this body means the change would make a loop.
      let cursor: number | null = parent.parentId;
      const seen = new Set<number>([parent.id]);
      while (cursor !== null && !seen.has(cursor)) {
        if (cursor === id)
          throw new RuleError("parentId", `${parent.name} is already part of this organisation, so it cannot be its parent`);
        seen.add(cursor);
        cursor =
          tx.select({ parentId: organisations.parentId }).from(organisations).where(eq(organisations.id, cursor)).get()?.parentId ?? null;
      }
    }
  }
  if (next.forceId !== null) {
    const force = tx.select().from(organisations).where(eq(organisations.id, next.forceId)).get();
    if (!force || force.kind !== "police_force") throw new RuleError("forceId", "Select a police force from the list");
    if (force.archivedAt && force.id !== current?.forceId)
      throw new RuleError("forceId", `${force.name} is archived: select a force in use`);
  }
}

export function createOrganisation(input: OrganisationInput, actor: Actor): Organisation {
  return db().transaction((tx) => {
    const values = clean(input);
    checkLinks(tx, null, values);
    const now = nowIso();
    const row = tx
      .insert(organisations)
      .values({ ...values, slug: uniqueSlug(tx, values.name), createdAt: now, updatedAt: now })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "create",
      entityType: "organisation",
      entityId: row.id,
      summary: `Organisation ${row.name} created`,
      after: Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, row[f]])),
    });
    return row;
  });
}

function loadForChange(tx: Tx, id: number, expectedVersion: number): Organisation {
  const current = tx.select().from(organisations).where(eq(organisations.id, id)).get();
  if (!current) throw new NotFoundError("Organisation");
  if (current.version !== expectedVersion)
    throw new ConflictError<Organisation>("Someone else changed this organisation since you opened it", current);
  return current;
}

/** Change an organisation's details, if it is still at the version the person saw. The slug never changes. */
export function updateOrganisation(id: number, expectedVersion: number, input: OrganisationInput, actor: Actor): Organisation {
  return db().transaction((tx) => {
    const current = loadForChange(tx, id, expectedVersion);
    const next = clean(input);
    checkLinks(tx, id, next, current);
    if (current.kind === "police_force" && next.kind !== "police_force") {
      const overseer = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.forceId, id)).get();
      if (overseer)
        throw new RuleError("kind", `${overseer.name} oversees this force: change that body first, or keep the kind Police force`);
    }
    const diff = diffFields(current, next);
    if (!diff) return current;
    const row = tx
      .update(organisations)
      .set({ ...next, updatedAt: nowIso(), version: current.version + 1 })
      .where(and(eq(organisations.id, id), eq(organisations.version, expectedVersion)))
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "organisation",
      entityId: id,
      summary: `Organisation ${row.name} updated: ${Object.keys(diff.after).map(fieldLabel).join(", ")}`,
      ...diff,
    });
    return row;
  });
}

function setArchived(id: number, expectedVersion: number, archived: boolean, actor: Actor): Organisation {
  return db().transaction((tx) => {
    const current = loadForChange(tx, id, expectedVersion);
    if (archived === Boolean(current.archivedAt))
      throw new RuleError("version", archived ? `${current.name} is already archived` : `${current.name} is not archived`);
    const archivedAt = archived ? nowIso() : null;
    const row = tx
      .update(organisations)
      .set({ archivedAt, updatedAt: nowIso(), version: current.version + 1 })
      .where(and(eq(organisations.id, id), eq(organisations.version, expectedVersion)))
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: archived ? "archive" : "restore",
      entityType: "organisation",
      entityId: id,
      summary: `Organisation ${row.name} ${archived ? "archived" : "restored"}`,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
    return row;
  });
}

/** Hide an organisation from pickers; its page, contacts and history stay. */
export function archiveOrganisation(id: number, expectedVersion: number, actor: Actor): Organisation {
  return setArchived(id, expectedVersion, true, actor);
}

export function restoreOrganisation(id: number, expectedVersion: number, actor: Actor): Organisation {
  return setArchived(id, expectedVersion, false, actor);
}

export const ORGANISATION_FIELD_LABELS: Record<string, string> = {
  name: "name",
  shortName: "short name",
  kind: "kind",
  nation: "nation or country",
  parentId: "parent body",
  forceId: "force overseen",
  website: "website",
  notes: "notes",
  archivedAt: "archived",
};

function fieldLabel(field: string): string {
  return ORGANISATION_FIELD_LABELS[field] ?? field;
}

/** How many organisations there are (archived or not): tests use it to prove nothing was written. */
export function countOrganisations(): number {
  return (
    db()
      .select({ n: sql<number>`count(*)` })
      .from(organisations)
      .get()?.n ?? 0
  );
}

export function countArchivedOrganisations(): number {
  return (
    db()
      .select({ n: sql<number>`count(*)` })
      .from(organisations)
      .where(isNotNull(organisations.archivedAt))
      .get()?.n ?? 0
  );
}

export type FieldChange = { field: string; label: string; saved: string; yours: string };

/**
 * After a conflict: the fields where what is saved now differs from what the person submitted,
 * in words ("Home Office", "Police force"), so they can see what someone else changed.
 */
export function describeOrganisationConflict(current: Organisation, submitted: OrganisationInput): FieldChange[] {
  const next = clean(submitted);
  const names = organisationNamesById(
    [current.parentId, current.forceId, next.parentId, next.forceId].filter((id): id is number => id !== null),
  );
  const show = (field: (typeof EDITABLE_FIELDS)[number], value: unknown): string => {
    if (value === null || value === undefined || value === "") return "None";
    if (field === "parentId" || field === "forceId") return names[value as number] ?? "Unknown body";
    if (field === "kind") return KIND_WORDS[value as OrganisationKind] ?? String(value);
    return String(value);
  };
  return EDITABLE_FIELDS.filter((field) => (current[field] ?? null) !== (next[field] ?? null)).map((field) => ({
    field,
    label: capitaliseFirst(fieldLabel(field)),
    saved: show(field, current[field]),
    yours: show(field, next[field]),
  }));
}

function capitaliseFirst(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
