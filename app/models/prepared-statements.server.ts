// Statements a page runs on every request, prepared once per connection. Drizzle builds and prepares the SQL
// on each call, which costs more than running a short query (docs/decisions/0019, 0025). Lists of ids are
// passed as one JSON array (`IN (SELECT value FROM json_each(?))`) so that the SQL text never varies.
import type { Database, Statement } from "better-sqlite3";
import { db } from "~db/connection";

const cache = new WeakMap<Database, Map<string, Statement>>();

/** The statement for this SQL on the process-wide connection (or on `client`), prepared on first use. */
export function preparedStatement(text: string, client: Database = db().$client): Statement {
  let statements = cache.get(client);
  if (!statements) cache.set(client, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = client.prepare(text)));
  return statement;
}
