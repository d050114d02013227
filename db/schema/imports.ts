import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { IMPORT_KINDS, IMPORT_STATUSES } from "../../app/domain/import";
import { organisations } from "./organisations";
import { users } from "./users";

// A spreadsheet being imported. The parsed upload lives here between the steps (upload, map, preview, save),
// so the pages carry only its id and work without JavaScript. A draft expires; a saved import stays as the
// record of what it created (import_records) and can be undone.
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("draft"),
    fileName: text("file_name").notNull(),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    headers: text("headers").notNull(), // JSON string[]
    rows: text("rows").notNull(), // JSON { line: number; cells: (string | number)[] }[] (empty rows already dropped)
    notes: text("notes").notNull().default("[]"), // JSON string[]: what reading the file noticed (a title row, blank lines)
    mapping: text("mapping").notNull().default("{}"), // JSON field -> column index
    rowCount: integer("row_count").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    savedAt: text("saved_at"),
    result: text("result"), // JSON of what saving created and skipped
    undoneAt: text("undone_at"),
    undoneById: integer("undone_by_id").references(() => users.id),
  },
  (t) => [index("imports_owner_idx").on(t.ownerUserId, t.id), index("imports_status_expires_idx").on(t.status, t.expiresAt)],
);

// What an import created: the link from each record to its import and source row, and the row's fingerprint,
// so importing the same rows again creates nothing twice. A link table rather than columns on the records.
export const importRecords = sqliteTable(
  "import_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
    entityType: text("entity_type").notNull(), // engagement, action, contact
    entityId: integer("entity_id").notNull(),
    sourceRow: integer("source_row").notNull(), // the line in the file, as a spreadsheet numbers it
    fingerprint: text("fingerprint").notNull(),
  },
  (t) => [
    index("import_records_import_idx").on(t.importId),
    index("import_records_fingerprint_idx").on(t.fingerprint),
    index("import_records_entity_idx").on(t.entityType, t.entityId),
  ],
);

// "Met Police" means the Metropolitan Police Service: a name someone chose once for an organisation, kept
// for every later import. Stored normalised (lower case, single spaces).
export const organisationAliases = sqliteTable(
  "organisation_aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    alias: text("alias").notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: text("created_at").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("organisation_aliases_alias_unique").on(t.alias)],
);

// "J. Smith" in a file is member of staff `userId`: chosen once on an import's preview page, read so in every later
// import (as organisation_aliases are for organisations). `alias` is the name normalised as the import matches names.
export const personAliases = sqliteTable(
  "person_aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    alias: text("alias").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("person_aliases_alias_unique").on(t.alias)],
);

// The column mapping last used for each kind of import, office-wide: the next file with the same headers maps itself.
export const importMappings = sqliteTable("import_mappings", {
  kind: text("kind", { enum: IMPORT_KINDS }).primaryKey(),
  mapping: text("mapping").notNull(), // JSON normalised header -> field
  updatedAt: text("updated_at").notNull(),
  updatedById: integer("updated_by_id").references(() => users.id),
});
