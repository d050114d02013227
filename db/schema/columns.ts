import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

// Timestamps are ISO-8601 UTC strings: they sort as text and read well in exports.
export const timestamps = {
  createdAt: text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

// Optimistic concurrency: every editable record carries a version, and an
// update names the version it was based on.
export const version = {
  version: integer("version").notNull().default(1),
};
