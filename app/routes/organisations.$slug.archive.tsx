import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveConfirmation } from "~/components/organisations/ArchiveConfirmation";
import { pageTitle, renderedAfterFailedPost } from "~/utils/page-title";
import { ConflictError, NotFoundError, RuleError } from "~/models/errors";
import { archiveOrganisation, getOrganisationBySlug, type Organisation } from "~/models/organisation.server";
import { formDataToObject, parseForm, type FormFailure } from "~/utils/forms";
import { badRequest, fieldError, notFound } from "~/utils/http.server";
import { redirectWithNotice, requireRole } from "~/utils/session.server";
import { archiveOrganisationSchema } from "~/validation/organisation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Archive ${data.organisation.name}` : "Archive organisation", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  return json({
    organisation: { slug: organisation.slug, name: organisation.name, version: organisation.version, archivedAt: organisation.archivedAt },
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const formData = await request.formData();
  const parsed = parseForm(archiveOrganisationSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const saved = archiveOrganisation(organisation.id, parsed.data.version, user.actor);
    return redirectWithNotice(`/organisations/${saved.slug}`, `${saved.name} archived`);
  } catch (error) {
    const values = formDataToObject(formData);
    if (error instanceof ConflictError) {
      const current = error.current as Organisation;
      return json<FormFailure & { conflict: { version: number } }>(
        {
          fieldErrors: { version: "Someone else changed this organisation since you opened this page. Check its details, then try again" },
          values,
          conflict: { version: current.version },
        },
        { status: 409 },
      );
    }
    if (error instanceof RuleError) return fieldError(error.field, error.message, values);
    if (error instanceof NotFoundError) notFound("Organisation");
    throw error;
  }
}

export default function ArchiveOrganisation() {
  const { organisation } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <ArchiveConfirmation archive={true} organisation={organisation} failure={failure} />;
}
