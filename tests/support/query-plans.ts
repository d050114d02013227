// The query-plan tests' tools: capture the SQL of every statement the real loaders and actions prepare, and
// find in a statement's EXPLAIN QUERY PLAN the full scans of tables that grow with use.
import { db } from "~db/connection";

/** Tables that grow with use; a full scan of one of these is what must not happen. */
export const LARGE_TABLES = [
  "actions",
  "engagements",
  "engagement_organisations",
  "engagement_themes",
  "attendees",
  "agenda_items",
  "audit_events",
];

/** Adds the SQL of every statement prepared from now on to `captured`; the function returned stops it. */
export function captureStatements(captured: Set<string>): () => void {
  const client = db().$client;
  const prepare = client.prepare;
  client.prepare = function (this: typeof client, source: string) {
    captured.add(source);
    return prepare.call(this, source);
  } as typeof client.prepare;
  return () => {
    client.prepare = prepare;
  };
}

/**
 * The full scans of large tables in a statement's plan, with `param` bound to each `?` (or each `@name`). A scan
 * through an index is not one; `excused` may let a table's scan pass (one the statement stops early, say).
 */
export function fullScans(source: string, param: unknown, excused: (table: string) => boolean = () => false): string[] {
  const names = [...new Set(source.match(/@\w+/g) ?? [])].map((name) => name.slice(1));
  const params = names.length ? [Object.fromEntries(names.map((name) => [name, param]))] : (source.match(/\?/g) ?? []).map(() => param);
  const plan = db()
    .$client.prepare(`EXPLAIN QUERY PLAN ${source}`)
    .all(...params) as { detail: string }[];
  return plan
    .map((p) => p.detail)
    .filter((detail) => {
      const match = /^SCAN (\w+)/.exec(detail);
      return Boolean(match && LARGE_TABLES.includes(match[1]) && !/USING (COVERING )?INDEX/.test(detail) && !excused(match[1]));
    });
}
