import { newCreateKey } from "~/models/create-keys.server";
import { createKeyOf } from "~/forms/field-checks";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { OrganisationForm } from "~/components/organisations/OrganisationForm";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { listOrganisationOptions } from "~/models/organisation/read.server";
import { createOrganisation } from "~/models/organisation/write.server";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newOrganisationSchema } from "~/forms/organisation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Add an organisation", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const options = listOrganisationOptions();
  return json({
    createKey: newCreateKey(),
    parentOptions: options,
    forceOptions: options.filter((o) => o.kind === "police_force"),
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const parsed = parseForm(newOrganisationSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const organisation = await createOrganisation({ input: parsed.data, actor: user.actor, createKey: createKeyOf(formData) });
    return redirectWithNotice(`/organisations/${organisation.slug}`, `${organisation.name} added`);
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData) });
  }
}

export default function NewOrganisation() {
  const { createKey, parentOptions, forceOptions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <BackLink to="/organisations">Back to organisations</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <OrganisationForm
            heading={<h1 className="govuk-heading-l">Add an organisation</h1>}
            mode="new"
            createKey={createKey}
            failure={failure}
            parentOptions={parentOptions}
            forceOptions={forceOptions}
            submitLabel="Add organisation"
            cancelTo="/organisations"
          />
        </div>
      </div>
    </>
  );
}
