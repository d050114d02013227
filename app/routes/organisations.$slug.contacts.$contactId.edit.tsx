import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ConflictNotice, type ConflictChange } from "~/components/organisations/ConflictNotice";
import { ContactForm } from "~/components/organisations/ContactForm";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { describeContactConflict, getContact, updateContact, type Contact } from "~/models/contact.server";
import { getOrganisationBySlug } from "~/models/organisation/read.server";
import { formDataToObject, parseForm, type FormFailure } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { editContactSchema } from "~/forms/contact";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit contact at ${data.organisation.name}` : "Edit contact", data?.hasErrors) },
];

/** The organisation and one of its own contacts, or a 404 (a contact of another organisation is not found here). */
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
    contact: { id: contact.id, name: contact.name, version: contact.version },
    initial: {
      name: contact.name,
      roleTitle: contact.roleTitle ?? "",
      email: contact.email ?? "",
      phone: contact.phone ?? "",
      inPost: contact.inPost ? "yes" : "no",
    },
    hasErrors: renderedAfterFailedPost(request),
  });
}

type EditFailure = FormFailure & { conflict?: { version: number; changes: ConflictChange[] } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { organisation, contact } = findContact(params);
  const formData = await request.formData();
  const parsed = parseForm(editContactSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const { version, ...fields } = parsed.data;
  const input = { ...fields, inPost: fields.inPost === "yes" };
  try {
    await updateContact({ organisationId: organisation.id, contactId: contact.id, version, input, actor: user.actor });
    return redirectWithNotice(`/organisations/${organisation.slug}#contacts`, "Contact updated");
  } catch (error) {
    return modelErrorResponse(error, {
      values: formDataToObject(formData),
      notFound: "Contact",
      conflict: (current: Contact) =>
        json<EditFailure>(
          {
            fieldErrors: {},
            values: formDataToObject(formData),
            conflict: { version: current.version, changes: describeContactConflict({ current, submitted: input }) },
          },
          { status: 409 },
        ),
    });
  }
}

export default function EditContact() {
  const { organisation, contact, initial } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EditFailure | undefined;
  const back = `/organisations/${organisation.slug}`;
  return (
    <>
      <BackLink to={back}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ContactForm
            key={failure?.conflict?.version ?? contact.version}
            mode="edit"
            heading={
              <h1 className="govuk-heading-l">
                <span className="govuk-caption-l">{organisation.name}</span>
                Edit contact
              </h1>
            }
            intro={failure?.conflict ? <ConflictNotice what="contact" changes={failure.conflict.changes} /> : null}
            initial={initial}
            failure={failure}
            version={failure?.conflict?.version ?? contact.version}
            submitLabel="Save changes"
            cancelTo={back}
          />
        </div>
      </div>
    </>
  );
}
