import { closeDatabase, databasePath, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";
import { runCli } from "./lib/cli";

runCli(() => {
  applyMigrations(db(), (message) => console.log(message));
  console.log(`Migrations applied to ${databasePath()}`);
  closeDatabase();
});
