import { EMPTY_VALUE } from "~/domain/audit";
import { Table } from "~/components/govuk";

// The history pages of organisations and engagements: who changed what and when, newest first,
// each event's changed fields as a list, each change shown one way (ChangeValues).

type HistoryChange = { label: string; before: string | null; after: string | null };
type HistoryEvent<C extends HistoryChange = HistoryChange> = {
  id: number;
  when: string;
  who: string;
  summary: string;
  /** A line under the summary, e.g. that the details were erased. */
  note?: string | null;
  /** The event states values (a creation) rather than changing them: no "before" is shown. */
  recorded: boolean;
  changes: C[];
};

/** A change as it reads: "before → after", either empty shown as "(empty)"; on a creation, the value only. */
function ChangeValues({ before, after, recorded }: { before: string | null; after: string | null; recorded: boolean }) {
  if (recorded) return <>{after}</>;
  if (before === null && after === null) return null;
  return (
    <>
      <span className="govuk-visually-hidden">changed from </span>
      {before !== null ? (
        <span className="app-change-list__before">{before}</span>
      ) : (
        <span className="app-change-list__empty">{EMPTY_VALUE}</span>
      )}
      <span aria-hidden="true"> → </span>
      <span className="govuk-visually-hidden"> to </span>
      {after !== null ? after : <span className="app-change-list__empty">{EMPTY_VALUE}</span>}
    </>
  );
}

export function ChangeHistoryTable({ caption, events }: { caption: string; events: HistoryEvent[] }) {
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
                    <dd className="app-change-list__value app-prewrap">
                      <ChangeValues before={c.before} after={c.after} recorded={e.recorded} />
                    </dd>
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
