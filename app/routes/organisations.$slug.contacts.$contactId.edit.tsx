import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { editFormProps, type EditFailure } from "~/components/organisations/ConflictNotice";
import { ContactForm } from "~/components/organisations/ContactForm";
import { OrganisationHeading, OrganisationSubpage } from "~/components/organisations/OrganisationSubpage";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { describeContactConflict, updateContact, type Contact } from "~/models/contact.server";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { editContactSchema } from "~/forms/contact.server";
import { editConflict, requireContact } from "~/routes/__organisation-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit contact at ${data.organisation.name}` : "Edit contact", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const { organisation, contact } = requireContact(params);
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { organisation, contact } = requireContact(params);
  const formData = await request.formData();
  const parsed = parseForm(editContactSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const { version, ...fields } = parsed.data;
  const input = { ...fields, inPost: fields.inPost === "yes" };
  try {
    await updateContact({ organisationId: organisation.id, contactId: contact.id, version, input, actor: user.actor });
    return redirectWithNotice(`/organisations/${organisation.slug}#contacts`, "Contact updated");
  } catch (error) {
    const values = formDataToObject(formData);
    return modelErrorResponse(error, {
      values,
      notFound: "Contact",
      conflict: (current: Contact) => editConflict(values, current.version, describeContactConflict({ current, submitted: input })),
    });
  }
}

export default function EditContact() {
  const { organisation, contact, initial } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EditFailure | undefined;
  const edit = editFormProps("contact", contact.version, failure);
  return (
    <OrganisationSubpage organisation={organisation}>
      <ContactForm
        key={edit.version}
        {...edit}
        heading={<OrganisationHeading organisation={organisation}>Edit contact</OrganisationHeading>}
        initial={initial}
        cancelTo={`/organisations/${organisation.slug}`}
      />
    </OrganisationSubpage>
  );
}
