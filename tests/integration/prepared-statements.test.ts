// The statements kept per connection (app/models/prepared-statements.server.ts): one per SQL text, the least
// recently used going first once STATEMENTS_KEPT are kept, so queries whose shape follows the filters cannot grow the
// cache without end while the statements every request runs stay prepared.
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { organisations } from "~db/schema";
import { preparedRaw, preparedStatement, selectReader, STATEMENTS_KEPT } from "~/models/prepared-statements.server";

describe("statements prepared once", () => {
  it("gives the same statement for the same text, objects and arrays apart", () => {
    const text = "SELECT count(*) AS n FROM organisations";
    expect(preparedStatement(text)).toBe(preparedStatement(text));
    expect(preparedRaw(text)).toBe(preparedRaw(text));
    expect(preparedRaw(text)).not.toBe(preparedStatement(text));
    expect(preparedStatement(text).get()).toEqual({ n: expect.any(Number) });
    expect(preparedRaw(text).get()).toEqual([expect.any(Number)]);
  });

  it("keeps at most STATEMENTS_KEPT, forgetting the least recently used and keeping one in use", () => {
    const inUse = "SELECT 'in use' AS kept";
    const idle = "SELECT 'idle' AS kept";
    const kept = preparedStatement(inUse);
    const forgotten = preparedStatement(idle);
    for (let i = 0; i < 2 * STATEMENTS_KEPT; i++) {
      preparedStatement(`SELECT ${i} AS shape`);
      if (i % 100 === 0) expect(preparedStatement(inUse)).toBe(kept);
    }
    expect(preparedStatement(inUse)).toBe(kept);
    const again = preparedStatement(idle);
    expect(again).not.toBe(forgotten);
    expect(again.get()).toEqual({ kept: "idle" });
  });

  it("reads a select with a condition, or with none (every row, as drizzle's where of nothing)", () => {
    const columns = { id: organisations.id, slug: organisations.slug };
    const read = selectReader<{ id: number; slug: string }>(() => db().select(columns).from(organisations), columns);
    const every = db().select(columns).from(organisations).orderBy(asc(organisations.id)).all();
    expect(every.length).toBeGreaterThan(100);
    expect(read(undefined, [asc(organisations.id)])).toEqual(every);
    expect(read(undefined, [asc(organisations.id)], 3)).toEqual(every.slice(0, 3));
    expect(read(eq(organisations.slug, every[5].slug), [asc(organisations.id)])).toEqual([every[5]]);
  });
});
