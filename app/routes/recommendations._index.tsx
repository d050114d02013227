import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { organisationsInWords, shortNameOf } from "~/domain/organisation-names";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterPanel } from "~/components/filters/FilterPanel";
import { PrevNextPagination, Select, Table, type Option } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { TakeUpTag } from "~/components/recommendations/tags";
import { OverdueTag } from "~/components/status-tags";
import { formatDate, ORGANISATION_KIND_LABELS, pluralise } from "~/domain/format";
import { isImplemented, TAKE_UP_STATUS_LABELS, TAKE_UP_STATUSES } from "~/domain/recommendations";
import { NOT_IMPLEMENTED, recommendationQuery } from "~/forms/recommendation-query";
import { parseRecommendationFilters } from "~/forms/recommendations.server";
import {
  countRecommendations,
  listRecommendationChoices,
  listRecommendations,
  parseCursor,
  type ListedTakeUp,
} from "~/models/recommendation/list.server";
import { resolveRecommendationFilters as resolveFilters } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Recommendations") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "viewer");
  const filters = parseRecommendationFilters(new URL(request.url).searchParams);
  const resolved = resolveFilters(filters);
  const page = listRecommendations({ filters: resolved, after: parseCursor(filters.after), before: parseCursor(filters.before) });
  const counts = countRecommendations({ filters: resolved });
  const choices = listRecommendationChoices();
  // Only what the page shows goes to the browser (the data is in the page twice: as HTML, and as JSON for React).
  return json({
    filters,
    // Named in the summary when there are several (a force and its policing body); their own option in the filter.
    organisationsShown: resolved.organisationsShown.length > 1 ? resolved.organisationsShown : [],
    page: { ...page, rows: page.rows.map(shownRow) },
    counts,
    choices: {
      reports: choices.reports.filter((r) => counts.report[r.id] || filters.report === r.id).map(({ id, title }) => ({ id, title })),
      publishers: choices.publishers.map(({ id, name }) => ({ id, name })),
      organisations: choices.organisations.filter((o) => counts.organisation[o.id] || filters.organisation === o.slug),
    },
  });
}

const TEXT_SHOWN = 140;

function shownRow(r: ListedTakeUp) {
  return {
    addresseeId: r.addresseeId,
    recommendationId: r.recommendationId,
    number: r.number,
    text: r.text.length > TEXT_SHOWN ? `${r.text.slice(0, TEXT_SHOWN)}…` : r.text,
    reportId: r.reportId,
    reportTitle: r.reportTitle,
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    organisationShortName: r.organisationShortName,
    status: r.status,
    dueOn: r.dueOn,
    overdue: r.overdue,
  };
}

const withCount = (label: string, n: number | undefined) => `${label} (${(n ?? 0).toLocaleString("en-GB")})`;

