// Migrate and seed one database once; each test file then works on its own copy. Compile the command-line
// scripts the tests run (tests/support/scripts.ts).
import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../../db/connection";
import { applyMigrations } from "../../db/migrate";
import { seedReferenceOrganisations } from "../../seeds/reference-organisations";
import { BASE_DB, TMP } from "./paths";
import { compileScripts } from "./scripts";

export default async function setup() {
  mkdirSync(TMP, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(BASE_DB + suffix, { force: true });
  const database = openDatabase(BASE_DB);
  applyMigrations(database);
  seedReferenceOrganisations(database);
  database.$client.pragma("wal_checkpoint(TRUNCATE)");
  database.$client.close();
  await compileScripts();
}
