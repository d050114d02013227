import { Link } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { OverdueTag } from "~/components/status-tags";
import { formatDate } from "~/domain/format";
import { isImplemented, RECOMMENDATION_KIND_LABELS, type RecommendationKind, type TakeUpStatus } from "~/domain/recommendations";
import { TakeUpTag } from "./tags";

export type OrganisationRecommendation = {
  recommendationId: number;
  number: string;
  text: string;
  kind: RecommendationKind;
  dueOn: string | null;
  reportId: number;
  reportTitle: string;
  status: TakeUpStatus;
  statusOn: string | null;
  overdue: boolean;
};

const SHOWN = 50;

/** The inspection recommendations addressed to one body and where it stands with each (its page, beside its engagements). */
export function OrganisationRecommendations({
  name,
  slug,
  organisationId,
  rows,
}: {
  name: string;
  slug: string;
  organisationId: number;
  rows: OrganisationRecommendation[];
}) {
  const implemented = rows.filter((r) => isImplemented(r.status)).length;
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <section aria-labelledby="recommendations-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="recommendations-heading">
        Inspection recommendations
      </h2>
      {rows.length ? (
        <>
          <p className="govuk-body">
            {rows.length} {rows.length === 1 ? "recommendation is" : "recommendations are"} addressed to {name}: {implemented} implemented,{" "}
            {overdue} past {overdue === 1 ? "its" : "their"} date.
          </p>
          <Table
            caption={`Recommendations addressed to ${name}, newest report first`}
            captionClasses="govuk-visually-hidden"
            head={["Report", "Recommendation", "Status", "Date to be met by"]}
            rows={rows.slice(0, SHOWN).map((r) => ({
              key: r.recommendationId,
              cells: [
                <Link key="r" className="govuk-link" to={`/recommendations/reports/${r.reportId}`}>
                  {r.reportTitle}
                </Link>,
                <>
                  <Link className="govuk-link" to={`/recommendations/${r.recommendationId}`}>
                    {RECOMMENDATION_KIND_LABELS[r.kind]} {r.number}
                  </Link>
                  <span className="govuk-body-s app-timeline__meta">
                    <br />
                    {r.text.length > 140 ? `${r.text.slice(0, 139)}…` : r.text}
                  </span>
                </>,
                <>
                  <Link className="govuk-link" to={`/recommendations/${r.recommendationId}/bodies/${organisationId}`}>
                    <TakeUpTag status={r.status} />
                    <span className="govuk-visually-hidden"> take-up of {r.number}</span>
                  </Link>{" "}
                  {r.overdue ? <OverdueTag /> : null}
                  {r.statusOn ? <span className="govuk-body-s"> since {formatDate(r.statusOn)}</span> : null}
                </>,
                r.dueOn ? formatDate(r.dueOn) : "None given",
              ],
            }))}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/recommendations?organisation=${encodeURIComponent(slug)}`}>
              {rows.length > SHOWN ? `All ${rows.length} recommendations` : "These recommendations"} in the recommendations list
            </Link>
          </p>
        </>
      ) : (
        <p className="govuk-body">No inspection recommendation is addressed to {name}.</p>
      )}
    </section>
  );
}
