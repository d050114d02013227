// Start-up and shut-down work on the database, and the file that says a server holds it.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDatabase, databasePath, db, setServerLockWaits } from "~db/connection";
import { applyMigrations, projectRoot } from "~db/migrate";
import { recordRefusals } from "~/models/audit.server";
import { seedReferenceOrganisations } from "../../seeds/reference-organisations";

/** Open the server's connection, apply the migrations, refresh planner statistics, load reference organisations. */
export function prepareDatabase(options: { writeWaitMs?: number; onUpdate?: (message: string) => void } = {}): {
  added: number;
  total: number;
} {
  setServerLockWaits(options);
  const database = db();
  applyMigrations(database, options.onUpdate);
  // Gather query-planner statistics where they are missing or stale (cheap; SQLite's advice for a new connection).
  database.$client.pragma("optimize=0x10002");
  return seedReferenceOrganisations(database, path.join(projectRoot(), "seeds/organisations.csv"));
}

/** Fold the write-ahead log into the database file and close: the file alone is then the whole database. */
export function checkpointAndClose(): void {
  try {
    db().$client.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    closeDatabase();
  }
}

/** The file a running server keeps beside its database, holding its process id. */
export function serverPidFile(file: string = databasePath()): string {
  return `${path.resolve(file)}.server-pid`;
}

export function writeServerPidFile(): void {
  writeFileSync(serverPidFile(), `${process.pid}\n`);
}

export function removeServerPidFile(): void {
  const file = serverPidFile();
  if (existsSync(file) && readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
}

/** The process id of a server running on this database, or null (a file left by a crashed server is ignored). */
export function runningServerPid(file: string = databasePath()): number | null {
  const pidFile = serverPidFile(file);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/** A cross-site write refused by the server before it reached a route: audited like any refusal. */
export async function recordCrossSiteRefusal({
  method,
  requestPath,
  origin,
  ip,
}: {
  method: string;
  requestPath: string;
  origin: string | undefined;
  ip: string | null;
}): Promise<void> {
  await recordRefusals({
    actor: null,
    refusals: [{ entityType: "route", entityId: requestPath, summary: `Cross-site ${method} ${requestPath} refused (origin ${origin})` }],
    ip,
  });
}
