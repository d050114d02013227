import type { ReactNode } from "react";
import { Table } from "~/components/govuk";

// The history pages of organisations and engagements: who changed what and when, newest first,
// each event's changed fields as a list. How a field's before/after reads is the page's own.

export type HistoryChange = { label: string; before: string | null; after: string | null };
export type HistoryEvent<C extends HistoryChange = HistoryChange> = {
  id: number;
  when: string;
  who: string;
  summary: string;
  /** A line under the summary, e.g. that the details were erased. */
  note?: string | null;
  changes: C[];
};

export function ChangeHistoryTable<E extends HistoryEvent>({
  caption,
  events,
  renderChange,
}: {
  caption: string;
  events: E[];
  renderChange: (change: E["changes"][number], event: E) => ReactNode;
}) {
  return (
    <Table
      caption={caption}
      captionClasses="govuk-visually-hidden"
      head={["When", "Who", "What changed"]}
      rows={events.map((e) => ({
        key: e.id,
        cells: [
          { classes: "app-nowrap", text: e.when },
          { classes: "app-break-anywhere", text: e.who },
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">{e.summary}</p>
            {e.note ? <p className="govuk-hint govuk-!-margin-bottom-0">{e.note}</p> : null}
            {e.changes.length ? (
              <dl className="app-change-list govuk-body-s">
                {e.changes.map((c) => (
                  <div className="app-change-list__row" key={c.label}>
                    <dt className="app-change-list__key">{c.label}</dt>
                    <dd className="app-change-list__value app-prewrap">{renderChange(c, e)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </>,
        ],
      }))}
    />
  );
}
