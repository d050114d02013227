import type { ReactNode } from "react";

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
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            When
          </th>
          <th scope="col" className="govuk-table__header">
            Who
          </th>
          <th scope="col" className="govuk-table__header">
            What changed
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {events.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <td className="govuk-table__cell app-nowrap">{e.when}</td>
            <td className="govuk-table__cell app-break-anywhere">{e.who}</td>
            <td className="govuk-table__cell">
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
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
