// Plain SQL on the test's database connection, for tests that write records behind the models' backs and recount
// them from scratch.
import { db } from "~db/connection";

/** Every row of `query`, each as an array of its columns. */
export const all = <T = unknown[]>(query: string, ...params: unknown[]) =>
  db()
    .$client.prepare(query)
    .raw()
    .all(...params) as T[];

export const run = (query: string, ...params: unknown[]) =>
  db()
    .$client.prepare(query)
    .run(...params);
