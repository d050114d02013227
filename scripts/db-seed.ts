import { closeDatabase, databasePath, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";
import { seedReferenceOrganisations } from "../seeds/reference-organisations";
import { runCli } from "./lib/cli";

runCli(() => {
  applyMigrations(db());
  const { added, total } = seedReferenceOrganisations(db());
  console.log(`${added} reference organisations added; ${total} in ${databasePath()}`);
  closeDatabase();
});
