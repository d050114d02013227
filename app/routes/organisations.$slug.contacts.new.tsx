import { newCreateKey } from "~/models/create-keys.server";
import { createKeyOf } from "~/forms/field-checks";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ContactForm } from "~/components/organisations/ContactForm";
import { OrganisationHeading, OrganisationSubpage } from "~/components/organisations/OrganisationSubpage";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { addContact } from "~/models/contact.server";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newContactSchema } from "~/forms/contact.server";
import { requireOrganisation } from "~/routes/__organisation-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Add a contact at ${data.organisation.name}` : "Add a contact", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  return json({
    organisation: { slug: organisation.slug, name: organisation.name },
    createKey: newCreateKey(),
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  const formData = await request.formData();
  const parsed = parseForm(newContactSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    await addContact({
      organisationId: organisation.id,
      input: { ...parsed.data, inPost: parsed.data.inPost === "yes" },
      actor: user.actor,
      createKey: createKeyOf(formData),
    });
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Organisation" });
  }
  return redirectWithNotice(`/organisations/${organisation.slug}#contacts`, `Contact added to ${organisation.name}`);
}

export default function NewContact() {
  const { organisation, createKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <OrganisationSubpage organisation={organisation}>
      <ContactForm
        mode="new"
        createKey={createKey}
        heading={<OrganisationHeading organisation={organisation}>Add a contact</OrganisationHeading>}
        intro={
          <p className="govuk-body">
            Record a person or post you deal with. Their details are personal data: keep only what the office needs.
          </p>
        }
        initial={{ inPost: "yes" }}
        failure={failure}
        submitLabel="Add contact"
        cancelTo={`/organisations/${organisation.slug}`}
      />
    </OrganisationSubpage>
  );
}
