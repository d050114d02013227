import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInUk } from "~/domain/dates";
import { csvChunks } from "~/exports/csv.server";
import { exportHeaders, toWebStream } from "~/exports/export.server";
import { CSV_CONTENT_TYPE } from "~/exports/report-csv.server";
import { recommendationColumns } from "~/exports/recommendations-csv.server";
import { parseRecommendationFilters } from "~/forms/recommendations";
import { recordCsvDownload } from "~/models/audit.server";
import { allRecommendationBatches, countMatchingRecommendations, recommendationsMarking } from "~/models/recommendation/list.server";
import { appUrl } from "~/routes/__report-request.server";
import { resolveRecommendationFilters } from "~/routes/__recommendation-pages.server";
import { requireUser } from "~/server/auth.server";

/**
 * Every take-up the recommendations list's filters match (all pages), marked as the highest marking of their
 * reports (in the file's name and on every row), and audited with that marking before it is sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseRecommendationFilters(new URL(request.url).searchParams);
  const resolved = resolveRecommendationFilters(filters);
  const today = todayInUk();
  const marking = recommendationsMarking({ filters: resolved, today });
  const rows = countMatchingRecommendations({ filters: resolved, today });
  await recordCsvDownload(user.actor, {
    entityType: "recommendation",
    what: `Recommendations (${marking})`,
    filters: { ...filters, after: undefined, before: undefined, marking },
    rowCount: rows,
  });
  return new Response(
    toWebStream(csvChunks(recommendationColumns(appUrl(request)), allRecommendationBatches({ filters: resolved, today }))),
    {
      headers: exportHeaders(CSV_CONTENT_TYPE, `${marking} recommendations ${today}.csv`),
    },
  );
}
