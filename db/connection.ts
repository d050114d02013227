import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle passed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function databasePath(): string {
  return process.env.DATABASE_PATH || "data/tracker.db";
}

/**
 * How long one statement waits, blocking the whole process, for another process's lock. Command-line
 * scripts may block: 5 s. The server sets it low (setServerLockWaits) so that a write waits in
 * writeTransaction's asynchronous loop while the server keeps answering; a reader in WAL mode is never
 * blocked by a writer, so reads do not need the wait.
 */
export const SCRIPT_BUSY_TIMEOUT_MS = 5000;
export const SERVER_BUSY_TIMEOUT_MS = 20;
let busyTimeoutMs = SCRIPT_BUSY_TIMEOUT_MS;

/** How long a write waits for another process's lock before it gives up (the server's DATABASE_WRITE_WAIT_SECONDS). */
export const DEFAULT_WRITE_WAIT_MS = 10_000;
let writeWaitMs = DEFAULT_WRITE_WAIT_MS;

/**
 * The server's waits for another process's lock: a statement waits SERVER_BUSY_TIMEOUT_MS at most, and a write
 * transaction waits up to `writeWaitMs` asynchronously. Called once by the server before it opens the database.
 */
export function setServerLockWaits(options: { writeWaitMs?: number } = {}): void {
  writeWaitMs = options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS;
  busyTimeoutMs = SERVER_BUSY_TIMEOUT_MS;
  current?.$client.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

/** Back to the scripts' waits, as a new process starts: test files share a process and one may play the server. */
export function restoreScriptLockWaits(): void {
  busyTimeoutMs = SCRIPT_BUSY_TIMEOUT_MS;
  writeWaitMs = DEFAULT_WRITE_WAIT_MS;
  current?.$client.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

/** The connection's page cache (64 MiB) and how much of the file it maps into memory (1 GiB). */
const PAGE_CACHE_KIB = 64 * 1024;
const MMAP_BYTES = 1024 * 1024 * 1024;

export function openDatabase(file: string = databasePath(), options: { busyTimeoutMs?: number } = {}): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // Set first: switching to WAL itself needs a lock another process may briefly hold.
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? busyTimeoutMs}`);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // better-sqlite3 defaults WAL to synchronous=NORMAL; a committed record must survive a power cut.
  sqlite.pragma("synchronous = FULL");
  // A large database is read mostly through the OS's file cache: map it (reads then copy nothing) and keep
  // a bigger page cache than better-sqlite3's 16 MB so the indexes a page walks stay in memory.
  // Temporary b-trees (a sort, a DISTINCT) stay in memory too. See docs/decisions/0019.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  sqlite.pragma("temp_store = MEMORY");
  return drizzle(sqlite, { schema }) as Db;
}

let current: Db | undefined;
let currentPath: string | undefined;

/** The process-wide connection, opened on first use at DATABASE_PATH. */
export function db(): Db {
  const file = databasePath();
  if (!current || currentPath !== file) {
    current?.$client.close();
    current = openDatabase(file);
    currentPath = file;
  }
  return current;
}

export function closeDatabase(): void {
  current?.$client.close();
  current = undefined;
  currentPath = undefined;
}

/** The database stayed locked by another process for longer than a write is allowed to wait. */
export class DatabaseBusyError extends Error {
  constructor() {
    super("The database is busy: another process is holding its write lock.");
    this.name = "DatabaseBusyError";
  }
}

function sqliteCodes(error: unknown): string[] {
  const codes: string[] = [];
  // drizzle may wrap the driver's error: follow `cause`.
  for (let e = error as { code?: unknown; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string") codes.push(e.code);
  }
  return codes;
}

function isBusy(error: unknown): boolean {
  return sqliteCodes(error).some((code) => code === "SQLITE_BUSY" || code === "SQLITE_LOCKED");
}

/**
 * Runs `read` (synchronous) in one read transaction: its statements all see the same committed state, whatever
 * another process commits meanwhile. In WAL mode it neither blocks a writer nor waits for one.
 */
export function readTransaction<T>(read: () => T, database: Db = db()): T {
  return database.$client.transaction(read)();
}

/**
 * Every write goes through here. The transaction starts IMMEDIATE, so it takes the write lock before it
 * reads (a DEFERRED one that reads and then writes cannot wait for the lock and fails at once). While
 * another process holds the lock it waits asynchronously, retrying with a growing pause, so the rest of
 * the server keeps answering; past `waitMs` it gives up with DatabaseBusyError and nothing is written.
 * `fn` runs synchronously inside the transaction and must not await.
 */
export async function writeTransaction<T>(
  fn: (tx: Tx) => T,
  { database = db(), waitMs = writeWaitMs }: { database?: Db; waitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      return database.transaction(fn, { behavior: "immediate" });
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) throw new DatabaseBusyError();
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
