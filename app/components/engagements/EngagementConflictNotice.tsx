export type ConflictChange = { field: string; label: string; saved: string; yours: string; whose: "both" | "theirs" };

function ChangesTable({ caption, changes, showYours }: { caption: string; changes: ConflictChange[]; showYours: boolean }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Field
          </th>
          <th scope="col" className="govuk-table__header">
            Saved now
          </th>
          {showYours ? (
            <th scope="col" className="govuk-table__header">
              Your input, still in the form
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {changes.map((c) => (
          <tr className="govuk-table__row" key={c.field}>
            <th scope="row" className="govuk-table__header">
              {c.label}
            </th>
            <td className="govuk-table__cell app-prewrap">{c.saved}</td>
            {showYours ? <td className="govuk-table__cell app-prewrap">{c.yours}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Shown when someone else saved the engagement (or changed one of its actions in the register)
 * while this person was editing it. Nothing of theirs was saved. What only the other person changed
 * is now in the form; where both changed the same thing, their input is kept beside what is saved.
 */
export function EngagementConflictNotice({ changes }: { changes: ConflictChange[] }) {
  const both = changes.filter((c) => c.whose === "both");
  const theirs = changes.filter((c) => c.whose === "theirs");
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="conflict-title" data-module="govuk-notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Someone else changed this engagement while you were editing it</p>
        <p className="govuk-body">Nothing you entered has been saved yet, and none of it is lost: it is still in the form below.</p>
        {both.length ? <ChangesTable caption="You both changed these: check which to keep" changes={both} showYours /> : null}
        {theirs.length ? (
          <ChangesTable caption="Only they changed these: the form now shows their version" changes={theirs} showYours={false} />
        ) : null}
        {!changes.length ? <p className="govuk-body">What is saved now matches your input.</p> : null}
        <p className="govuk-body">Check the form, then save again: what the form holds then replaces what is saved.</p>
      </div>
    </div>
  );
}
