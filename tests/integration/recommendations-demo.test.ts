import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { inspectionReports, recommendationAddressees, recommendations, takeUpChanges } from "~db/schema";
import { openTakeUpsByOrganisation, recommendationFigures } from "~/models/recommendation/figures.server";
import { seedDemo } from "../../seeds/demo";
import { all } from "../support/raw-sql";

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

  it("gives the dashboard's and coverage's take-up figures as a plain recount does, archived ones left out", async () => {
    await seedDemo(db(), { engagements: 20, seed: 3, today: TODAY });
    // Some take-ups archived each way, so that leaving them out is tested.
    db().$client.exec(`UPDATE recommendation_addressees SET archived_at = '2026-11-01' WHERE id % 7 = 0`);
    db().$client.exec(`UPDATE recommendations SET archived_at = '2026-11-01' WHERE id % 11 = 0`);
    const live = `FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id JOIN inspection_reports ir ON ir.id = r.report_id
      WHERE ra.archived_at IS NULL AND r.archived_at IS NULL AND ir.archived_at IS NULL`;
    const [[total, implemented, overdue]] = all(
      `SELECT count(*), sum(ra.status IN ('implemented', 'confirmed')), sum(r.due_on < ? AND ra.status NOT IN ('implemented', 'confirmed')) ${live}`,
      TODAY,
    ) as number[][];
    expect(implemented).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
    expect(recommendationFigures({ today: TODAY })).toMatchObject({
      takeUps: total,
      implemented,
      percentImplemented: Math.round((100 * implemented) / total),
      overdue,
    });
    const open = all(`SELECT ra.organisation_id, count(*) ${live} AND ra.status NOT IN ('implemented', 'confirmed') GROUP BY 1`) as [
      number,
      number,
    ][];
    expect(open.length).toBeGreaterThan(1);
    expect([...openTakeUpsByOrganisation()].sort((a, b) => a[0] - b[0])).toEqual(open);
  });
});
