// The statements kept per connection (app/models/prepared-statements.server.ts): one per SQL text, the least
// recently used going first once STATEMENTS_KEPT are kept, so queries whose shape follows the filters cannot grow the
// cache without end while the statements every request runs stay prepared.
import { describe, expect, it } from "vitest";
import { preparedRaw, preparedStatement, STATEMENTS_KEPT } from "~/models/prepared-statements.server";

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
});
