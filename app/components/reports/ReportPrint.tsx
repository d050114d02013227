import { SummaryList } from "~/components/govuk";
import type { FilterDescription, ReportEngagement, ReportStatistics } from "~/domain/report-types";
import { EngagementReport } from "./EngagementReport";
import { ORGANISATION_KIND_PLURALS } from "~/domain/format";
import { StatisticsTables } from "./StatisticsTables";
import { shortAndFullName } from "~/domain/organisation-names";

/** The opening of the printable report: what it covers and its figures. */
export function ReportPrintIntro({
  description,
  statistics,
  today,
  preparedBy,
}: {
  description: FilterDescription;
  statistics: ReportStatistics;
  today: string;
  preparedBy: string;
}) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Engagement summary</span>
        {description.period}
      </h1>
      <SummaryList
        rows={[
          { key: "Organisations", value: description.organisations.join(", ") || "All" },
          { key: "Kinds of organisation", value: description.organisationKinds.join(", ") || "All" },
          { key: "Themes", value: description.themes.join(", ") || "All" },
          { key: "Kinds of engagement", value: description.engagementKinds.join(", ") || "All" },
          {
            key: "Includes",
            value: description.includes.length ? description.includes.join(", ") : "Dates, organisations, purpose and summary only",
          },
          { key: "Marking", value: statistics.marking },
          { key: "Prepared by", value: preparedBy },
        ]}
      />
      <h2 className="govuk-heading-l">Statistics</h2>
      <StatisticsTables statistics={statistics} today={today} level={3} />
      <h2 className="govuk-heading-l app-print-break-before">Engagements</h2>
      <p className="govuk-body">
        Grouped by kind of organisation and organisation. Each engagement appears once, under the first of its organisations that the report
        covers; its other organisations are named in it.
      </p>
      {statistics.engagements === 0 ? <p className="govuk-body">No engagements match these filters.</p> : null}
    </>
  );
}

/**
 * Turns batches of grouped engagements into parts of the page, with a heading wherever the kind of
 * organisation or the organisation changes. Keeps its place between batches.
 */
export function groupedPrintParts(today: string) {
  let kind: string | undefined;
  let organisationId: number | null | undefined;
  return function part(batch: ReportEngagement[]) {
    const children: React.ReactNode[] = [];
    for (const e of batch) {
      const placement = e.placement ?? null;
      const placementKind = placement ? placement.kind : "none";
      if (placementKind !== kind) {
        kind = placementKind;
        organisationId = undefined;
        children.push(
          <h3 className="govuk-heading-l app-report-group" key={`kind-${placementKind}`}>
            {placement ? (ORGANISATION_KIND_PLURALS[placement.kind] ?? placement.kind) : "No organisation recorded"}
          </h3>,
        );
      }
      if (placement && placement.id !== organisationId) {
        organisationId = placement.id;
        children.push(
          <h4 className="govuk-heading-m app-report-organisation" key={`org-${placement.id}`}>
            {shortAndFullName(placement)}
          </h4>,
        );
      }
      children.push(<EngagementReport key={e.id} engagement={e} level={placement ? 5 : 4} today={today} />);
    }
    return <>{children}</>;
  };
}
