import { Link } from "@remix-run/react";
import type { RecommendationFigures } from "~/models/recommendation/figures.server";

/** The dashboard's inspection recommendations: how far bodies have taken them up, what is late, and responses awaited. */
export function RecommendationFiguresSection({ figures: f }: { figures: RecommendationFigures }) {
  if (!f.takeUps && !f.responsesDue && !f.responsesOverdue) return null;
  return (
    <section className="app-section" aria-labelledby="recommendations-heading">
      <h2 className="govuk-heading-m" id="recommendations-heading">
        Inspection recommendations
      </h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Implemented</dt>
          <dd className="govuk-summary-list__value">
            {f.percentImplemented === null ? "None addressed yet" : `${f.percentImplemented}%`} ({f.implemented} of {f.takeUps} take-ups by
            the bodies addressed)
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Past their date, not implemented</dt>
          <dd className="govuk-summary-list__value">
            {f.overdue ? (
              <Link className="govuk-link" to="/recommendations?overdue=yes">
                {f.overdue} {f.overdue === 1 ? "take-up" : "take-ups"}
              </Link>
            ) : (
              "None"
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Statutory responses awaited (56 days)</dt>
          <dd className="govuk-summary-list__value">
            {f.responsesDue} due, {f.responsesOverdue} overdue{" "}
            <Link className="govuk-link" to="/recommendations/reports">
              Reports
            </Link>
          </dd>
        </div>
      </dl>
    </section>
  );
}
