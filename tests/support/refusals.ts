// A post the service must refuse: the form comes back (400) with an error at the field, and nothing is written.
import Database from "better-sqlite3";
import { statSync } from "node:fs";
import { expect } from "vitest";
import { readJson } from "./requests";

/**
 * Runs `run` and expects a 400 with an error at `field` (matching `message` when given) and the counts `countRows`
 * reads unchanged. Returns the response's body.
 */
export async function expectRefusedWithoutWrites(countRows: () => unknown, run: () => Promise<Response>, field: string, message?: RegExp) {
  const before = countRows();
  const response = await run();
  expect(response.status).toBe(400);
  const body = await readJson(response);
  expect(Object.keys(body.fieldErrors)).toContain(field);
  if (message) expect(body.fieldErrors[field]).toMatch(message);
  expect(countRows()).toEqual(before);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Against the real server's database file (browser and HTTP tests): a refusal leaves exactly its audit
// events and writes nothing else.

/** Tables a refused request may still touch: the trail itself, and the bookkeeping of sessions and sign-ins. */
const NOT_THE_REQUEST_S_WRITES = new Set([
  "audit_events",
  "sessions",
  "sign_in_failures",
  "pending_sign_ins",
  "webauthn_challenges",
  "__drizzle_migrations",
]);

/**
 * One read-only connection per database file, kept open, with its statements prepared once: the refusal walk
 * reads the whole database twice per request (about 700 requests), and opening the file and preparing each
 * read again cost more than the reads. Each read is its own transaction, so it sees every write the server
 * committed before it. A file replaced under the same path (a new inode) gets a new connection.
 */
type Reader = { inode: number; database: Database.Database; statements: Map<string, Database.Statement> };
const readers = new Map<string, Reader>();

function reader(databasePath: string): Reader {
  const inode = statSync(databasePath).ino;
  const open = readers.get(databasePath);
  if (open?.inode === inode) return open;
  open?.database.close();
  const fresh = { inode, database: new Database(databasePath, { readonly: true, fileMustExist: true }), statements: new Map() };
  readers.set(databasePath, fresh);
  return fresh;
}

/** Close the kept connections: before the server stops, so its own close is the last and leaves no WAL behind. */
export function closeDatabaseReaders() {
  for (const { database } of readers.values()) database.close();
  readers.clear();
}

function statement(databasePath: string, sql: string): Database.Statement {
  const { database, statements } = reader(databasePath);
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = database.prepare(sql)));
  return prepared;
}

/** Every row of every other table, as text: equal before and after means the request wrote nothing. */
export function databaseContents(databasePath: string): Record<string, string> {
  const tables = statement(databasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const contents: Record<string, string> = {};
  for (const table of tables.filter((t) => !NOT_THE_REQUEST_S_WRITES.has(t)))
    contents[table] = JSON.stringify(
      (statement(databasePath, `SELECT * FROM "${table}"`).raw().all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
    );
  return contents;
}

export type AuditRow = {
  id: number;
  action: string;
  actor_user_id: number | null;
  entity_type: string | null;
  entity_id: string | null;
  summary: string;
};

export function lastAuditEventId(databasePath: string): number {
  return (statement(databasePath, "SELECT coalesce(max(id), 0) FROM audit_events").pluck().get() as number) ?? 0;
}

export function auditEventsSince(databasePath: string, afterId: number): AuditRow[] {
  return statement(
    databasePath,
    "SELECT id, action, actor_user_id, entity_type, entity_id, summary FROM audit_events WHERE id > ? ORDER BY id",
  ).all(afterId) as AuditRow[];
}

/**
 * Runs `run` (a request to the real server) and expects it refused with `status`, leaving exactly `events`
 * new audit events, each a refusal ("denied") of `actorUserId`, and every other table as it was. Returns the
 * response, its body and the refusals it recorded.
 */
export async function expectRefusalAudited({
  databasePath,
  run,
  status,
  actorUserId,
  events = 1,
}: {
  databasePath: string;
  run: () => Promise<Response>;
  status: number;
  actorUserId: number;
  events?: number;
}): Promise<{ response: Response; body: string; refusals: AuditRow[] }> {
  const before = databaseContents(databasePath);
  const lastId = lastAuditEventId(databasePath);
  const response = await run();
  const body = await response.text();
  expect(response.status, body.slice(0, 500)).toBe(status);
  const recorded = auditEventsSince(databasePath, lastId);
  expect(recorded.map((e) => [e.action, e.actor_user_id])).toEqual(Array.from({ length: events }, () => ["denied", actorUserId]));
  expect(databaseContents(databasePath)).toEqual(before);
  return { response, body, refusals: recorded };
}
