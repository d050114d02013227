import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { ORGANISATION_KINDS } from "../../app/domain/enums";
import { timestamps, version } from "./columns";

export { ORGANISATION_KINDS, type OrganisationKind } from "../../app/domain/enums";

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    nation: text("nation").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => organisations.id),
    // For a local policing body (kind pcc): the force it oversees.
    forceId: integer("force_id").references((): AnySQLiteColumn => organisations.id),
    website: text("website"),
    notes: text("notes"),
    archivedAt: text("archived_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    // The seed's upsert key and the URL key.
    uniqueIndex("organisations_slug_unique").on(t.slug),
    // List filters: by kind, by nation; both ordered by name.
    index("organisations_kind_name_idx").on(t.kind, t.name),
    index("organisations_nation_name_idx").on(t.nation, t.name),
    index("organisations_name_idx").on(t.name),
    // Child bodies of a parent; the policing body of a force.
    index("organisations_parent_idx").on(t.parentId),
    index("organisations_force_idx").on(t.forceId),
  ],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    roleTitle: text("role_title"),
    email: text("email"),
    phone: text("phone"),
    inPost: integer("in_post", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
    ...version,
  },
  // Contacts of one organisation, shown on its page.
  (t) => [index("contacts_organisation_idx").on(t.organisationId, t.name)],
);
