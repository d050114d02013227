import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { editFormProps, type EditFailure } from "~/components/organisations/ConflictNotice";
import { OrganisationForm } from "~/components/organisations/OrganisationForm";
import { OrganisationHeading, OrganisationSubpage } from "~/components/organisations/OrganisationSubpage";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { listOrganisationOptions, type Organisation } from "~/models/organisation/read.server";
import { describeOrganisationConflict, updateOrganisation } from "~/models/organisation/write.server";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { editOrganisationSchema } from "~/forms/organisation.server";
import { editConflict, requireOrganisation } from "~/routes/__organisation-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.organisation.name}` : "Edit organisation", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  // Pickers offer bodies in use; a link already made to an archived body stays selectable.
  const options = listOrganisationOptions();
  const keep = (o: { id: number; name: string; shortName: string | null; archivedAt: string | null } | null) =>
    o && o.archivedAt && !options.some((x) => x.id === o.id) ? [{ ...o, name: `${o.name} (archived)` }] : [];
  const parentOptions = [...options.filter((o) => o.id !== organisation.id), ...keep(organisation.parent)];
  const forceOptions = [...options.filter((o) => o.kind === "police_force"), ...keep(organisation.force)];
  return json({
    organisation: {
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      version: organisation.version,
    },
    initial: {
      name: organisation.name,
      shortName: organisation.shortName ?? "",
      kind: organisation.kind,
      nation: organisation.nation,
      parentId: organisation.parentId ? String(organisation.parentId) : "",
      forceId: organisation.forceId ? String(organisation.forceId) : "",
      website: organisation.website ?? "",
      notes: organisation.notes ?? "",
    },
    parentOptions,
    forceOptions,
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  const formData = await request.formData();
  const parsed = parseForm(editOrganisationSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const { version, ...input } = parsed.data;
  try {
    const saved = await updateOrganisation({ id: organisation.id, version, input, actor: user.actor });
    return redirectWithNotice(`/organisations/${saved.slug}`, `${saved.name} updated`);
  } catch (error) {
    const values = formDataToObject(formData);
    return modelErrorResponse(error, {
      values,
      notFound: "Organisation",
      conflict: (current: Organisation) =>
        editConflict(values, current.version, describeOrganisationConflict({ current, submitted: input })),
    });
  }
}

export default function EditOrganisation() {
  const { organisation, initial, parentOptions, forceOptions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EditFailure | undefined;
  const edit = editFormProps("organisation", organisation.version, failure);
  return (
    <OrganisationSubpage organisation={organisation}>
      <OrganisationForm
        key={edit.version}
        {...edit}
        heading={<OrganisationHeading organisation={organisation}>Edit details</OrganisationHeading>}
        initial={initial}
        parentOptions={parentOptions}
        forceOptions={forceOptions}
        cancelTo={`/organisations/${organisation.slug}`}
      />
    </OrganisationSubpage>
  );
}
