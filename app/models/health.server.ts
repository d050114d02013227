import type { Statement } from "better-sqlite3";
import { db } from "~db/connection";

/** `select 1`, prepared once per connection: the health check runs every few seconds and should cost next to nothing. */
const probes = new WeakMap<object, Statement>();

export function databaseAnswers(): void {
  const client = db().$client;
  let probe = probes.get(client);
  if (!probe) probes.set(client, (probe = client.prepare("select 1").pluck()));
  probe.get();
}
