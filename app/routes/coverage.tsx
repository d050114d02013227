import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { Button, DateInput, ErrorSummary, Table, Tag, type TableCellOptions } from "~/components/govuk";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { buildCoverageReport, type BodyFigures } from "~/models/coverage.server";
import { DEFAULT_DIRECTION, type CoverageSort, type SortDirection } from "~/forms/coverage-sort";
import { countLinks, readCoverageQuery } from "~/routes/__coverage-query.server";
import { addDays, todayInUk, ukFinancialYear } from "~/domain/dates";
import { formatDate, organisationKindLabel, pluralise } from "~/domain/format";
import { requireRole } from "~/server/auth.server";
import { openTakeUpsByOrganisation } from "~/models/recommendation/figures.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Police coverage", Boolean(data?.query.fieldErrors)) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "viewer");
  const query = readCoverageQuery(new URL(request.url));
  const report = buildCoverageReport({ period: { from: query.from, to: query.to }, sort: query.sort, direction: query.dir });
  const thisYear = ukFinancialYear(todayInUk());
  const lastYear = ukFinancialYear(addDays(thisYear.from, -1));
  // Open recommendations (take-ups not implemented) of each force and its local policing body, read apart from the coverage report.
  const openTakeUps = openTakeUpsByOrganisation();
  const openRecommendations = Object.fromEntries(
    report.forces.map((f) => [f.id, (openTakeUps.get(f.id) ?? 0) + (f.policingBody ? (openTakeUps.get(f.policingBody.id) ?? 0) : 0)]),
  );
  const { engagementsLinks, actionsLinks, recommendationsLinks } = countLinks(report);
  return json({
    query,
    report,
    years: { thisYear, lastYear },
    openRecommendations,
    engagementsLinks,
    actionsLinks,
    recommendationsLinks,
  });
}

type Query = { from: string; to: string; sort: CoverageSort; dir: SortDirection; isDefaultPeriod: boolean };

