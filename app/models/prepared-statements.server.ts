// Statements a page runs on every request, prepared once per connection. Drizzle builds and prepares the SQL
// on each call, which costs more than running a short query (docs/decisions/0019, 0025). Lists of ids are
// passed as one JSON array (`IN (SELECT value FROM json_each(?))`) so that the SQL text never varies.
import type { Database, Statement } from "better-sqlite3";
import { sql as sqlTag, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { db, type Db } from "~db/connection";

// One cache per connection and per way of returning rows: a statement's raw mode is set once, when it is prepared,
// never switched on a statement another caller shares.
const caches = { objects: new WeakMap<Database, Map<string, Statement>>(), arrays: new WeakMap<Database, Map<string, Statement>>() };

/**
 * How many statements each cache keeps, the least recently used going first. Queries built from filters (the report
 * builder's, the register's) vary in shape with the filters chosen, so their texts are many; a fixed query is used
 * on every request and stays.
 */
export const STATEMENTS_KEPT = 500;

function cached(rows: keyof typeof caches, text: string, client: Database): Statement {
  let statements = caches[rows].get(client);
  if (!statements) caches[rows].set(client, (statements = new Map()));
  let statement = statements.get(text);
  if (statement) statements.delete(text);
  else {
    statement = rows === "arrays" ? client.prepare(text).raw() : client.prepare(text);
    if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
  }
  statements.set(text, statement);
  return statement;
}

/** The statement for this SQL on the process-wide connection (or on `client`), prepared on first use. */
export function preparedStatement(text: string, client: Database = db().$client): Statement {
  return cached("objects", text, client);
}

/** The same, returning each row as an array of its columns' values: for figures read by position, without objects. */
export function preparedRaw(text: string, client: Database = db().$client): Statement {
  return cached("arrays", text, client);
}

const dialect = new SQLiteSyncDialect();
const sqlJoin = (parts: SQL[]) => sqlTag.join(parts, sqlTag`, `);

/** A query written with drizzle's `sql` (or its conditions) as SQL text and the values bound to it. */
function queryOf(query: SQL): { sql: string; params: unknown[] } {
  return dialect.sqlToQuery(query);
}

/**
 * The rows of a query written with drizzle's `sql`, as `db().all(query)` gives them, from a statement prepared once per
 * SQL text: drizzle prepared it again on every call. Its values stay bound parameters, so the text varies only with
 * the query's shape.
 */
export function allRows<T>(query: SQL): T[] {
  const { sql, params } = queryOf(query);
  return preparedStatement(sql).all(...params) as T[];
}

/** The first row of such a query, as `db().get(query)` gives it. */
export function firstRow<T>(query: SQL): T | undefined {
  const { sql, params } = queryOf(query);
  return preparedStatement(sql).get(...params) as T | undefined;
}

/**
 * A reader of a select of plain columns (no mapping from the stored value) by a WHERE, an order and maybe a limit, each
 * shape from a statement prepared once per SQL text. `select` builds the select and its joins as drizzle writes them
 * (once, on the first read; it must bind no values); the conditions and order are still written with drizzle, and only
 * their text and values are taken from it (no condition, as `and()` of none gives: every row, as drizzle's `.where`).
 * Rows come back with `columns`' keys, in their order. `indexedBy` names the index the select's first table is read
 * through, where SQLite's own choice is known to be wrong.
 */
export function selectReader<T>(
  select: () => { toSQL(): { sql: string; params: unknown[] } },
  columns: object,
): (where: SQL | undefined, orderBy: SQL[], limit?: number, indexedBy?: string) => T[] {
  let from: string | undefined;
  const keys = Object.keys(columns);
  return (where, orderBy, limit, indexedBy) => {
    if (from === undefined) {
      const built = select().toSQL();
      if (built.params.length) throw new Error("selectReader: the select binds values; pass them as conditions instead");
      from = built.sql;
    }
    const source = indexedBy ? from.replace(/ from "\w+"/, (table) => `${table} indexed by ${indexedBy}`) : from;
    const condition = where ? queryOf(where) : { sql: "", params: [] };
    const order = queryOf(sqlJoin(orderBy));
    const text = `${source}${where ? ` where ${condition.sql}` : ""} order by ${order.sql}${limit === undefined ? "" : " limit ?"}`;
    const values = [...condition.params, ...order.params, ...(limit === undefined ? [] : [limit])];
    return (preparedRaw(text).all(...values) as unknown[][]).map((row) => {
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) => (out[key] = row[i]));
      return out as T;
    });
  };
}

/**
 * A query written with drizzle, its values as `sql.placeholder`s, built and prepared by drizzle once per connection
 * (its `.prepare()`) instead of on every call: `const q = preparedQuery((database) => database.select()…prepare())`,
 * then `q().all({ id })`. Rows are mapped as drizzle maps them.
 */
export function preparedQuery<Query>(build: (database: Db) => Query): () => Query {
  const byConnection = new WeakMap<Db, Query>();
  return () => {
    const database = db();
    let query = byConnection.get(database);
    if (query === undefined) byConnection.set(database, (query = build(database)));
    return query;
  };
}
