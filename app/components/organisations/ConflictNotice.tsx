import { NotificationBanner, Table } from "~/components/govuk";
import type { FormFailure } from "~/forms/form-data";

export type ConflictChange = { field: string; label: string; saved: string; yours: string };

/** An edit page's failure: after a conflict, the version now saved and where it differs from the person's input. */
export type EditFailure = FormFailure & { conflict?: { version: number; changes: ConflictChange[] } };

/**
 * The edit-mode props of a record's form: the version to post (after a conflict, the one now saved) and, after
 * a conflict, the notice above the form. Key the form by `version` so it re-bases on the saved record.
 */
export function editFormProps(what: string, loadedVersion: number, failure: EditFailure | undefined) {
  return {
    mode: "edit" as const,
    failure,
    version: failure?.conflict?.version ?? loadedVersion,
    intro: failure?.conflict ? <ConflictNotice what={what} changes={failure.conflict.changes} /> : null,
    submitLabel: "Save changes",
  };
}

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
