import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { Organisation } from "~/models/organisation/read.server";
import { archiveOrganisation, restoreOrganisation } from "~/models/organisation/write.server";
import { formDataToObject, parseForm, type FormFailure } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { renderedAfterFailedPost } from "~/components/page-title";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { archiveOrganisationSchema } from "~/forms/organisation";
import { requireOrganisation } from "~/routes/__organisation-pages.server";

// The archive and restore pages are the same confirmation, differing only in the change they make.
export type Archival = "archive" | "restore";

const change = {
  archive: { apply: archiveOrganisation, done: "archived" },
  restore: { apply: restoreOrganisation, done: "restored" },
} as const;

export async function loadOrganisationArchival({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  return json({
    organisation: { slug: organisation.slug, name: organisation.name, version: organisation.version, archivedAt: organisation.archivedAt },
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function changeOrganisationArchival(archival: Archival, { request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const organisation = requireOrganisation(params);
  const formData = await request.formData();
  const parsed = parseForm(archiveOrganisationSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const saved = await change[archival].apply({ id: organisation.id, version: parsed.data.version, actor: user.actor });
    return redirectWithNotice(`/organisations/${saved.slug}`, `${saved.name} ${change[archival].done}`);
  } catch (error) {
    const values = formDataToObject(formData);
    return modelErrorResponse(error, {
      values,
      notFound: "Organisation",
      conflict: (current: Organisation) =>
        json<FormFailure & { conflict: { version: number } }>(
          {
            fieldErrors: {
              version: "Someone else changed this organisation since you opened this page. Check its details, then try again",
            },
            values,
            conflict: { version: current.version },
          },
          { status: 409 },
        ),
    });
  }
}
