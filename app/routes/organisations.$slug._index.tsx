import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrganisationAtAGlance, OrganisationTimeline } from "~/components/engagements/OrganisationTimeline";
import { ButtonLink, SummaryList, Table, Tag } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { listContacts } from "~/models/contact.server";
import { getOrganisationBySlug } from "~/models/organisation/read.server";
import { getOrganisationEngagementSummary } from "~/models/organisation/timeline.server";
import { recommendationsOfOrganisation } from "~/models/recommendation/read.server";
import { OrganisationRecommendations } from "~/components/recommendations/OrganisationRecommendations";
import { formatDate, organisationKindLabel } from "~/domain/format";
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";
import { notFound } from "~/server/http.server";
import { hasRole } from "~/domain/permissions";
import { requireUser } from "~/server/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? shortNameOf(data.organisation) : "Organisation") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  return json({
    organisation,
    contacts: listContacts(organisation.id),
    canEdit: hasRole(user.role, "officer"),
    engagements: getOrganisationEngagementSummary({ organisationId: organisation.id }),
    recommendations: recommendationsOfOrganisation({ organisationId: organisation.id }),
  });
}

type Related = { slug: string; name: string; shortName: string | null; archivedAt: string | null };

function OrganisationLink({ org }: { org: Related }) {
  return (
    <>
      <Link className="govuk-link" to={`/organisations/${org.slug}`} title={fullNameBeyondShort(org) ?? undefined}>
        {shortNameOf(org)}
      </Link>
      {org.archivedAt ? " (archived)" : null}
    </>
  );
}

/** A website as the reference data holds it ("europol.europa.eu") or as a full address. */
function websiteHref(website: string): string {
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

export default function OrganisationPage() {
  const { organisation: org, contacts, canEdit, engagements, recommendations } = useLoaderData<typeof loader>();
  const base = `/organisations/${org.slug}`;
  const fullName = fullNameBeyondShort(org);
  const view = { slug: org.slug, name: shortNameOf(org), archived: Boolean(org.archivedAt) };
  return (
    <>
      <span className="govuk-caption-l">{organisationKindLabel(org.kind)}</span>
      <h1 className={`govuk-heading-l${fullName ? " govuk-!-margin-bottom-2" : ""}`}>
        {shortNameOf(org)}
        {org.archivedAt ? (
          <>
            {" "}
            <Tag colour="grey">Archived</Tag>
          </>
        ) : null}
      </h1>
      {fullName ? <p className="govuk-body-l app-organisation-full-name">{fullName}</p> : null}
      {org.archivedAt ? (
        <div className="govuk-inset-text">
          Archived on {formatDate(org.archivedAt)}. It is hidden from pickers on forms; its details, contacts and history are kept.
        </div>
      ) : null}
      {canEdit ? (
        <ul className="govuk-list app-action-links">
          <li>
            <Link className="govuk-link" to={`${base}/edit`}>
              Edit details<span className="govuk-visually-hidden"> of {view.name}</span>
            </Link>
          </li>
          <li>
            {org.archivedAt ? (
              <Link className="govuk-link" to={`${base}/restore`}>
                Restore<span className="govuk-visually-hidden"> {view.name}</span>
              </Link>
            ) : (
              <Link className="govuk-link" to={`${base}/archive`}>
                Archive<span className="govuk-visually-hidden"> {view.name}</span>
              </Link>
            )}
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/history`}>
              History<span className="govuk-visually-hidden"> of {view.name}</span>
            </Link>
          </li>
        </ul>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/history`}>
            History<span className="govuk-visually-hidden"> of {view.name}</span>
          </Link>
        </p>
      )}

      <OrganisationAtAGlance organisation={view} data={engagements} canRecord={canEdit} />
      <OrganisationTimeline organisation={view} data={engagements} />
      <OrganisationRecommendations name={shortNameOf(org)} slug={org.slug} organisationId={org.id} rows={recommendations} />

      <h2 className="govuk-heading-m govuk-!-margin-top-6">Details</h2>
      <SummaryList
        rows={[
          { key: "Name", value: org.name },
          { key: "Short name", value: org.shortName || <span className="govuk-hint govuk-!-margin-0">None</span> },
          { key: "Kind", value: organisationKindLabel(org.kind) },
          { key: "Nation or country", value: org.nation },
          { key: "Parent body", value: org.parent ? <OrganisationLink org={org.parent} /> : "None" },
          org.children.length > 0 && {
            key: "Child bodies",
            value: (
              <ul className="govuk-list">
                {org.children.map((child) => (
                  <li key={child.id}>
                    <OrganisationLink org={child} />
                  </li>
                ))}
              </ul>
            ),
          },
          org.kind === "pcc" && { key: "Oversees", value: org.force ? <OrganisationLink org={org.force} /> : "Not recorded" },
          org.kind === "police_force" && {
            key: "Local policing body",
            value: org.policingBodies.length ? (
              <ul className="govuk-list">
                {org.policingBodies.map((body) => (
                  <li key={body.id}>
                    <OrganisationLink org={body} />
                  </li>
                ))}
              </ul>
            ) : (
              "Not recorded"
            ),
          },
          {
            key: "Website",
            value: org.website ? (
              <a className="govuk-link" href={websiteHref(org.website)} rel="noreferrer noopener" target="_blank">
                {org.website} (opens in new tab)
              </a>
            ) : (
              "None"
            ),
          },
          { key: "Notes", value: org.notes ? <p className="govuk-body app-prewrap govuk-!-margin-0">{org.notes}</p> : "None" },
        ]}
      />

      <h2 className="govuk-heading-m" id="contacts">
        Contacts
      </h2>
      {contacts.length ? (
        <Table
          caption={`Contacts at ${view.name}`}
          captionClasses="govuk-visually-hidden"
          head={["Name", "Role", "Email and phone", "In post", canEdit && <span className="govuk-visually-hidden">Actions</span>]}
          rows={contacts.map((c) => ({
            key: c.id,
            cells: [
              c.name,
              c.roleTitle,
              {
                classes: "app-break-anywhere",
                html: (
                  <>
                    {c.email ? (
                      <a className="govuk-link" href={`mailto:${c.email}`}>
                        {c.email}
                      </a>
                    ) : null}
                    {c.email && c.phone ? <br /> : null}
                    {c.phone}
                  </>
                ),
              },
              { html: c.inPost ? <Tag colour="green">In post</Tag> : <Tag colour="grey">Left post</Tag> },
              canEdit && {
                classes: "app-nowrap",
                html: (
                  <>
                    <Link className="govuk-link govuk-!-margin-right-3" to={`${base}/contacts/${c.id}/edit`}>
                      Edit<span className="govuk-visually-hidden"> {c.name}</span>
                    </Link>
                    <Link className="govuk-link" to={`${base}/contacts/${c.id}/remove`}>
                      Remove<span className="govuk-visually-hidden"> {c.name}</span>
                    </Link>
                  </>
                ),
              },
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No contacts recorded yet.</p>
      )}
      {canEdit ? (
        <ButtonLink to={`${base}/contacts/new`} variant="secondary">
          Add a contact
        </ButtonLink>
      ) : null}
    </>
  );
}
