import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  countReportActions,
  describeReportFilters,
  filtersInOneLine,
  recordReportExport,
  reportActions,
  reportMarking,
} from "~/models/report.server";
import { todayInUk } from "~/domain/dates";
import { csvChunks } from "~/exports/csv.server";
import { exportHeaders, periodFileName, toWebStream } from "~/exports/export.server";
import { actionColumns, CSV_CONTENT_TYPE } from "~/exports/report-csv.server";
import { appUrl, invalidReportResponse, parseReportQuery } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";

/** One row per commitment or follow-up of the report's engagements, whatever its status. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseReportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return invalidReportResponse(parsed.fieldErrors);
  const { filters } = parsed;
  const marking = reportMarking(filters);
  await recordReportExport({
    actor: user.actor,
    format: "actions-csv",
    rows: countReportActions(filters),
    rowNoun: "actions",
    filters: filtersInOneLine(describeReportFilters(filters)),
    query: parsed.query,
    marking,
  });
  const csv = csvChunks(actionColumns(todayInUk(), appUrl(request)), reportActions({ filters }));
  return new Response(toWebStream(csv), {
    headers: exportHeaders(CSV_CONTENT_TYPE, periodFileName(marking, "actions", filters.from, filters.to, "csv")),
  });
}
