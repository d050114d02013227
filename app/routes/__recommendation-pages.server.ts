// Helpers private to the recommendation pages: reading an import (a paste or a CSV file) into rows for the preview,
// and the report form's values from a saved report.
import { parse } from "csv-parse/sync";
import type { Params } from "@remix-run/react";
import { parsePastedRecommendations } from "~/domain/recommendation-paste";
import {
  MAX_RECOMMENDATIONS_PER_IMPORT,
  RECOMMENDATION_KINDS,
  RECOMMENDATIONS_CSV_MAX_BYTES,
  RECOMMENDATIONS_CSV_TOO_LARGE,
} from "~/domain/recommendations";
import type { RecommendationListFilters } from "~/forms/recommendations";
import { type RecommendationFilters } from "~/models/recommendation/list.server";
import { resolveOrganisationFilter, type OrganisationNamed } from "~/models/organisation/read.server";
import type { ReportView } from "~/models/recommendation/report.server";
import type { RecommendationRowInput } from "~/models/recommendation/write.server";
import { requireIdParam } from "~/server/http.server";

export function reportIdOf(params: Params): number {
  return requireIdParam(params.reportId, "Inspection report");
}

export function recommendationIdOf(params: Params): number {
  return requireIdParam(params.recommendationId, "Recommendation");
}

/** A report as its edit form shows it. */
export function reportFormValues(report: ReportView): Record<string, unknown> {
  return {
    title: report.title,
    publisherId: String(report.publisherId),
    publishedOn: report.publishedOn,
    link: report.link ?? "",
    marking: report.marking,
    summary: report.summary ?? "",
    subjectForceId: report.subjectForceId ? String(report.subjectForceId) : "",
    responseReceivedOn: report.responseReceivedOn ?? "",
    version: report.version,
  };
}

function kindOfCell(text: string): string {
  const t = text.trim().toLowerCase();
  if (!t) return "recommendation";
  if (t === "afi" || t.startsWith("area")) return "area_for_improvement";
  if (t.startsWith("rec")) return "recommendation";
  return RECOMMENDATION_KINDS.find((k) => k === t) ?? t;
}

type ReadImport = { ok: true; rows: RecommendationRowInput[] } | { ok: false; field: string; message: string };

/**
 * The rows a person brought in: from a CSV file (columns number, text, kind, addressees, due; a header row) when one
 * was chosen, else from the pasted text. `addressees` fills rows that name no body.
 */
export async function readImport(formData: FormData): Promise<ReadImport> {
  const file = formData.get("file");
  const pasted = formData.get("pasted");
  const everyRow = String(formData.get("addressees") ?? "").trim();
  let rows: RecommendationRowInput[];
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > RECOMMENDATIONS_CSV_MAX_BYTES) return { ok: false, field: "file", message: RECOMMENDATIONS_CSV_TOO_LARGE };
    let records: Record<string, string>[];
    try {
      records = parse(await file.text(), {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
        relax_column_count: true,
      }) as Record<string, string>[];
    } catch {
      return {
        ok: false,
        field: "file",
        message: "The file could not be read as CSV: save it from your spreadsheet as CSV (comma delimited)",
      };
    }
    if (records.length && !("text" in records[0]))
      return {
        ok: false,
        field: "file",
        message: "The CSV file must have a header row with the columns number, text, kind, addressees and due",
      };
    rows = records.map((r) => ({
      number: r.number ?? "",
      text: r.text ?? "",
      kind: kindOfCell(r.kind ?? ""),
      addressees: r.addressees ?? "",
      due: r.due ?? "",
    }));
  } else if (typeof pasted === "string" && pasted.trim()) {
    rows = parsePastedRecommendations(pasted).map((p) => ({ number: p.number ?? "", text: p.text, kind: p.kind, addressees: "", due: "" }));
  } else return { ok: false, field: "pasted", message: "Paste the recommendations or choose a CSV file" };
  if (rows.length > MAX_RECOMMENDATIONS_PER_IMPORT)
    return {
      ok: false,
      field: "pasted",
      message: `One import can bring in at most ${MAX_RECOMMENDATIONS_PER_IMPORT} recommendations; this one has ${rows.length.toLocaleString("en-GB")}. Split it into smaller parts`,
    };
  return { ok: true, rows: rows.map((r) => ({ ...r, addressees: r.addressees.trim() || everyRow })) };
}

/** The URL's filters as the model takes them (an organisation slug that names nothing matches nothing). */
export function resolveRecommendationFilters(
  filters: RecommendationListFilters,
): RecommendationFilters & { organisationsShown: OrganisationNamed[] } {
  const { organisationIds, shown: organisationsShown } = resolveOrganisationFilter(filters.organisation);
  return {
    reportId: filters.report,
    publisherId: filters.publisher,
    organisationIds,
    orgKind: filters.orgKind,
    status: filters.status,
    overdue: filters.overdue === "yes",
    organisationsShown,
  };
}
