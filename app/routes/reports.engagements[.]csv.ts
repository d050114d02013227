import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  countReportEngagements,
  describeReportFilters,
  filtersInOneLine,
  recordReportExport,
  reportEngagementsByDate,
  reportMarking,
} from "~/models/report.server";
import { csvChunks } from "~/exports/csv.server";
import { exportHeaders, periodFileName, toWebStream } from "~/exports/export.server";
import { CSV_CONTENT_TYPE, engagementColumns } from "~/exports/report-csv.server";
import { appUrl, invalidReportResponse, parseReportQuery } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";

/** One row per engagement of the report, in date order. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseReportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return invalidReportResponse(parsed.fieldErrors);
  const { filters } = parsed;
  const marking = reportMarking(filters);
  await recordReportExport({
    actor: user.actor,
    format: "engagements-csv",
    rows: countReportEngagements(filters),
    rowNoun: "engagements",
    filters: filtersInOneLine(describeReportFilters(filters)),
    query: parsed.query,
    marking,
  });
  const csv = csvChunks(engagementColumns(filters.include, appUrl(request)), reportEngagementsByDate({ filters }));
  return new Response(toWebStream(csv), {
    headers: exportHeaders(CSV_CONTENT_TYPE, periodFileName(marking, "engagements", filters.from, filters.to, "csv")),
  });
}
