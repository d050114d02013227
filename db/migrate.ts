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

export function applyMigrations(database: Db): void {
  migrate(database, { migrationsFolder: migrationsFolder() });
}

/** The migrations this version knows, oldest first: drizzle records each by its `when` as created_at. */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}
