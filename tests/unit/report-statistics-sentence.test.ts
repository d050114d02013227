// The statistics' opening sentence, shared by the builder's preview and the Word document.
import { describe, expect, it } from "vitest";
import { statisticsSentence } from "~/domain/report-statistics";
import type { ReportStatistics } from "~/domain/report-types";

const tally = { made: 0, completed: 0, dropped: 0, outstanding: 0, overdue: 0 };
function statistics(byStatus: ReportStatistics["byStatus"], organisationsEngaged: number): ReportStatistics {
  const engagements = byStatus.held + byStatus.planned + byStatus.cancelled;
  return {
    engagements,
    byStatus,
    byMonth: [],
    byOrganisationKind: [],
    organisationsEngaged,
    organisations: [],
    commitments: tally,
    followUps: tally,
    sensitiveEngagements: 0,
    marking: "OFFICIAL",
  };
}

describe("statisticsSentence", () => {
  it("writes every figure with thousands separators, as the tables do", () => {
    expect(statisticsSentence(statistics({ held: 2791, planned: 200, cancelled: 1212 }, 1112))).toBe(
      "4,203 engagements (2,791 held, 200 planned, 1,212 cancelled) with 1,112 organisations.",
    );
  });

  it("leaves out a status none had, and the brackets when there are no engagements", () => {
    expect(statisticsSentence(statistics({ held: 1, planned: 0, cancelled: 0 }, 1))).toBe("1 engagement (1 held) with 1 organisation.");
    expect(statisticsSentence(statistics({ held: 0, planned: 0, cancelled: 0 }, 0))).toBe("0 engagements with 0 organisations.");
  });
});
