import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import govukCss from "~/styles/govuk-frontend.generated.css";
import { groupedPrintParts, ReportPrintIntro } from "~/components/reports/ReportPrint";
import { reportEngagementsGrouped } from "~/models/report/engagements.server";
import appCss from "~/styles/app.css";
import { quickExitUrl } from "~/server/env.server";
import { printResponse } from "~/exports/print.server";
import { parseReportQuery, refuseOversizedSummary, summaryReportIntro } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";

/**
 * The report as one printable page (print it, or save it as a PDF from the browser). Streamed a batch of
 * engagements at a time; not an attachment.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const parsed = parseReportQuery(url.searchParams);
  // A page, so a bad query goes back to the builder, which shows what is wrong.
  if (!parsed.ok) throw redirect(`/reports?${url.searchParams.toString()}`);
  const { filters } = parsed;
  refuseOversizedSummary(parsed, "print");
  const { today, statistics, description } = await summaryReportIntro(user.actor, parsed, "print");
  const part = groupedPrintParts(today);
  function* parts() {
    yield <ReportPrintIntro description={description} statistics={statistics} today={today} preparedBy={user.name} />;
    for (const batch of reportEngagementsGrouped({ filters })) yield part(batch);
  }
  return printResponse(
    {
      title: `${statistics.marking} engagement summary ${filters.from} to ${filters.to} – Stakeholder Engagement Tracker`,
      marking: statistics.marking,
      stylesheets: [govukCss, appCss],
      back: { href: `/reports?${parsed.query}`, text: "Back to the report builder" },
      exitUrl: quickExitUrl(),
    },
    parts(),
  );
}
