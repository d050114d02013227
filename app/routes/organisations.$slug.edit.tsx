import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ConflictNotice } from "~/components/organisations/ConflictNotice";
import { OrganisationForm } from "~/components/organisations/OrganisationForm";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { getOrganisationBySlug, listOrganisationOptions, type Organisation } from "~/models/organisation/read.server";
import { describeOrganisationConflict, updateOrganisation } from "~/models/organisation/write.server";
import { formDataToObject, parseForm, type FormFailure } from "~/forms/form-data";
import { badRequest, notFound } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { editOrganisationSchema } from "~/forms/organisation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.organisation.name}` : "Edit organisation", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
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

type EditFailure = FormFailure & { conflict?: { version: number; changes: ReturnType<typeof describeOrganisationConflict> } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
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
        json<EditFailure>(
          {
            fieldErrors: {},
            values,
            conflict: { version: current.version, changes: describeOrganisationConflict({ current, submitted: input }) },
          },
          { status: 409 },
        ),
    });
  }
}

export default function EditOrganisation() {
  const { organisation, initial, parentOptions, forceOptions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EditFailure | undefined;
  const back = `/organisations/${organisation.slug}`;
  return (
    <>
      <BackLink to={back}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <OrganisationForm
            key={failure?.conflict?.version ?? organisation.version}
            mode="edit"
            heading={
              <h1 className="govuk-heading-l">
                <span className="govuk-caption-l">{organisation.name}</span>
                Edit details
              </h1>
            }
            intro={failure?.conflict ? <ConflictNotice what="organisation" changes={failure.conflict.changes} /> : null}
            initial={initial}
            failure={failure}
            version={failure?.conflict?.version ?? organisation.version}
            parentOptions={parentOptions}
            forceOptions={forceOptions}
            submitLabel="Save changes"
            cancelTo={back}
          />
        </div>
      </div>
    </>
  );
}
