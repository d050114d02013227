import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { shortNameOf } from "~/domain/organisation-names";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink, ButtonLink, SummaryList, Table, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StatutoryResponseTag, TakeUpTag } from "~/components/recommendations/tags";
import { formatDate } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { RECOMMENDATION_KIND_LABELS, TAKE_UP_STATUS_LABELS } from "~/domain/recommendations";
import { reportGrid } from "~/models/recommendation/read.server";
import { getReport } from "~/models/recommendation/report.server";
import { reportIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { loadOr404 } from "~/server/model-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.report.title ?? "Inspection report") }];

/** Up to this many bodies, the grid shows one column a body; beyond it, each recommendation lists its bodies. */
const MAX_BODY_COLUMNS = 8;

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const report = getReport({ id: reportIdOf(params) });
  const grid = reportGrid({ reportId: report.id });
  // Only what the page shows goes to the browser: a grid of every force is hundreds of cells, each in the page twice
  // (as HTML, and as JSON for React).
  const shownGrid = {
    percentImplemented: grid.percentImplemented,
    takeUps: grid.takeUps,
    bodies: grid.bodies.map(({ id, name, shortName }) => ({ id, name, shortName })),
    rows: grid.rows.map((r) => ({
      id: r.id,
      number: r.number,
      text: r.text.slice(0, 80),
      kind: r.kind,
      dueOn: r.dueOn,
      percentImplemented: r.percentImplemented,
      cells: Object.fromEntries(Object.entries(r.cells).map(([id, cell]) => [id, { status: cell.status }])),
    })),
  };
  return json({ report, grid: shownGrid, canEdit: hasRole(user.role, "officer") });
}

export default function ReportPage() {
  const { report, grid, canEdit } = useLoaderData<typeof loader>();
  // Plain links, not Remix's <Link>: a grid holds hundreds (each <Link> is several hooks to render on every
  // request), and a take-up page loads whole just as quickly.
  const takeUpLink = (recommendationId: number, organisationId: number) => `/recommendations/${recommendationId}/bodies/${organisationId}`;
  const columns = grid.bodies.length <= MAX_BODY_COLUMNS;
  return (
    <>
      <BackLink to="/recommendations/reports">Back to inspection reports</BackLink>
      <span className="govuk-caption-l">
        {shortNameOf({ name: report.publisherName, shortName: report.publisherShortName })}, {formatDate(report.publishedOn)}
      </span>
      <h1 className="govuk-heading-l">{report.title}</h1>
      {report.archivedAt ? <WarningText>This report is archived: it and its recommendations are left out of the lists.</WarningText> : null}
      <SummaryList
        rows={[
          { key: "Marking", value: report.marking },
          report.link
            ? {
                key: "Link",
                value: (
                  <a className="govuk-link" href={report.link} rel="noreferrer">
                    {report.link}
                  </a>
                ),
              }
            : null,
          report.summary ? { key: "Summary", value: <span className="app-prewrap">{report.summary}</span> } : null,
          report.response
            ? {
                key: "Statutory response",
                value: (
                  <>
                    <StatutoryResponseTag state={report.response.state} /> from the local policing body for {report.subjectForceName}, due{" "}
                    {formatDate(report.response.dueOn)}
                    {report.responseReceivedOn ? `, received ${formatDate(report.responseReceivedOn)}` : ""}
                  </>
                ),
              }
            : null,
          {
            key: "Implemented",
            value: grid.percentImplemented === null ? "No take-up recorded yet" : `${grid.percentImplemented}% of ${grid.takeUps} take-ups`,
          },
        ]}
      />
      {canEdit ? (
        <div className="govuk-button-group app-no-print">
          {!report.archivedAt ? <ButtonLink to={`/recommendations/reports/${report.id}/import`}>Add recommendations</ButtonLink> : null}
          <ButtonLink variant="secondary" to={`/recommendations/reports/${report.id}/edit`}>
            Edit report
          </ButtonLink>
          <Link className="govuk-link" to={`/recommendations/reports/${report.id}/archive`}>
            {report.archivedAt ? "Restore report" : "Archive report"}
          </Link>
        </div>
      ) : null}
      <p className="govuk-body app-no-print">
        <a className="govuk-link" href={`/reports/recommendations.csv?report=${report.id}`} download>
          Download this report's take-up as CSV
        </a>
      </p>

      <h2 className="govuk-heading-m">Take-up by body</h2>
      {grid.rows.length === 0 ? (
        <p className="govuk-body">This report has no recommendations yet.</p>
      ) : columns ? (
        <div className="app-table-scroll app-take-up-grid">
          <Table
            caption="Each recommendation against the bodies it is addressed to"
            captionClasses="govuk-visually-hidden"
            classes="govuk-table--small-text-until-tablet"
            firstCellIsHeader
            head={["Recommendation", ...grid.bodies.map((b) => b.shortName || b.name), { text: "Implemented", format: "numeric" }]}
            rows={grid.rows.map((r) => ({
              key: r.id,
              cells: [
                <Link key="r" className="govuk-link" to={`/recommendations/${r.id}`}>
                  {r.number}
                  <span className="govuk-visually-hidden">: {r.text.slice(0, 80)}</span>
                </Link>,
                ...grid.bodies.map((b) => {
                  const cell = r.cells[b.id];
                  return cell ? (
                    <a
                      key={b.id}
                      className="govuk-link"
                      href={takeUpLink(r.id, b.id)}
                      aria-label={`${b.shortName || b.name}: ${TAKE_UP_STATUS_LABELS[cell.status]}`}
                    >
                      <TakeUpTag status={cell.status} />
                    </a>
                  ) : (
                    "Not addressed"
                  );
                }),
                { text: r.percentImplemented === null ? "" : `${r.percentImplemented}%`, format: "numeric" },
              ],
            }))}
          />
        </div>
      ) : (
        <Table
          caption="Each recommendation and the bodies it is addressed to"
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={["Recommendation", "Bodies and their take-up", { text: "Implemented", format: "numeric" }]}
          rows={grid.rows.map((r) => ({
            key: r.id,
            cells: [
              <>
                <Link className="govuk-link" to={`/recommendations/${r.id}`}>
                  {r.number}
                </Link>
                <span className="govuk-body-s govuk-!-display-block">
                  {RECOMMENDATION_KIND_LABELS[r.kind]}
                  {r.dueOn ? `, by ${formatDate(r.dueOn)}` : ""}
                </span>
              </>,
              <ul key="b" className="govuk-list app-take-up-list">
                {grid.bodies
                  .filter((b) => r.cells[b.id])
                  .map((b) => (
                    <li key={b.id}>
                      <a className="govuk-link" href={takeUpLink(r.id, b.id)}>
                        {b.shortName || b.name}
                      </a>{" "}
                      <TakeUpTag status={r.cells[b.id].status} />
                    </li>
                  ))}
              </ul>,
              { text: r.percentImplemented === null ? "" : `${r.percentImplemented}%`, format: "numeric" },
            ],
          }))}
        />
      )}
    </>
  );
}
