import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, Table } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StatutoryResponseTag } from "~/components/recommendations/tags";
import { formatDate } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { listReports } from "~/models/recommendation/report.server";
import { requireRole } from "~/server/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Inspection reports") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const archived = new URL(request.url).searchParams.get("archived") === "show";
  return json({ reports: listReports({ includeArchived: archived }), archived, canEdit: hasRole(user.role, "officer") });
}

export default function InspectionReports() {
  const { reports, archived, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Recommendations</span>
      <h1 className="govuk-heading-l">Inspection reports</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/recommendations">
          See every recommendation and its take-up
        </Link>
      </p>
      {canEdit ? <ButtonLink to="/recommendations/reports/new">Add a report</ButtonLink> : null}
      {reports.length ? (
        <Table
          caption={`${reports.length} ${reports.length === 1 ? "report" : "reports"}`}
          captionClasses="govuk-table__caption--m"
          head={["Report", "Publisher", "Published", { text: "Recommendations", format: "numeric" }, "Statutory response"]}
          rows={reports.map((r) => ({
            key: r.id,
            cells: [
              <>
                <Link className="govuk-link" to={`/recommendations/reports/${r.id}`}>
                  {r.title}
                </Link>
                {r.archivedAt ? " (archived)" : null}
              </>,
              r.publisherName,
              formatDate(r.publishedOn),
              { text: r.recommendationCount, format: "numeric" },
              r.response ? <StatutoryResponseTag state={r.response.state} /> : "Not about one force",
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No reports yet.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={archived ? "/recommendations/reports" : "/recommendations/reports?archived=show"}>
          {archived ? "Hide archived reports" : "Show archived reports too"}
        </Link>
      </p>
    </>
  );
}
