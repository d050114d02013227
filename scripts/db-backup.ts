// npm run db:backup [-- --to FILE]
// A consistent online backup of DATABASE_PATH (safe while the server runs and writes), checked with
// integrity_check. Without --to it goes into BACKUP_DIR (default: `backups` beside the database) and only
// the newest BACKUP_KEEP (default 14) backups are kept there.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { backupDirSetting, readSettings } from "~/server/env.server";
import { backupDatabase, BackupError } from "~/models/backup.server";
import { closeDatabase, databasePath } from "../db/connection";
import { fail, runCli } from "./lib/cli";

const usage = "Usage: npm run db:backup [-- --to FILE]";

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { to: { type: "string" } } }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  let keep: number;
  try {
    keep = readSettings().BACKUP_KEEP;
  } catch (error) {
    fail((error as Error).message);
  }
  if (!existsSync(databasePath())) fail(`Backup failed: there is no database at ${databasePath()}`);
  try {
    const result = await backupDatabase({ dir: backupDirSetting(), keep, to: values.to, reason: "command line" });
    console.log(`Backed up ${databasePath()} to ${result.file} (${result.bytes} bytes, integrity ok, ${result.milliseconds} ms)`);
    if (result.removed.length) console.log(`Removed older backups beyond the last ${keep}: ${result.removed.join(", ")}`);
  } catch (error) {
    if (error instanceof BackupError) fail(`Backup failed: ${error.message}`);
    throw error;
  }
  closeDatabase();
});
