import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ChangeHistoryTable } from "~/components/history/ChangeHistoryTable";
import { organisationIdsIn, readableEvent } from "~/components/organisations/history";
import { pageTitle } from "~/components/page-title";
import { getOrganisationBySlug, listOrganisationHistory, organisationNamesById } from "~/models/organisation/read.server";
import { notFound } from "~/server/http.server";
import { staffNamesById } from "~/models/staff-names.server";
import { shortNameOf } from "~/domain/organisation-names";
import { requireUser } from "~/server/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `History of ${data.organisation.name}` : "History") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const events = listOrganisationHistory({ organisationId: organisation.id });
  const names = organisationNamesById(organisationIdsIn(events));
  const actors = staffNamesById(events.map((e) => e.actorUserId));
  return json({
    organisation: { slug: organisation.slug, name: shortNameOf(organisation) },
    events: events.map((e) => readableEvent(e, names, actors)),
  });
}

export default function OrganisationHistory() {
  const { organisation, events } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to={`/organisations/${organisation.slug}`}>Back to {organisation.name}</BackLink>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{organisation.name}</span>
        History
      </h1>
      <p className="govuk-body">Every change to this organisation and its contacts, newest first.</p>
      {events.length ? (
        <ChangeHistoryTable
          caption={`Changes to ${organisation.name}, newest first`}
          events={events.map((e) => ({ ...e, note: e.erased ? "Details erased when the contact was removed" : null }))}
        />
      ) : (
        <p className="govuk-body">
          No changes recorded yet. Reference organisations loaded at setup have no history until someone edits them.
        </p>
      )}
    </>
  );
}
