import { sql } from "drizzle-orm";
import { db } from "~db/connection";

export function databaseAnswers(): void {
  db().get(sql`select 1`);
}
