import { Tag } from "~/components/govuk";
import {
  STATUTORY_RESPONSE_COLOURS,
  STATUTORY_RESPONSE_LABELS,
  TAKE_UP_STATUS_COLOURS,
  TAKE_UP_STATUS_LABELS,
  type StatutoryResponseState,
  type TakeUpStatus,
} from "~/domain/recommendations";

export function TakeUpTag({ status }: { status: TakeUpStatus }) {
  return <Tag colour={TAKE_UP_STATUS_COLOURS[status]}>{TAKE_UP_STATUS_LABELS[status]}</Tag>;
}

export function StatutoryResponseTag({ state }: { state: StatutoryResponseState }) {
  return <Tag colour={STATUTORY_RESPONSE_COLOURS[state]}>{STATUTORY_RESPONSE_LABELS[state]}</Tag>;
}
