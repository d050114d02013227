import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEngagementForExport } from "~/models/report/engagements.server";
import { recordEngagementExport } from "~/models/report/export-audit.server";
import { todayInUk } from "~/domain/dates";
import { DOCX_CONTENT_TYPE } from "~/exports/docx.server";
import { exportHeaders } from "~/exports/export.server";
import { notFound, requireIdParam } from "~/server/http.server";
import { engagementDocx } from "~/exports/report-document.server";
import { requireUser } from "~/server/auth.server";

/** One engagement as a Word document, everything included. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementForExport(id);
  if (!engagement) notFound("Engagement");
  await recordEngagementExport({ actor: user.actor, engagement, format: "docx" });
  const document = await engagementDocx(engagement, todayInUk(), user.name);
  return new Response(new Uint8Array(document), {
    headers: exportHeaders(DOCX_CONTENT_TYPE, `${engagement.marking} engagement ${engagement.date} ${engagement.title.slice(0, 80)}.docx`),
  });
}
