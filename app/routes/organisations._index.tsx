import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FilterPanel } from "~/components/filters/FilterPanel";
import { ButtonLink, Select, Table, Tag, TextInput } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { listNations, listOrganisations } from "~/models/organisation/read.server";
import { listLastEngagedDates } from "~/models/organisation/timeline.server";
import { formatDate, ORGANISATION_KIND_LABELS, organisationKindLabel, pluralise } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { requireUser } from "~/server/auth.server";
import { organisationFiltersSchema } from "~/forms/organisation.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Organisations") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = organisationFiltersSchema.parse(params);
  const organisations = listOrganisations({
    kind: filters.kind,
    nation: filters.nation,
    q: filters.q || undefined,
    includeArchived: filters.archived,
  });
  return json({
    organisations,
    lastEngaged: listLastEngagedDates({ organisationIds: organisations.map((o) => o.id) }),
    filters: { q: filters.q ?? "", kind: filters.kind ?? "", nation: filters.nation ?? "", archived: filters.archived },
    nations: listNations(),
    canEdit: hasRole(user.role, "officer"),
  });
}

const KIND_OPTIONS = Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }));

export default function OrganisationsList() {
  const { organisations, lastEngaged, filters, nations, canEdit } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.kind || filters.nation || filters.archived);
  return (
    <>
      <h1 className="govuk-heading-l">Organisations</h1>
      {canEdit ? <ButtonLink to="/organisations/new">Add an organisation</ButtonLink> : null}
      {/* A GET form: the filters live in the address, so a filtered list can be bookmarked and shared. */}
      <FilterPanel heading="Filter" label="Filter organisations" clear={filtered ? { to: "/organisations" } : null}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <TextInput
              name="q"
              label="Name or short name"
              type="search"
              defaultValue={filters.q}
              spellCheck={false}
              labelClassName="govuk-label--s"
            />
          </div>
          {[
            { name: "kind" as const, label: "Kind", options: KIND_OPTIONS, placeholder: "All kinds" },
            {
              name: "nation" as const,
              label: "Nation or country",
              options: nations.map((n) => ({ value: n, label: n })),
              placeholder: "All nations and countries",
            },
          ].map((f) => (
            <div className="govuk-grid-column-one-third" key={f.name}>
              <Select {...f} defaultValue={filters[f.name]} labelClassName="govuk-label--s" className="app-full-width" />
            </div>
          ))}
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="archived"
              name="archived"
              type="checkbox"
              value="show"
              defaultChecked={filters.archived}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="archived">
              Show archived organisations
            </label>
          </div>
        </div>
      </FilterPanel>

      <p className="govuk-body" role="status">
        {filtered
          ? `${pluralise(organisations.length, "organisation")} ${organisations.length === 1 ? "matches" : "match"} your filters`
          : pluralise(organisations.length, "organisation")}
      </p>

      {organisations.length ? (
        <Table
          caption="Organisations, by name"
          captionClasses="govuk-visually-hidden"
          head={["Name", "Short name", "Kind", "Nation or country", "Last engaged"]}
          rows={organisations.map((o) => ({
            key: o.id,
            cells: [
              <>
                {/* A plain link, not a Remix <Link>: one for each of 100+ rows ran its hooks on every render (decision 0026). */}
                <a className="govuk-link" href={`/organisations/${o.slug}`}>
                  {o.name}
                </a>
                {o.archivedAt ? (
                  <>
                    {" "}
                    <Tag colour="grey">Archived</Tag>
                  </>
                ) : null}
              </>,
              o.shortName,
              organisationKindLabel(o.kind),
              o.nation,
              { classes: "app-nowrap", text: lastEngaged[o.id] ? formatDate(lastEngaged[o.id]) : "Never" },
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No organisations match. Try a shorter search, or clear the filters.</p>
      )}
    </>
  );
}
