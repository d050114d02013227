import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import autocompleteCss from "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { useState } from "react";
import { EngagementStatusTag } from "~/components/status-tags";
import { OrganisationPicker } from "~/components/engagements/OrganisationPicker";
import { ButtonLink, ErrorSummary, PrevNextPagination, Select, Table, Tag, TextInput, type Option } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { countEngagements, formatCursor, listEngagements, parseCursor } from "~/models/engagement/list.server";
import { getOrganisationIdBySlug } from "~/models/engagement/options.server";
import { listOrganisationOptions } from "~/models/organisation/read.server";
import { listThemeOptions } from "~/models/theme.server";
import { ENGAGEMENT_KIND_LABELS, ENGAGEMENT_KINDS, ENGAGEMENT_STATUS_LABELS, ENGAGEMENT_STATUSES } from "~/domain/engagement-labels";
import { formatDate, ORGANISATION_KIND_LABELS, pluralise } from "~/domain/format";
import { datePartNames, datePartsOf } from "~/forms/field-checks";
import { fieldId, zodFieldErrors, type FieldErrors } from "~/forms/form-data";
import { DateRangeFields, FilterPanel } from "~/components/filters/FilterPanel";
import { hasRole } from "~/domain/permissions";
import { requireUser } from "~/server/auth.server";
import { engagementListFiltersSchema, type EngagementListFilters } from "~/forms/engagement.server";
import { shortAndFullName, shortNameOf } from "~/domain/organisation-names";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: autocompleteCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Engagements", Boolean(data && Object.keys(data.errors).length)) },
];

const ORGANISATION_KIND_OPTIONS = Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }));
const ENGAGEMENT_KIND_OPTIONS = ENGAGEMENT_KINDS.map((k) => ({ value: k, label: ENGAGEMENT_KIND_LABELS[k] }));
const STATUS_OPTIONS = [
  ...ENGAGEMENT_STATUSES.map((s) => ({ value: s, label: ENGAGEMENT_STATUS_LABELS[s] })),
  { value: "not_cancelled", label: `${ENGAGEMENT_STATUS_LABELS.held} or ${ENGAGEMENT_STATUS_LABELS.planned.toLowerCase()}` },
  { value: "archived", label: "Archived" },
];

const FILTER_KEYS = ["from", "to", "organisation", "organisationKind", "kind", "theme", "status", "q"] as const;
/** The query's names: the filters, and the date inputs' three fields each (from-day, from-month, from-year, ...). */
const QUERY_KEYS = FILTER_KEYS.flatMap((k) => (k === "from" || k === "to" ? [k, ...Object.values(datePartNames(k))] : [k]));

/** The filters as asked, each checked on its own: one that makes no sense is reported and left out. */
function readFilters(params: URLSearchParams): { filters: EngagementListFilters; errors: FieldErrors } {
  const raw = Object.fromEntries(QUERY_KEYS.map((k) => [k, params.get(k) ?? undefined]));
  const result = engagementListFiltersSchema.safeParse(raw);
  if (result.success) return { filters: result.data, errors: {} };
  const errors = zodFieldErrors(result.error);
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([k]) => !errors[k.replace(/-(day|month|year)$/, "")]));
  return { filters: engagementListFiltersSchema.parse(cleaned), errors };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const { filters, errors } = readFilters(url.searchParams);
  let organisationId: number | null = null;
  if (filters.organisation) {
    const org = getOrganisationIdBySlug(filters.organisation);
    if (org) organisationId = org.id;
    else errors.organisation = "Choose an organisation from the list";
  }
  if (filters.organisationKind && !(filters.organisationKind in ORGANISATION_KIND_LABELS))
    errors.organisationKind = "Choose a kind of organisation from the list";
  if (filters.from && filters.to && filters.to < filters.from) errors.to = "The end of the date range must be on or after its start";
  const query = {
    ...filters,
    organisationId,
    to: errors.to ? null : filters.to,
    organisation: errors.organisation ? null : filters.organisation,
  };
  if (filters.organisation && !organisationId) query.organisationId = -1; // an unknown organisation matches nothing
  const after = parseCursor(url.searchParams.get("after"));
  const before = after ? null : parseCursor(url.searchParams.get("before"));
  const page = listEngagements({ filters: query, after, before });
  const base = new URLSearchParams();
  for (const k of QUERY_KEYS) {
    const value = url.searchParams.get(k);
    if (value) base.set(k, value);
  }
  const link = (key: "after" | "before", cursor: { date: string; id: number } | null) => {
    if (!cursor) return null;
    const params = new URLSearchParams(base);
    params.set(key, formatCursor(cursor));
    return `/engagements?${params.toString()}`;
  };
  const filtered = QUERY_KEYS.some((k) => url.searchParams.get(k));
  const counted = countEngagements({ filters: query });
  return json({
    rows: page.rows,
    next: link("after", page.next),
    previous: link("before", page.previous),
    /** Exact up to totalCap; past it, totalCap + 1 ("More than …"). */
    total: counted.count,
    totalCap: counted.cap,
    values: Object.fromEntries(FILTER_KEYS.map((k) => [k, url.searchParams.get(k) ?? ""])) as Record<(typeof FILTER_KEYS)[number], string>,
    dates: { from: datePartsOf(Object.fromEntries(url.searchParams), "from"), to: datePartsOf(Object.fromEntries(url.searchParams), "to") },
    errors,
    filtered,
    organisations: listOrganisationOptions().map((o) => ({
      value: o.slug,
      label: shortAndFullName(o),
    })),
    themes: listThemeOptions(filters.theme ? [filters.theme] : []),
    canRecord: hasRole(user.role, "officer"),
  });
}

