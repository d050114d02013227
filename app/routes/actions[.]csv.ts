import { recordCsvDownload } from "~/models/audit.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownerLabel } from "~/domain/actions";
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { listAllOutstandingActions, resolveRegisterFilters, type RegisterRow } from "~/models/action-register.server";
import { csvResponse, toCsv, type CsvColumn } from "~/exports/csv.server";
import { todayInUk } from "~/domain/dates";
import { organisationKindLabel } from "~/domain/format";
import { requireRole } from "~/server/auth.server";
import { parseRegisterFilters } from "~/forms/actions";

const COLUMNS: CsvColumn<RegisterRow>[] = [
  { header: "Kind", value: (r) => ACTION_KIND_LABELS[r.kind] },
  { header: "Action", value: (r) => r.description },
  { header: "Status", value: (r) => ACTION_STATUS_LABELS[r.status] },
  { header: "Whose", value: (r) => ownerLabel(r) },
  { header: "Organisation", value: (r) => r.organisationShortName || r.organisationName },
  { header: "Kind of organisation", value: (r) => organisationKindLabel(r.organisationKind) },
  { header: "Due date", value: (r) => r.dueDate },
  { header: "Overdue", value: (r) => (r.overdue ? "Yes" : "No") },
  { header: "Engagement", value: (r) => r.engagementTitle },
  { header: "Engagement date", value: (r) => r.engagementDate },
  { header: "Engagement page", value: (r) => `/engagements/${r.engagementId}` },
  { header: "Action page", value: (r) => `/actions/${r.id}` },
];

/** The register with the filters in the address, every page of it, as a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const filters = parseRegisterFilters(new URL(request.url).searchParams);
  const viewer = { id: user.id, role: user.role };
  const resolved = resolveRegisterFilters({ filters, viewer });
  const rows = listAllOutstandingActions({ filters: resolved, viewer });
  const { after: _after, before: _before, ...shown } = filters;
  const given = Object.entries({ ...shown, owner: resolved.ownerParam }).filter(([, v]) => v !== undefined && v !== "");
  await recordCsvDownload(user.actor, {
    entityType: "actions",
    what: "Actions register",
    filters: Object.fromEntries(given),
    rowCount: rows.length,
  });
  return csvResponse(toCsv(COLUMNS, rows), `actions-${todayInUk()}`);
}
