import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BackLink, Button, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { getContact, removeContact } from "~/models/contact.server";
import { getOrganisationBySlug } from "~/models/organisation/read.server";
import { notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Remove contact at ${data.organisation.name}` : "Remove contact") },
];

function findContact(params: { slug?: string; contactId?: string }) {
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const contact = getContact({ organisationId: organisation.id, contactId: requireIdParam(params.contactId, "Contact") });
  if (!contact) notFound("Contact");
  return { organisation, contact };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const { organisation, contact } = findContact(params);
  return json({
    organisation: { slug: organisation.slug, name: organisation.name },
    contact: { id: contact.id, name: contact.name, roleTitle: contact.roleTitle },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { organisation, contact } = findContact(params);
  try {
    await removeContact({ organisationId: organisation.id, contactId: contact.id, actor: user.actor });
  } catch (error) {
    return modelErrorResponse(error, { values: {}, notFound: "Contact" });
  }
  return redirectWithNotice(`/organisations/${organisation.slug}#contacts`, `Contact removed from ${organisation.name}`);
}

export default function RemoveContact() {
  const { organisation, contact } = useLoaderData<typeof loader>();
  const back = `/organisations/${organisation.slug}`;
  return (
    <>
      <BackLink to={back}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">{organisation.name}</span>
            Remove {contact.name}?
          </h1>
          {contact.roleTitle ? <p className="govuk-body">{contact.roleTitle}</p> : null}
          <WarningText>
            This erases their name, role, email address and phone number. It cannot be undone, and their details are also removed from the
            history.
          </WarningText>
          <p className="govuk-body">If they have only moved on, edit the contact and mark them as no longer in post instead.</p>
          <Form method="post">
            <div className="govuk-button-group">
              <Button variant="warning">Remove contact</Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </Form>
        </div>
      </div>
    </>
  );
}