function queryString(q: { from?: string; to?: string; sort?: string; dir?: string }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A column header that sorts the table on the server: a plain link, so it works without JavaScript. */
function sortHeader(
  query: Query,
  sort: CoverageSort,
  text: string,
  { numeric, rowspan, colspan, scope }: { numeric?: boolean; rowspan?: number; colspan?: number; scope?: "colgroup" } = {},
): TableCellOptions {
  const active = query.sort === sort;
  const nextDir: SortDirection = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[sort];
  const period = query.isDefaultPeriod ? {} : { from: query.from, to: query.to };
  return {
    format: numeric ? "numeric" : undefined,
    rowspan,
    colspan,
    attributes: { scope, "aria-sort": active ? (query.dir === "asc" ? "ascending" : "descending") : "none" },
    html: (
      <Link
        className="govuk-link govuk-link--no-visited-state app-sort-link"
        to={`/coverage${queryString({ ...period, sort, dir: nextDir })}#${sort}-sorted`}
        id={active ? `${sort}-sorted` : undefined}
      >
        {text}
        <span className="app-sort-link__arrow" aria-hidden="true">
          {active ? (query.dir === "asc" ? " ▲" : " ▼") : " ⇅"}
        </span>
      </Link>
    ),
  };
}

function Latest({ body, nextPlanned }: { body: BodyFigures | null; nextPlanned?: string | null }) {
  const next = nextPlanned !== undefined ? nextPlanned : (body?.nextPlanned ?? null);
  return (
    <>
      {body?.latestInPeriod ? (
        <span className="app-nowrap">{formatDate(body.latestInPeriod)}</span>
      ) : body?.latestBefore ? (
        <span className="app-text-muted">
          None in the period; before it: <span className="app-nowrap">{formatDate(body.latestBefore)}</span>
        </span>
      ) : (
        <span className="app-text-muted">Never</span>
      )}
      {next ? (
        <span className="govuk-body-s app-next-planned">
          Next planned: <span className="app-nowrap">{formatDate(next)}</span>
        </span>
      ) : null}
    </>
  );
}

function OrganisationTable({
  id,
  caption,
  rows,
  query,
  engagementsLinks,
  actionsLinks,
}: {
  id: string;
  caption: string;
  rows: (BodyFigures & { notEngaged: boolean })[];
  query: Query;
  engagementsLinks: Record<string, string>;
  actionsLinks: Record<string, string>;
}) {
  return (
    <Table
      id={id}
      caption={caption}
      captionClasses="govuk-table__caption--m"
      head={[
        sortHeader(query, "name", "Organisation"),
        "Kind",
        sortHeader(query, "engagements", "Engagements in period", { numeric: true }),
        sortHeader(query, "latest", "Latest engagement"),
        sortHeader(query, "actions", "Open actions", { numeric: true }),
      ]}
      firstCellIsHeader
      rows={rows.map((r) => ({
        key: r.id,
        cells: [
          {
            classes: "app-table-row-header",
            html: (
              <>
                <a className="govuk-link" href={`/organisations/${r.slug}`} title={titleOf(r)}>
                  {r.name}
                </a>
                {r.notEngaged ? (
                  <>
                    {" "}
                    <Tag colour="red">Not engaged</Tag>
                  </>
                ) : null}
              </>
            ),
          },
          `${organisationKindLabel(r.kind)}${r.nation && r.nation !== "UK" && r.nation !== "International" ? `, ${r.nation}` : ""}`,
          { format: "numeric", html: <EngagementsCount n={r.engagements} name={r.name} to={engagementsLinks[r.id]} /> },
          { html: <Latest body={r} /> },
          {
            format: "numeric",
            html: r.openActions ? (
              <a className="govuk-link" href={actionsLinks[r.id]}>
                {r.openActions}
                <span className="govuk-visually-hidden"> open actions with {r.name}</span>
              </a>
            ) : (
              0
            ),
          },
        ],
      }))}
    />
  );
}

export default function Coverage() {
  const { query, report, years, openRecommendations, engagementsLinks, actionsLinks, recommendationsLinks } =
    useLoaderData<typeof loader>();
  const notEngaged = report.forces.filter((f) => f.notEngaged).length;
  const period = query.isDefaultPeriod ? {} : { from: query.from, to: query.to };
  const csvHref = `/coverage.csv${queryString({ ...period, sort: query.sort, dir: query.dir })}`;
  const isYear = (y: { from: string; to: string }) => query.from === y.from && query.to === y.to;
  // Only engagements that have happened count: a period running past today is counted up to today.
  const span = report.countedTo < report.period.to ? `between ${formatDate(report.period.from)} and today` : "in this period";

  return (
    <>
      <ErrorSummary errors={query.fieldErrors ?? undefined} order={["from", "to"]} />
      <span className="govuk-caption-l">
        {formatDate(report.period.from)} to {formatDate(report.period.to)}
      </span>
      <h1 className="govuk-heading-l">Police coverage</h1>
      <p className="govuk-body-l">
        {notEngaged === 0
          ? `Every one of the ${report.forces.length} forces, or its local policing body, was engaged ${span}.`
          : `${notEngaged} of ${report.forces.length} forces had no engagement with the force or its local policing body ${span}.`}
      </p>

      <div className="app-filter-panel">
        <Form method="get" action="/coverage" className="app-period-form" aria-label="Period">
          <DateInput
            name="from"
            legend="From"
            legendClassName="govuk-fieldset__legend--s"
            values={query.fieldErrors ? query.typed.from : datePartsOf(query, "from")}
            error={query.fieldErrors?.from}
            errorParts={datePartsInError(query.typed.from, query.fieldErrors?.from)}
          />
          <DateInput
            name="to"
            legend="To"
            legendClassName="govuk-fieldset__legend--s"
            values={query.fieldErrors ? query.typed.to : datePartsOf(query, "to")}
            error={query.fieldErrors?.to}
            errorParts={datePartsInError(query.typed.to, query.fieldErrors?.to)}
          />
          {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
          {query.sort !== "name" ? <input type="hidden" name="dir" value={query.dir} /> : null}
          <Button variant="secondary">Show this period</Button>
        </Form>
        <p className="govuk-body govuk-!-margin-bottom-0">
          Financial years:{" "}
          {[years.thisYear, years.lastYear].map((y, i) => (
            <span key={y.from}>
              {i ? " · " : ""}
              {isYear(y) ? (
                <strong>
                  April {y.from.slice(0, 4)} to March {y.to.slice(0, 4)}
                  {i === 0 ? " (this year)" : ""}
                </strong>
              ) : (
                <Link
                  className="govuk-link"
                  to={`/coverage${queryString({ ...(i === 0 ? {} : { from: y.from, to: y.to }), sort: query.sort === "name" ? undefined : query.sort, dir: query.sort === "name" ? undefined : query.dir })}`}
                >
                  April {y.from.slice(0, 4)} to March {y.to.slice(0, 4)}
                  {i === 0 ? " (this year)" : ""}
                </Link>
              )}
            </span>
          ))}
        </p>
      </div>

      <p className="govuk-body">
        <a className="govuk-link" href={csvHref} download>
          Download this coverage as CSV
        </a>
      </p>

      <div className="app-table-scroll">
        <Table
          classes="app-coverage-table"
          id="forces"
          caption="Police forces and their local policing bodies"
          captionClasses="govuk-table__caption--m"
          headRows={[
            [
              sortHeader(query, "name", "Force", { rowspan: 2 }),
              { text: "Local policing body", rowspan: 2 },
              sortHeader(query, "engagements", "Engagements in period", { colspan: 2, scope: "colgroup", numeric: true }),
              sortHeader(query, "latest", "Latest engagement", { rowspan: 2 }),
              sortHeader(query, "actions", "Open actions", { rowspan: 2, numeric: true }),
              { text: "Open recommendations", rowspan: 2, format: "numeric" },
            ],
            [
              { text: "Force", format: "numeric" },
              { text: "Body", format: "numeric" },
            ],
          ]}
          firstCellIsHeader
          rows={report.forces.map((f) => {
            const body = f.policingBody;
            const both = [f, body].filter((b): b is BodyFigures => Boolean(b));
            const latest = [...both].sort((a, b) => (latestOf(b) ?? "").localeCompare(latestOf(a) ?? ""))[0];
            const nextPlanned =
              both
                .map((b) => b.nextPlanned)
                .filter((d): d is string => Boolean(d))
                .sort()[0] ?? null;
            const open = f.openActions + (body?.openActions ?? 0);
            return {
              key: f.id,
              cells: [
                {
                  classes: "app-table-row-header",
                  html: (
                    <>
                      <a className="govuk-link" href={`/organisations/${f.slug}`} title={titleOf(f)}>
                        {f.name}
                      </a>
                      {f.notEngaged ? (
                        <>
                          <br />
                          <Tag colour="red">Not engaged</Tag>
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  classes: "govuk-body-s",
                  html: body ? (
                    <a className="govuk-link" href={`/organisations/${body.slug}`} title={titleOf(body)}>
                      {body.name}
                    </a>
                  ) : (
                    <span className="govuk-hint govuk-!-margin-0">None recorded</span>
                  ),
                },
                {
                  format: "numeric",
                  classes: f.engagements ? undefined : "app-text-muted",
                  html: <EngagementsCount n={f.engagements} name={f.name} to={engagementsLinks[f.id]} />,
                },
                {
                  format: "numeric",
                  classes: body?.engagements ? undefined : "app-text-muted",
                  html: body ? <EngagementsCount n={body.engagements} name={body.name} to={engagementsLinks[body.id]} /> : "–",
                },
                { html: <Latest body={latest} nextPlanned={nextPlanned} /> },
                {
                  format: "numeric",
                  html: open ? (
                    <a className="govuk-link" href={actionsLinks[f.id]}>
                      {open}
                      <span className="govuk-visually-hidden">
                        {" "}
                        open actions with {f.name}
                        {body ? " and its local policing body" : ""}
                      </span>
                    </a>
                  ) : (
                    0
                  ),
                },
                {
                  format: "numeric",
                  html: openRecommendations[f.id] ? (
                    <a className="govuk-link" href={recommendationsLinks[f.id]}>
                      {openRecommendations[f.id]}
                      <span className="govuk-visually-hidden">
                        {" "}
                        open recommendations of {f.name}
                        {body ? " and its local policing body" : ""}
                      </span>
                    </a>
                  ) : (
                    0
                  ),
                },
              ],
            };
          })}
        />
      </div>
      {report.optionalForces.length ? (
        <p className="govuk-body-s">
          Not counted among the {report.forces.length} forces:{" "}
          {report.optionalForces.map((f, i) => (
            <span key={f.id}>
              {i ? "; " : ""}
              <a className="govuk-link" href={`/organisations/${f.slug}`} title={titleOf(f)}>
                {f.name}
              </a>{" "}
              (
              {f.engagements ? (
                <a className="govuk-link" href={engagementsLinks[f.id]}>
                  {pluralise(f.engagements, "engagement")}
                  <span className="govuk-visually-hidden"> with {f.name}</span>
                </a>
              ) : (
                pluralise(f.engagements, "engagement")
              )}{" "}
              in the period)
            </span>
          ))}
          .
        </p>
      ) : null}

      <OrganisationTable
        id="national"
        caption="National bodies"
        rows={report.national}
        query={query}
        engagementsLinks={engagementsLinks}
        actionsLinks={actionsLinks}
      />
      <OrganisationTable
        id="international"
        caption="International partners"
        rows={report.international}
        query={query}
        engagementsLinks={engagementsLinks}
        actionsLinks={actionsLinks}
      />
    </>
  );
}

/** An organisation's engagements in the period, as a link to them when there are any. */
// The tables' links are plain <a>s, not Remix <Link>s: several hundred <Link>s each ran their hooks on every render
// of the page (docs/decisions/0026, 0031); a plain link loads the page whole, as it does without JavaScript.
function EngagementsCount({ n, name, to }: { n: number; name: string; to: string }) {
  if (!n) return <>0</>;
  return (
    <a className="govuk-link" href={to}>
      {n}
      <span className="govuk-visually-hidden"> engagements with {name} in the period</span>
    </a>
  );
}

/** The formal name as a tooltip, where it says more than the short one shown. */
function titleOf(b: BodyFigures): string | undefined {
  return b.fullName !== b.name ? b.fullName : undefined;
}

function latestOf(b: BodyFigures): string | null {
  return b.latestInPeriod ?? b.latestBefore;
}
