// The recommendations spreadsheet: one row for each recommendation and body it is addressed to, with its take-up.
import { organisationKindLabel } from "~/domain/format";
import { RECOMMENDATION_KIND_LABELS, TAKE_UP_STATUS_LABELS } from "~/domain/recommendations";
import type { ListedTakeUp } from "~/models/recommendation/list.server";
import type { CsvColumn } from "./csv.server";

export function recommendationColumns(appUrl: string): CsvColumn<ListedTakeUp>[] {
  return [
    { header: "Report", value: (r) => r.reportTitle },
    { header: "Published", value: (r) => r.publishedOn },
    { header: "Number", value: (r) => r.number },
    { header: "Kind", value: (r) => RECOMMENDATION_KIND_LABELS[r.kind] },
    { header: "Text", value: (r) => r.text },
    { header: "To be met by", value: (r) => r.dueOn },
    { header: "Body", value: (r) => r.organisationName },
    { header: "Kind of body", value: (r) => organisationKindLabel(r.organisationKind) },
    { header: "Status", value: (r) => TAKE_UP_STATUS_LABELS[r.status] },
    { header: "Status date", value: (r) => r.statusOn },
    { header: "Source", value: (r) => r.source },
    { header: "Past its date and not implemented", value: (r) => (r.overdue ? "Yes" : "No") },
    { header: "Marking", value: (r) => r.marking },
    { header: "Link", value: (r) => `${appUrl}/recommendations/${r.recommendationId}/bodies/${r.organisationId}` },
  ];
}
