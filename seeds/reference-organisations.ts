import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/connection";
import { projectRoot } from "../db/migrate";
import { auditEvents, ORGANISATION_KINDS, organisations, type OrganisationKind } from "../db/schema";

// From the project folder, so that it is found from compiled scripts and the server build as well.
const CSV = path.join(projectRoot(), "seeds/organisations.csv");

type Row = {
  slug: string;
  name: string;
  short_name: string;
  kind: string;
  nation: string;
  parent_slug: string;
  force_slug: string;
  website: string;
  notes: string;
};

export function readReferenceOrganisations(file = CSV): Row[] {
  const rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
  for (const row of rows) {
    if (!ORGANISATION_KINDS.includes(row.kind as OrganisationKind)) throw new Error(`Unknown kind ${row.kind} for ${row.slug}`);
  }
  return rows;
}

/**
 * Load the reference organisations. Idempotent: adds the ones missing by slug and
 * never touches a row that exists, so what staff edited stays as they left it.
 * Parent and force links are filled only where the new row was added by this run.
 */
export function seedReferenceOrganisations(database: Db, file = CSV): { added: number; total: number } {
  const rows = readReferenceOrganisations(file);
  return database.transaction((tx) => {
    const existing = new Set(
      tx
        .select({ slug: organisations.slug })
        .from(organisations)
        .all()
        .map((r) => r.slug),
    );
    const added = rows.filter((r) => !existing.has(r.slug));
    const now = new Date().toISOString();
    // One statement prepared for every row: building and preparing it again for each of the hundred-odd rows was
    // most of the seeding's cost, which every first start pays.
    const insertOrganisation = tx
      .insert(organisations)
      .values({
        slug: sql.placeholder("slug"),
        name: sql.placeholder("name"),
        shortName: sql.placeholder("shortName"),
        kind: sql.placeholder("kind"),
        nation: sql.placeholder("nation"),
        website: sql.placeholder("website"),
        notes: sql.placeholder("notes"),
        createdAt: now,
        updatedAt: now,
      })
      .prepare();
    for (const r of added) {
      insertOrganisation.run({
        slug: r.slug,
        name: r.name,
        shortName: r.short_name || null,
        kind: r.kind as OrganisationKind,
        nation: r.nation,
        website: r.website || null,
        notes: r.notes || null,
      });
    }
    const idOf = new Map(
      tx
        .select({ id: organisations.id, slug: organisations.slug })
        .from(organisations)
        .all()
        .map((r) => [r.slug, r.id]),
    );
    const linkOrganisation = tx
      .update(organisations)
      .set({ parentId: sql`${sql.placeholder("parentId")}`, forceId: sql`${sql.placeholder("forceId")}` })
      .where(eq(organisations.slug, sql.placeholder("slug")))
      .prepare();
    for (const r of added) {
      const parentId = r.parent_slug ? (idOf.get(r.parent_slug) ?? null) : null;
      const forceId = r.force_slug ? (idOf.get(r.force_slug) ?? null) : null;
      if (parentId || forceId) linkOrganisation.run({ parentId, forceId, slug: r.slug });
    }
    if (added.length) {
      tx.insert(auditEvents)
        .values({
          at: now,
          action: "seed",
          entityType: "organisation",
          summary: `${added.length} reference organisations loaded`,
        })
        .run();
    }
    const total =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(organisations)
        .get()?.n ?? 0;
    return { added: added.length, total };
  });
}
