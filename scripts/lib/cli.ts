// What every command-line script does on the way out: a clear line, never a raw SQLite stack, for the
// failures a person can act on (the database busy, read-only or full).
import { existsSync } from "node:fs";
import path from "node:path";
import { closeDatabase, databasePath } from "../../db/connection";

function sqliteCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_")) return e.code;
  }
  return undefined;
}

/** One line for a database failure a person can act on, or undefined for anything else. */
export function explainDatabaseError(error: unknown): string | undefined {
  if ((error as { name?: unknown } | null)?.name === "DatabaseBusyError" || sqliteCode(error)?.match(/^SQLITE_(BUSY|LOCKED)/)) {
    return `The database ${databasePath()} is busy: another process (the server, a backup) held its write lock for too long. Nothing was changed; try again in a moment.`;
  }
  const code = sqliteCode(error);
  if (code?.startsWith("SQLITE_READONLY"))
    return `The database file ${databasePath()} is read-only for this user (${code}). Nothing was changed.`;
  if (code?.startsWith("SQLITE_FULL")) return `The disk holding ${databasePath()} is full (${code}). Nothing was changed.`;
  if (code?.startsWith("SQLITE_CANTOPEN")) return `The database file ${databasePath()} cannot be opened (${code}).`;
  return undefined;
}

export function fail(message: string): never {
  console.error(message);
  closeDatabase();
  process.exit(1);
}

/** Run a script's main function; known database failures end with one clear line and exit status 1. */
export function runCli(main: () => Promise<void> | void): void {
  // The same settings as the server: `.env` in the current folder (npm runs scripts in the project folder),
  // when there is one; a variable set in the environment wins.
  const envFile = path.resolve(".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      const explained = explainDatabaseError(error);
      if (explained) fail(explained);
      console.error(error);
      closeDatabase();
      process.exit(1);
    });
}
