import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { organisationIdsIn, readableEvent } from "~/components/organisations/history";
import { pageTitle } from "~/utils/page-title";
import { getOrganisationBySlug, listOrganisationHistory, organisationNamesById } from "~/models/organisation.server";
import { notFound } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `History of ${data.organisation.name}` : "History") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const events = listOrganisationHistory(organisation.id);
  const names = organisationNamesById(organisationIdsIn(events));
  return json({
    organisation: { slug: organisation.slug, name: organisation.name },
    events: events.map((e) => readableEvent(e, names)),
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
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Changes to {organisation.name}, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header govuk-!-width-one-quarter">
                When
              </th>
              <th scope="col" className="govuk-table__header">
                Who
              </th>
              <th scope="col" className="govuk-table__header">
                What changed
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {events.map((e) => (
              <tr className="govuk-table__row" key={e.id}>
                <td className="govuk-table__cell">{e.when}</td>
                <td className="govuk-table__cell app-break-anywhere">{e.who}</td>
                <td className="govuk-table__cell">
                  <p className="govuk-body govuk-!-margin-bottom-1">{e.summary}</p>
                  {e.erased ? <p className="govuk-hint govuk-!-margin-bottom-0">Details erased when the contact was removed</p> : null}
                  {e.changes.length ? (
                    <dl className="app-change-list">
                      {e.changes.map((c) => (
                        <div key={c.label} className="app-change-list__row">
                          <dt className="app-change-list__key">{c.label}</dt>
                          <dd className="app-change-list__value app-prewrap">
                            {e.recorded ? (
                              c.after
                            ) : c.before !== null || c.after !== null ? (
                              <>
                                <span className="govuk-visually-hidden">changed from </span>
                                {c.before !== null ? <span className="app-change-list__before">{c.before}</span> : <span className="app-change-list__empty">(empty)</span>}
                                <span aria-hidden="true"> → </span>
                                <span className="govuk-visually-hidden"> to </span>
                                {c.after !== null ? c.after : <span className="app-change-list__empty">(empty)</span>}
                              </>
                            ) : null}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">No changes recorded yet. Reference organisations loaded at setup have no history until someone edits them.</p>
      )}
    </>
  );
}
