import { recordCsvDownload } from "~/models/audit.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCoverageReport, type BodyFigures } from "~/models/coverage.server";
import { readCoverageQuery } from "~/routes/__coverage-query.server";
import { csvResponse, toCsv, type CsvColumn } from "~/exports/csv.server";
import { organisationKindLabel } from "~/domain/format";
import { badRequest } from "~/server/http.server";
import { requireRole } from "~/server/auth.server";

type Line = BodyFigures & { section: string; notEngaged: boolean; policingBody?: BodyFigures | null };

const COLUMNS: CsvColumn<Line>[] = [
  { header: "Section", value: (r) => r.section },
  { header: "Organisation", value: (r) => r.name },
  { header: "Kind", value: (r) => organisationKindLabel(r.kind) },
  { header: "Nation or country", value: (r) => r.nation },
  { header: "Engagements in period", value: (r) => r.engagements },
  { header: "Latest engagement in period", value: (r) => r.latestInPeriod },
  { header: "Latest engagement before period", value: (r) => (r.latestInPeriod ? null : r.latestBefore) },
  { header: "Next planned engagement", value: (r) => r.nextPlanned },
  { header: "Open actions", value: (r) => r.openActions },
  { header: "Local policing body", value: (r) => r.policingBody?.name ?? null },
  { header: "Policing body engagements in period", value: (r) => r.policingBody?.engagements ?? null },
  { header: "Policing body latest engagement in period", value: (r) => r.policingBody?.latestInPeriod ?? null },
  { header: "Policing body open actions", value: (r) => r.policingBody?.openActions ?? null },
  { header: "Not engaged in period", value: (r) => (r.notEngaged ? "Yes" : "No") },
  { header: "Full name", value: (r) => r.fullName },
];

/** The coverage table for the period and order in the address, as a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const query = readCoverageQuery(new URL(request.url));
  if (query.fieldErrors) return badRequest({ fieldErrors: query.fieldErrors, values: query.typed });
  const report = buildCoverageReport({ period: { from: query.from, to: query.to }, sort: query.sort, direction: query.dir });
  const lines: Line[] = [
    ...report.forces.map((r) => ({ ...r, section: "Police force" })),
    ...report.national.map((r) => ({ ...r, section: "National body" })),
    ...report.international.map((r) => ({ ...r, section: "International partner" })),
  ];
  await recordCsvDownload(user.actor, {
    entityType: "coverage",
    what: "Police coverage",
    filters: { from: query.from, to: query.to, sort: query.sort, dir: query.dir },
    rowCount: lines.length,
  });
  return csvResponse(toCsv(COLUMNS, lines), `police-coverage-${query.from}-to-${query.to}`);
}
