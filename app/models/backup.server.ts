// Online backups of the database, their checks, and restoring one.
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { databasePath, db, openDatabase, writeTransaction, type Db } from "~db/connection";
import { knownMigrations } from "~db/migrate";
import { recordAudit } from "~/models/audit.server";
import { runningServerPid, serverPidFile } from "~/models/maintenance.server";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

/** Backups the server names itself: `<database name>-<UTC time>.db`, so they sort by age. */
function isOwnBackup(name: string, base: string): boolean {
  return name.startsWith(`${base}-`) && name.endsWith(".db") && /\d{4}-\d{2}-\d{2}T/.test(name);
}

export type BackupCheck = { integrity: string; applied: number; known: number; newest: string | null };

/** Open a copy read-only and check it: SQLite's integrity check, and which of this version's migrations it has. */
export function checkDatabaseFile(file: string): BackupCheck {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  let copy: Database.Database;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    } catch (error) {
      throw new BackupError(`${file} is not a sound database: ${(error as Error).message}`);
    }
    const known = knownMigrations();
    const hasTable = copy.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
    const applied = hasTable
      ? (copy.prepare("select created_at as at from __drizzle_migrations order by created_at").all() as { at: number }[]).map((r) =>
          Number(r.at),
        )
      : [];
    const knownTimes = new Set(known.map((m) => m.when));
    const unknown = applied.filter((at) => !knownTimes.has(at));
    if (unknown.length) {
      throw new BackupError(
        `${file} has ${unknown.length} migration(s) this version does not know: it was made by a newer version of the app`,
      );
    }
    const newest = applied.length ? (known.find((m) => m.when === applied[applied.length - 1])?.tag ?? null) : null;
    return { integrity, applied: applied.length, known: known.length, newest };
  } finally {
    copy.close();
  }
}

export type BackupResult = { file: string; bytes: number; milliseconds: number; removed: string[] };

/**
 * A consistent copy of the live database, taken online (SQLite's backup API: writers keep writing; the copy
 * is the database as of one moment), checked with integrity_check, then renamed into place. Without `to`,
 * it goes into `dir` with a time-stamped name and only the newest `keep` such backups are kept.
 */
export async function backupDatabase({
  dir,
  keep,
  to,
  reason,
  database = db(),
}: {
  dir: string;
  keep: number;
  to?: string;
  reason: string;
  database?: Db;
}): Promise<BackupResult> {
  const started = Date.now();
  const base = path.basename(databasePath(), path.extname(databasePath())) || "tracker";
  const target = path.resolve(to ?? path.join(dir, `${base}-${stamp()}.db`));
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    // After the first step, copy the rest in one step: SQLite restarts a backup whenever another process
    // writes between steps, so small steps under steady writes might never finish. One step is one read
    // transaction: a consistent snapshot (about 150 ms for a 64 MB database).
    await database.$client.backup(partial, { progress: () => 1 << 30 });
    // A self-contained file: the copy inherits WAL mode from the source; switch it to a rollback journal so
    // it never needs (or leaves) -wal and -shm files beside it.
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const check = checkDatabaseFile(partial);
    if (check.integrity !== "ok") throw new BackupError(`the copy failed its integrity check: ${check.integrity}`);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    for (const suffix of ["-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  }
  const removed: string[] = [];
  if (!to) {
    const own = readdirSync(path.dirname(target))
      .filter((name) => isOwnBackup(name, base))
      .sort();
    for (const name of own.slice(0, Math.max(0, own.length - keep))) {
      rmSync(path.join(path.dirname(target), name), { force: true });
      removed.push(name);
    }
  }
  const bytes = statSync(target).size;
  await writeTransaction(
    (tx) =>
      recordAudit(tx, {
        actor: null,
        action: "backup",
        entityType: "database",
        entityId: path.basename(target),
        summary: `Database backed up (${reason}) to ${target}, ${bytes} bytes${removed.length ? `; ${removed.length} older backups removed` : ""}`,
      }),
    { database },
  );
  return { file: target, bytes, milliseconds: Date.now() - started, removed };
}

export type RestoreResult = { restored: string; from: string; replacedKeptAt: string | null; check: BackupCheck };

/**
 * Replace the database at `target` with the backup `from`. Refuses while a server runs on it. The replaced
 * file (its log folded in first) is kept beside it as `<name>.replaced-<time>`.
 */
export async function restoreDatabase({ from, target = databasePath() }: { from: string; target?: string }): Promise<RestoreResult> {
  const source = path.resolve(from);
  const dest = path.resolve(target);
  const pid = runningServerPid(dest);
  if (pid !== null) {
    throw new BackupError(
      `a server (process ${pid}) is running on ${dest}: stop it first (if none is running, delete ${serverPidFile(dest)})`,
    );
  }
  if (source === dest) throw new BackupError("the backup and the database are the same file");
  const check = checkDatabaseFile(source);
  if (check.integrity !== "ok") throw new BackupError(`${source} failed its integrity check: ${check.integrity}`);
  if (check.applied === 0) throw new BackupError(`${source} is not a database of this app (it has no migrations recorded)`);

  mkdirSync(path.dirname(dest), { recursive: true });
  const incoming = `${dest}.restoring`;
  copyFileSync(source, incoming);
  let replacedKeptAt: string | null = null;
  if (existsSync(dest)) {
    const old = openDatabase(dest);
    old.$client.pragma("wal_checkpoint(TRUNCATE)");
    old.$client.close();
    replacedKeptAt = `${dest}.replaced-${stamp()}`;
    renameSync(dest, replacedKeptAt);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(dest + suffix, { force: true });
  renameSync(incoming, dest);

  const restored = openDatabase(dest);
  try {
    await writeTransaction(
      (tx) =>
        recordAudit(tx, {
          actor: null,
          action: "restore",
          entityType: "database",
          entityId: path.basename(source),
          summary: `Database restored from ${source}${replacedKeptAt ? `; the replaced file is kept at ${replacedKeptAt}` : ""}`,
        }),
      { database: restored },
    );
    restored.$client.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    restored.$client.close();
  }
  return { restored: dest, from: source, replacedKeptAt, check };
}
