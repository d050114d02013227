import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { inspectionReports, recommendationAddressees, recommendations, takeUpChanges } from "~db/schema";
import { seedDemo } from "../../seeds/demo";

const TODAY = "2026-11-28";
const rows = () => ({
  reports: db().select({ n: count() }).from(inspectionReports).get()!.n,
  recommendations: db().select({ n: count() }).from(recommendations).get()!.n,
  takeUps: db().select({ n: count() }).from(recommendationAddressees).get()!.n,
  changes: db().select({ n: count() }).from(takeUpChanges).get()!.n,
});

describe("demo recommendations", () => {
  it("adds reports, recommendations and take-up with a history, and replaces them on a second run", async () => {
    const result = await seedDemo(db(), { engagements: 20, seed: 3, today: TODAY });
    const first = rows();
    expect(first.reports).toBe(5);
    expect(first.recommendations).toBe(result.recommendations.recommendations);
    expect(first.takeUps).toBe(result.recommendations.takeUps);
    expect(first.takeUps).toBeGreaterThan(100);
    expect(first.changes).toBeGreaterThan(0);
    await seedDemo(db(), { engagements: 20, seed: 3, today: TODAY });
    expect(rows()).toEqual(first);
  });
});
