import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ContactForm } from "~/components/organisations/ContactForm";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { addContact } from "~/models/contact.server";
import { getOrganisationBySlug } from "~/models/organisation/read.server";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { badRequest, notFound } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newContactSchema } from "~/forms/contact";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Add a contact at ${data.organisation.name}` : "Add a contact", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  return json({ organisation: { slug: organisation.slug, name: organisation.name }, hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const formData = await request.formData();
  const parsed = parseForm(newContactSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    await addContact({
      organisationId: organisation.id,
      input: { ...parsed.data, inPost: parsed.data.inPost === "yes" },
      actor: user.actor,
    });
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Organisation" });
  }
  return redirectWithNotice(`/organisations/${organisation.slug}#contacts`, `Contact added to ${organisation.name}`);
}

export default function NewContact() {
  const { organisation } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const back = `/organisations/${organisation.slug}`;
  return (
    <>
      <BackLink to={back}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ContactForm
            mode="new"
            heading={
              <h1 className="govuk-heading-l">
                <span className="govuk-caption-l">{organisation.name}</span>
                Add a contact
              </h1>
            }
            intro={
              <p className="govuk-body">
                Record a person or post you deal with. Their details are personal data: keep only what the office needs.
              </p>
            }
            initial={{ inPost: "yes" }}
            failure={failure}
            submitLabel="Add contact"
            cancelTo={back}
          />
        </div>
      </div>
    </>
  );
}
