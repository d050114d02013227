import type { LoaderFunctionArgs } from "@remix-run/node";
import govukCss from "~/styles/govuk-frontend.generated.css";
import { EngagementReport } from "~/components/reports/EngagementReport";
import { getEngagementForExport } from "~/models/report/engagements.server";
import { recordEngagementExport } from "~/models/report/export-audit.server";
import appCss from "~/styles/app.css";
import { todayInUk } from "~/domain/dates";
import { quickExitUrl } from "~/server/env.server";
import { formatDate } from "~/domain/format";
import { notFound, requireIdParam } from "~/server/http.server";
import { printResponse } from "~/exports/print.server";
import { requireUser } from "~/server/auth.server";

/** One engagement as a printable page, everything included. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementForExport(id);
  if (!engagement) notFound("Engagement");
  await recordEngagementExport({ actor: user.actor, engagement, format: "print" });
  const today = todayInUk();
  return printResponse(
    {
      title: `${engagement.marking} ${engagement.title} – Stakeholder Engagement Tracker`,
      marking: engagement.marking,
      stylesheets: [govukCss, appCss],
      back: { href: `/engagements/${engagement.id}`, text: "Back to the engagement" },
      exitUrl: quickExitUrl(),
    },
    [
      <>
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">Engagement of {formatDate(engagement.date)}</span>
          {engagement.title}
        </h1>
        <EngagementReport engagement={engagement} level={2} today={today} showTitle={false} />
      </>,
    ],
  );
}
