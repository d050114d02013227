// Runs before each test file: point DATABASE_PATH at a fresh copy of the migrated, seeded base database.
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDatabase } from "../../db/connection";
import { BASE_DB, TMP } from "./paths";

const file = path.join(TMP, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(BASE_DB, file);
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET = "test-session-secret-not-for-production";
process.env.NODE_ENV = "test";

afterAll(() => {
  closeDatabase();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
