// Migrate and seed one database once; each test file then works on its own copy. Compile the command-line
// scripts the tests run (tests/support/scripts.ts). Write GOV.UK Frontend's CSS as a build would: the print pages'
// modules import it.
import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../../db/connection";
import { applyMigrations } from "../../db/migrate";
import { seedReferenceOrganisations } from "../../seeds/reference-organisations";
import { BASE_DB, ROOT, TMP } from "./paths";
import { compileScripts } from "./scripts";
import { writeGovukCss } from "../../scripts/govuk-css.js";

export default async function setup() {
  mkdirSync(TMP, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(BASE_DB + suffix, { force: true });
  const database = openDatabase(BASE_DB);
  applyMigrations(database);
  seedReferenceOrganisations(database);
  database.$client.pragma("wal_checkpoint(TRUNCATE)");
  database.$client.close();
  await compileScripts();
  writeGovukCss(ROOT);
}
