import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, WarningText } from "~/components/govuk";
import { OrganisationHeading, OrganisationSubpage } from "~/components/organisations/OrganisationSubpage";
import { pageTitle } from "~/components/page-title";
import { removeContact } from "~/models/contact.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { requireContact } from "~/routes/__organisation-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Remove contact at ${data.organisation.name}` : "Remove contact") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const { organisation, contact } = requireContact(params);
  return json({
    organisation: { slug: organisation.slug, name: organisation.name },
    contact: { id: contact.id, name: contact.name, roleTitle: contact.roleTitle },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { organisation, contact } = requireContact(params);
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
    <OrganisationSubpage organisation={organisation}>
      <OrganisationHeading organisation={organisation}>Remove {contact.name}?</OrganisationHeading>
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
    </OrganisationSubpage>
  );
}
