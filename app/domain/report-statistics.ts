import { pluralise } from "./format";
import type { ReportStatistics } from "./report-types";

/** The opening sentence of a report's statistics, in the builder's preview and the Word document alike. */
export function statisticsSentence(statistics: ReportStatistics): string {
  const byStatus = (["held", "planned", "cancelled"] as const)
    .filter((status) => statistics.byStatus[status] > 0)
    .map((status) => `${statistics.byStatus[status].toLocaleString("en-GB")} ${status}`);
  return `${pluralise(statistics.engagements, "engagement")}${byStatus.length ? ` (${byStatus.join(", ")})` : ""} with ${pluralise(
    statistics.organisationsEngaged,
    "organisation",
  )}.`;
}
