import { NotificationBanner, Table } from "~/components/govuk";

export type ConflictChange = { field: string; label: string; saved: string; yours: string };

/**
 * Shown when someone else saved the record while this person was editing it: nothing of theirs
 * was saved, their input is still in the form, and this table says what differs from what is saved now.
 */
export function ConflictNotice({ what, changes }: { what: string; changes: ConflictChange[] }) {
  return (
    <NotificationBanner titleId="conflict-title">
      <p className="govuk-notification-banner__heading">Someone else changed this {what} while you were editing it</p>
      <p className="govuk-body">Your changes have not been saved. Your input is still in the form below.</p>
      {changes.length ? (
        <Table
          caption={`Where the saved ${what} now differs from your input`}
          captionClasses="govuk-table__caption--s"
          head={["Field", "Saved now", "Your input"]}
          firstCellIsHeader
          rows={changes.map((c) => ({
            key: c.field,
            cells: [c.label, { classes: "app-prewrap", text: c.saved }, { classes: "app-prewrap", text: c.yours }],
          }))}
        />
      ) : (
        <p className="govuk-body">The saved {what} now matches your input.</p>
      )}
      <p className="govuk-body">Check your input, then save again to replace what is saved now, or cancel to keep it.</p>
    </NotificationBanner>
  );
}