export default function Recommendations() {
  const { filters, organisationsShown, page, counts, choices } = useLoaderData<typeof loader>();
  const base = { ...filters, after: undefined, before: undefined };
  const filtered = Boolean(
    filters.report || filters.publisher || filters.organisation || filters.orgKind || filters.status || filters.overdue,
  );
  const reportOptions: Option[] = choices.reports.map((r) => ({ value: String(r.id), label: withCount(r.title, counts.report[r.id]) }));
  const publisherOptions: Option[] = choices.publishers.map((p) => ({
    value: String(p.id),
    label: withCount(p.name, counts.publisher[p.id]),
  }));
  const bodyOptions: Option[] = choices.organisations.map((o) => ({ value: o.slug, label: withCount(o.name, counts.organisation[o.id]) }));
  const kindOptions: Option[] = (Object.keys(ORGANISATION_KIND_LABELS) as (keyof typeof ORGANISATION_KIND_LABELS)[])
    .filter((k) => counts.orgKind[k] || filters.orgKind === k)
    .map((k) => ({ value: k, label: withCount(ORGANISATION_KIND_LABELS[k], counts.orgKind[k]) }));
  // Several bodies together (a force and its policing body, from the coverage page) are one choice of their own, first.
  if (organisationsShown.length > 1)
    bodyOptions.unshift({
      value: organisationsShown.map((o) => o.slug).join(","),
      label: withCount(
        organisationsInWords(organisationsShown),
        organisationsShown.reduce((n, o) => n + (counts.organisation[o.id] ?? 0), 0),
      ),
    });
  const statusOptions: Option[] = [
    ...TAKE_UP_STATUSES.map((s) => ({ value: s, label: withCount(TAKE_UP_STATUS_LABELS[s], counts.status[s]) })),
    {
      value: NOT_IMPLEMENTED,
      label: withCount(
        "Any status but implemented",
        TAKE_UP_STATUSES.filter((s) => !isImplemented(s)).reduce((n, s) => n + (counts.status[s] ?? 0), 0),
      ),
    },
  ];
  const caption = `${pluralise(counts.total, "take-up")}${filtered ? (counts.total === 1 ? " matches these filters" : " match these filters") : ""}`;
  return (
    <>
      <span className="govuk-caption-l">Inspection recommendations, body by body</span>
      <h1 className="govuk-heading-l">Recommendations</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/recommendations/reports">
          Inspection reports
        </Link>
      </p>
      <FilterPanel
        heading="Filter recommendations"
        action="/recommendations"
        className="app-register-filters"
        buttonGroupClassName="govuk-button-group"
        clear={filtered ? { to: "/recommendations" } : null}
      >
        <div className="app-filter-grid">
          {[
            {
              name: "report",
              label: "Report",
              options: reportOptions,
              placeholder: "All reports",
              value: filters.report ? String(filters.report) : "",
            },
            {
              name: "publisher",
              label: "Publisher",
              options: publisherOptions,
              placeholder: "All publishers",
              value: filters.publisher ? String(filters.publisher) : "",
            },
            { name: "organisation", label: "Body", options: bodyOptions, placeholder: "All bodies", value: filters.organisation ?? "" },
            { name: "orgKind", label: "Kind of body", options: kindOptions, placeholder: "All kinds", value: filters.orgKind ?? "" },
            { name: "status", label: "Status", options: statusOptions, placeholder: "Any status", value: filters.status ?? "" },
            {
              name: "overdue",
              label: "Past its date",
              options: [{ value: "yes", label: withCount("Past its date and not implemented", counts.overdue) }],
              placeholder: "Any date",
              value: filters.overdue ?? "",
            },
          ].map(({ value, ...f }) => (
            <Select key={f.name} {...f} labelClassName="govuk-label--s" defaultValue={value} />
          ))}
        </div>
      </FilterPanel>
      <div className="app-results-bar">
        <h2 className="govuk-heading-m govuk-!-margin-bottom-0">{caption}</h2>
        <a className="govuk-link" href={`/reports/recommendations.csv${recommendationQuery(base)}`} download>
          Download these as CSV<span className="govuk-visually-hidden"> (all pages)</span>
        </a>
      </div>
      {organisationsShown.length ? (
        <p className="govuk-body" id="organisations-shown">
          Showing the take-ups of {organisationsInWords(organisationsShown)}.
        </p>
      ) : null}
      {page.rows.length === 0 ? (
        <p className="govuk-body">{filtered ? "No recommendations match these filters." : "There are no recommendations yet."}</p>
      ) : (
        <>
          <Table
            caption={caption}
            captionClasses="govuk-visually-hidden"
            head={["Recommendation", "Report", "Body", "Status", "To be met by"]}
            // Plain links, not Remix's <Link>: three a row, each <Link> several hooks to render on every request.
            rows={page.rows.map((r) => ({
              key: r.addresseeId,
              cells: [
                <>
                  <a className="govuk-link" href={`/recommendations/${r.recommendationId}`}>
                    {r.number}
                  </a>{" "}
                  <span className="govuk-body-s">{r.text}</span>
                </>,
                <a key="rep" className="govuk-link" href={`/recommendations/reports/${r.reportId}`}>
                  {r.reportTitle}
                </a>,
                shortNameOf({ name: r.organisationName, shortName: r.organisationShortName }),
                <a
                  key="s"
                  className="govuk-link"
                  href={`/recommendations/${r.recommendationId}/bodies/${r.organisationId}`}
                  aria-label={`${shortNameOf({ name: r.organisationName, shortName: r.organisationShortName })}, recommendation ${r.number}: ${TAKE_UP_STATUS_LABELS[r.status]}`}
                >
                  <TakeUpTag status={r.status} />
                </a>,
                <>
                  {r.dueOn ? formatDate(r.dueOn) : ""} {r.overdue ? <OverdueTag /> : null}
                </>,
              ],
            }))}
          />
          <PrevNextPagination
            previous={page.previous ? `/recommendations${recommendationQuery({ ...base, before: page.previous })}` : null}
            next={page.next ? `/recommendations${recommendationQuery({ ...base, after: page.next })}` : null}
          />
        </>
      )}
    </>
  );
}
