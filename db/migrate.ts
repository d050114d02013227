import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./connection";

/**
 * The project folder: the nearest folder above this module holding package.json. This module runs from
 * db/ (tsx, vitest), from the Remix server bundle in build/server/ and from compiled scripts in build/scripts/.
 */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function migrationsFolder(): string {
  return path.join(projectRoot(), "migrations");
}

/**
 * Apply this version's migrations the database has not had. `onUpdate` is given a line to show, before they run, when
 * the database already held data of an earlier version: that is an upgrade, which on a large database can take a
 * minute or more (a migration may fill a new table from every engagement), and the person starting it should know
 * why nothing else is happening. A new, empty database is not an upgrade.
 */
export function applyMigrations(database: Db, onUpdate?: (message: string) => void): void {
  if (onUpdate) {
    const pending = pendingMigrationsOfExistingDatabase(database);
    if (pending > 0)
      onUpdate(
        `Updating the database ${database.$client.name} to this version (${pending} ${pending === 1 ? "change" : "changes"}): ` +
          "on a large database this can take a few minutes; let it finish.",
      );
  }
  migrate(database, { migrationsFolder: migrationsFolder() });
}

/** How many of this version's migrations an existing database has not had (0 for a new one): drizzle applies those newer than its last. */
function pendingMigrationsOfExistingDatabase(database: Db): number {
  const client = database.$client;
  if (!client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()) return 0;
  const last = client.prepare("select max(created_at) as at from __drizzle_migrations").get() as { at: number | null };
  if (last.at === null) return 0;
  return knownMigrations().filter((m) => m.when > Number(last.at)).length;
}

/** The migrations this version knows, oldest first: drizzle records each by its `when` as created_at. */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}