export default function Engagements() {
  const { rows, next, previous, total, totalCap, values, dates, errors, filtered, organisations, themes, canRecord } =
    useLoaderData<typeof loader>();
  const [organisation, setOrganisation] = useState(values.organisation);
  const selects: { name: (typeof FILTER_KEYS)[number]; label: string; options: Option[]; placeholder: string }[] = [
    { name: "organisationKind", label: "Kind of organisation", options: ORGANISATION_KIND_OPTIONS, placeholder: "Any" },
    { name: "kind", label: "Kind", options: ENGAGEMENT_KIND_OPTIONS, placeholder: "Any" },
    { name: "theme", label: "Theme", options: themes.map((t) => ({ value: String(t.id), label: t.name })), placeholder: "Any" },
    { name: "status", label: "Status", options: STATUS_OPTIONS, placeholder: "Any (not archived)" },
  ];
  return (
    <>
      <ErrorSummary errors={errors} order={[...FILTER_KEYS]} />
      <h1 className="govuk-heading-l">Engagements</h1>
      {canRecord ? <ButtonLink to="/engagements/new">Record an engagement</ButtonLink> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/engagements/themes">
          Themes
        </Link>
      </p>

      <FilterPanel heading="Filter engagements" headingClassName="govuk-heading-s" clear={filtered ? { to: "/engagements" } : null}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput
              name="q"
              label="Text"
              hint="Words in the title, purpose, summary or location"
              defaultValue={values.q}
              error={errors.q}
              type="search"
              autoComplete="off"
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <OrganisationPicker
              id={fieldId("organisation")}
              name="organisation"
              label="Organisation"
              error={errors.organisation}
              options={organisations}
              value={organisation}
              onChange={setOrganisation}
              placeholder="Any organisation"
            />
          </div>
        </div>
        <div className="app-field-row">
          <DateRangeFields dates={dates} errors={errors} />
          {selects.map((f) => (
            <Select key={f.name} {...f} defaultValue={values[f.name]} error={errors[f.name]} />
          ))}
        </div>
      </FilterPanel>

      <p className="govuk-body" role="status">
        {total > totalCap ? `More than ${pluralise(totalCap, "engagement")}` : pluralise(total, "engagement")}
        {filtered ? " match" : ""}, newest first.
      </p>

      {rows.length ? (
        <Table
          caption="Engagements, newest first"
          captionClasses="govuk-visually-hidden"
          head={["Date", "Engagement", "Kind", "Status", { text: "Open actions", format: "numeric" }]}
          rows={rows.map((r) => ({
            key: r.id,
            cells: [
              { classes: "app-nowrap", text: formatDate(r.date) },
              <>
                <Link className="govuk-link" to={`/engagements/${r.id}`}>
                  {r.title}
                </Link>
                <br />
                <span className="govuk-body-s app-timeline__meta">{r.organisations.map((o) => shortNameOf(o)).join(", ")}</span>
                {r.marking === "OFFICIAL-SENSITIVE" ? (
                  <span className="govuk-body-s">
                    {" "}
                    <strong>OFFICIAL-SENSITIVE</strong>
                  </span>
                ) : null}
              </>,
              ENGAGEMENT_KIND_LABELS[r.kind],
              { html: r.archivedAt ? <Tag colour="grey">Archived</Tag> : <EngagementStatusTag status={r.status} /> },
              { text: r.openActions, format: "numeric" },
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">{filtered ? "No engagements match these filters." : "No engagements have been recorded yet."}</p>
      )}
      <PrevNextPagination previous={previous} next={next} />
    </>
  );
}
