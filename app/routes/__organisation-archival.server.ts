import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ConflictError, NotFoundError, RuleError } from "~/models/errors";
import { archiveOrganisation, getOrganisationBySlug, restoreOrganisation, type Organisation } from "~/models/organisation.server";
import { formDataToObject, parseForm, type FormFailure } from "~/forms/form-data";
import { badRequest, fieldError, notFound } from "~/server/http.server";
import { renderedAfterFailedPost } from "~/components/page-title";
import { redirectWithNotice, requireRole } from "~/server/session.server";
import { archiveOrganisationSchema } from "~/forms/organisation";

// The archive and restore pages are the same confirmation, differing only in the change they make.
export type Archival = "archive" | "restore";

const change = {
  archive: { apply: archiveOrganisation, done: "archived" },
  restore: { apply: restoreOrganisation, done: "restored" },
} as const;

export async function loadOrganisationArchival({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  return json({
    organisation: { slug: organisation.slug, name: organisation.name, version: organisation.version, archivedAt: organisation.archivedAt },
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function changeOrganisationArchival(archival: Archival, { request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  const formData = await request.formData();
  const parsed = parseForm(archiveOrganisationSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const saved = change[archival].apply(organisation.id, parsed.data.version, user.actor);
    return redirectWithNotice(`/organisations/${saved.slug}`, `${saved.name} ${change[archival].done}`);
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
