export type ConflictChange = { field: string; label: string; saved: string; yours: string };

/**
 * Shown when someone else saved the record while this person was editing it: nothing of theirs
 * was saved, their input is still in the form, and this table says what differs from what is saved now.
 */
export function ConflictNotice({ what, changes }: { what: string; changes: ConflictChange[] }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="conflict-title" data-module="govuk-notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Someone else changed this {what} while you were editing it</p>
        <p className="govuk-body">Your changes have not been saved. Your input is still in the form below.</p>
        {changes.length ? (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Where the saved {what} now differs from your input</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Field
                </th>
                <th scope="col" className="govuk-table__header">
                  Saved now
                </th>
                <th scope="col" className="govuk-table__header">
                  Your input
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {changes.map((c) => (
                <tr className="govuk-table__row" key={c.field}>
                  <th scope="row" className="govuk-table__header">
                    {c.label}
                  </th>
                  <td className="govuk-table__cell app-prewrap">{c.saved}</td>
                  <td className="govuk-table__cell app-prewrap">{c.yours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-body">The saved {what} now matches your input.</p>
        )}
        <p className="govuk-body">Check your input, then save again to replace what is saved now, or cancel to keep it.</p>
      </div>
    </div>
  );
}
