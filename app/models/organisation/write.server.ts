// Changing organisations: create, update, archive and restore, each one transaction with its audit row.
import { and, eq, like, or } from "drizzle-orm";
import { createOnce } from "../create-keys.server";
import { writeTransaction, type Tx } from "~db/connection";
import { organisations, type OrganisationKind } from "~db/schema";
import { fieldLabel } from "~/domain/field-labels";
import { ORGANISATION_KIND_LABELS as KIND_WORDS } from "~/domain/format";
import { diffFields, nowIso, recordArchiving, recordAudit, type Actor } from "../audit.server";
import { atVersion, RuleError } from "../errors";
import { organisationNamesById, type Organisation, type OrganisationInput } from "./read.server";

const EDITABLE_FIELDS = ["name", "shortName", "kind", "nation", "parentId", "forceId", "website", "notes"] as const;

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
function slugify(name: string): string {
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

export function createOrganisation({
  input,
  actor,
  createKey,
}: {
  input: OrganisationInput;
  actor: Actor;
  /** The form's one-time key: a second post with it lands on the organisation the first added. */
  createKey?: string | null;
}): Promise<Organisation> {
  return writeTransaction(
    (tx) =>
      createOnce(
        tx,
        { key: createKey, userId: actor.id, entityType: "organisation" },
        {
          find: (id) => tx.select().from(organisations).where(eq(organisations.id, id)).get(),
          create: () => createOrganisationIn(tx, { input, actor }),
        },
      ).record,
  );
}

function createOrganisationIn(tx: Tx, { input, actor }: { input: OrganisationInput; actor: Actor }): Organisation {
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
}

function loadForChange(tx: Tx, id: number, expectedVersion: number): Organisation {
  return atVersion(tx.select().from(organisations).where(eq(organisations.id, id)).get(), expectedVersion, {
    what: "Organisation",
    thing: "this organisation",
  });
}

/** Change an organisation's details, if it is still at the version the person saw. The slug never changes. */
export function updateOrganisation({
  id,
  version: expectedVersion,
  input,
  actor,
}: {
  id: number;
  version: number;
  input: OrganisationInput;
  actor: Actor;
}): Promise<Organisation> {
  return writeTransaction((tx) => {
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
      summary: `Organisation ${row.name} updated: ${Object.keys(diff.after)
        .map((field) => fieldLabel("organisation", field).toLowerCase())
        .join(", ")}`,
      ...diff,
    });
    return row;
  });
}

/** An organisation to change, at the version the person saw. */
type VersionedChange = { id: number; version: number; actor: Actor };

function setArchived({ id, version: expectedVersion, actor }: VersionedChange, archived: boolean): Promise<Organisation> {
  return writeTransaction((tx) => {
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
    recordArchiving(tx, {
      actor,
      entityType: "organisation",
      entityId: id,
      named: `Organisation ${row.name}`,
      archived,
      before: current.archivedAt,
      after: archivedAt,
    });
    return row;
  });
}

/** Hide an organisation from pickers; its page, contacts and history stay. */
export function archiveOrganisation(change: VersionedChange): Promise<Organisation> {
  return setArchived(change, true);
}

export function restoreOrganisation(change: VersionedChange): Promise<Organisation> {
  return setArchived(change, false);
}

type FieldChange = { field: string; label: string; saved: string; yours: string };

/**
 * After a conflict: the fields where what is saved now differs from what the person submitted,
 * in words ("Home Office", "Police force"), so they can see what someone else changed.
 */
export function describeOrganisationConflict({
  current,
  submitted,
}: {
  current: Organisation;
  submitted: OrganisationInput;
}): FieldChange[] {
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
    label: fieldLabel("organisation", field),
    saved: show(field, current[field]),
    yours: show(field, next[field]),
  }));
}
