import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./connection";

const migrationsFolder = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "migrations");

export function applyMigrations(database: Db): void {
  migrate(database, { migrationsFolder });
}
