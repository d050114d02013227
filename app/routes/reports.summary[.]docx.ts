import type { LoaderFunctionArgs } from "@remix-run/node";
import { DOCX_CONTENT_TYPE } from "~/exports/docx.server";
import { exportHeaders, periodFileName, toWebStream } from "~/exports/export.server";
import { reportDocxChunks } from "~/routes/__report-docx-job.server";
import { invalidReportResponse, parseReportQuery, refuseOversizedSummary, summaryReportIntro } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";
import { recommendationsOfPeriod } from "~/models/recommendation/figures.server";

/** The report as a Word document: title page, statistics, engagements grouped by kind of organisation and organisation. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseReportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return invalidReportResponse(parsed.fieldErrors);
  const { filters } = parsed;
  refuseOversizedSummary(parsed, "docx");
  const { today, statistics, description } = await summaryReportIntro(user.actor, parsed, "docx");
  const document = reportDocxChunks({
    filters,
    description,
    statistics,
    today,
    preparedBy: user.name,
    recommendations: recommendationsOfPeriod({ from: filters.from, to: filters.to, marking: statistics.marking }),
  });
  return new Response(toWebStream(document), {
    headers: exportHeaders(DOCX_CONTENT_TYPE, periodFileName(statistics.marking, "engagement summary", filters.from, filters.to, "docx")),
  });
}
