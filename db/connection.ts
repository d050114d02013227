import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle passed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function databasePath(): string {
  return process.env.DATABASE_PATH || "data/tracker.db";
}

export function openDatabase(file: string = databasePath()): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // better-sqlite3 defaults WAL to synchronous=NORMAL; a committed record must survive a power cut.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

let current: Db | undefined;
let currentPath: string | undefined;

/** The process-wide connection, opened on first use at DATABASE_PATH. */
export function db(): Db {
  const file = databasePath();
  if (!current || currentPath !== file) {
    current?.$client.close();
    current = openDatabase(file);
    currentPath = file;
  }
  return current;
}

export function closeDatabase(): void {
  current?.$client.close();
  current = undefined;
  currentPath = undefined;
}
