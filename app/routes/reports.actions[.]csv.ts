import type { LoaderFunctionArgs } from "@remix-run/node";
import { countReportActions } from "~/models/report/statistics.server";
import { reportActions } from "~/models/report/engagements.server";
import { todayInUk } from "~/domain/dates";
import { actionColumns } from "~/exports/report-csv.server";
import { appUrl, reportCsvResponse } from "~/routes/__report-request.server";

/** One row per commitment or follow-up of the report's engagements, whatever its status. */
export async function loader({ request }: LoaderFunctionArgs) {
  return reportCsvResponse(request, "actions", {
    count: countReportActions,
    columns: () => actionColumns(todayInUk(), appUrl(request)),
    batches: (filters) => reportActions({ filters }),
  });
}
