import { closeDatabase, databasePath, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";

applyMigrations(db());
console.log(`Migrations applied to ${databasePath()}`);
closeDatabase();
