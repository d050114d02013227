import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveEngagement } from "~/components/engagements/ArchiveEngagement";
import { pageTitle, renderedAfterFailedPost } from "~/utils/page-title";
import { restoreEngagement, getEngagementVersion, type Engagement } from "~/models/engagement.server";
import { ConflictError, NotFoundError } from "~/models/errors";
import { formDataToObject, parseForm, type FormFailure } from "~/utils/forms";
import { badRequest, notFound, requireIdParam } from "~/utils/http.server";
import { redirectWithNotice, requireRole } from "~/utils/session.server";
import { engagementVersionSchema } from "~/validation/engagement";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Restore engagement", data?.hasErrors) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementVersion(id);
  if (!engagement) notFound("Engagement");
  return json({ engagement, hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const formData = await request.formData();
  const parsed = parseForm(engagementVersionSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const saved = restoreEngagement(id, parsed.data.version, user.actor);
    return redirectWithNotice(`/engagements/${saved.id}`, { title: "Success", message: `Engagement “${saved.title}” restored` });
  } catch (error) {
    if (error instanceof NotFoundError) notFound("Engagement");
    if (error instanceof ConflictError) {
      const current = error.current as Engagement;
      return json<FormFailure & { conflict: { version: number } }>(
        {
          fieldErrors: { version: "Someone else changed this engagement since you opened this page. Check it, then try again" },
          values: formDataToObject(formData),
          conflict: { version: current.version },
        },
        { status: 409 },
      );
    }
    throw error;
  }
}

export default function RestoreEngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <ArchiveEngagement archive={false} engagement={engagement} failure={failure} />;
}
