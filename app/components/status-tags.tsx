// The status tags, one component each, coloured by the domain's one map per status (engagement-labels.ts).
import { Tag } from "~/components/govuk";
import {
  ACTION_STATUS_COLOURS,
  ACTION_STATUS_LABELS,
  ENGAGEMENT_STATUS_COLOURS,
  ENGAGEMENT_STATUS_LABELS,
  type ActionStatus,
  type EngagementStatus,
} from "~/domain/engagement-labels";

export function EngagementStatusTag({ status }: { status: EngagementStatus }) {
  return <Tag colour={ENGAGEMENT_STATUS_COLOURS[status]}>{ENGAGEMENT_STATUS_LABELS[status]}</Tag>;
}

export function OverdueTag() {
  return <Tag colour="red">Overdue</Tag>;
}

/** An action's status; with `overdue`, the Overdue tag stands in its place. */
export function ActionStatusTag({ status, overdue }: { status: ActionStatus; overdue?: boolean }) {
  if (overdue) return <OverdueTag />;
  return <Tag colour={ACTION_STATUS_COLOURS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}
