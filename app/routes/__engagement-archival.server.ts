import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { Engagement } from "~/models/engagement/aggregate.server";
import { getEngagementVersion } from "~/models/engagement/read.server";
import { archiveEngagement, restoreEngagement } from "~/models/engagement/write.server";
import { formDataToObject, parseForm, type FormFailure } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { renderedAfterFailedPost } from "~/components/page-title";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { engagementVersionSchema } from "~/forms/engagement";

// The archive and restore pages are the same confirmation, differing only in the change they make.
export type Archival = "archive" | "restore";

const change = {
  archive: { apply: archiveEngagement, done: "archived" },
  restore: { apply: restoreEngagement, done: "restored" },
} as const;

export async function loadEngagementArchival({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementVersion(id);
  if (!engagement) notFound("Engagement");
  return json({ engagement, hasErrors: renderedAfterFailedPost(request) });
}

export async function changeEngagementArchival(archival: Archival, { request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const formData = await request.formData();
  const parsed = parseForm(engagementVersionSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const saved = await change[archival].apply({ id, version: parsed.data.version, actor: user.actor });
    return redirectWithNotice(`/engagements/${saved.id}`, {
      title: "Success",
      message: `Engagement “${saved.title}” ${change[archival].done}`,
    });
  } catch (error) {
    return modelErrorResponse(error, {
      values: formDataToObject(formData),
      notFound: "Engagement",
      conflict: (current: Engagement) =>
        json<FormFailure & { conflict: { version: number } }>(
          {
            fieldErrors: { version: "Someone else changed this engagement since you opened this page. Check it, then try again" },
            values: formDataToObject(formData),
            conflict: { version: current.version },
          },
          { status: 409 },
        ),
    });
  }
}
