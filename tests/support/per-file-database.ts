// Runs before each test file: point DATABASE_PATH at a fresh copy of the migrated, seeded base database.
// Test files share a worker process one after another (isolate: false in vitest.config.ts), so this also puts
// back what an earlier file may have left: its connection and the server's lock wait. State kept in modules
// is kept per connection (a WeakMap keyed by the Db) or per database file, so a new file starts clean.
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDatabase, restoreScriptLockWaits } from "../../db/connection";
import { BASE_DB, TMP } from "./paths";

closeDatabase();
restoreScriptLockWaits();
const file = path.join(TMP, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(BASE_DB, file);
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET = "test-session-secret-not-for-production";
process.env.NODE_ENV = "test";

afterAll(() => {
  closeDatabase();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
