// npm run db:restore -- FILE
// Replace the database at DATABASE_PATH with a backup, after checking it (integrity, and that its
// migrations are ones this version knows). Refuses while a server runs on the database. The replaced file
// is kept beside it.
import { parseArgs } from "node:util";
import { BackupError, restoreDatabase } from "~/models/backup.server";
import { fail, runCli } from "./lib/cli";

const usage = "Usage: npm run db:restore -- FILE";

runCli(async () => {
  let positionals: string[] = [];
  try {
    ({ positionals } = parseArgs({ allowPositionals: true, options: {} }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (positionals.length !== 1) fail(usage);
  try {
    const result = await restoreDatabase({ from: positionals[0] });
    console.log(`Restored ${result.restored} from ${result.from}`);
    console.log(
      `  integrity ok; ${result.check.applied} of this version's ${result.check.known} migrations applied` +
        (result.check.applied < result.check.known ? " (the rest are applied when the server starts)" : ""),
    );
    console.log(
      result.replacedKeptAt ? `  the replaced database is kept at ${result.replacedKeptAt}` : "  there was no database there before",
    );
  } catch (error) {
    if (error instanceof BackupError) fail(`Restore refused: ${error.message}`);
    throw error;
  }
});
