import { NotificationBanner, Table } from "~/components/govuk";

export type ConflictChange = { field: string; label: string; saved: string; yours: string; whose: "both" | "theirs" };

function ChangesTable({ caption, changes, showYours }: { caption: string; changes: ConflictChange[]; showYours: boolean }) {
  return (
    <Table
      caption={caption}
      captionClasses="govuk-table__caption--s"
      head={["Field", "Saved now", showYours && "Your input, still in the form"]}
      firstCellIsHeader
      rows={changes.map((c) => ({
        key: c.field,
        cells: [c.label, { classes: "app-prewrap", text: c.saved }, showYours && { classes: "app-prewrap", text: c.yours }],
      }))}
    />
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
    <NotificationBanner titleId="conflict-title">
      <p className="govuk-notification-banner__heading">Someone else changed this engagement while you were editing it</p>
      <p className="govuk-body">Nothing you entered has been saved yet, and none of it is lost: it is still in the form below.</p>
      {both.length ? <ChangesTable caption="You both changed these: check which to keep" changes={both} showYours /> : null}
      {theirs.length ? (
        <ChangesTable caption="Only they changed these: the form now shows their version" changes={theirs} showYours={false} />
      ) : null}
      {!changes.length ? <p className="govuk-body">What is saved now matches your input.</p> : null}
      <p className="govuk-body">Check the form, then save again: what the form holds then replaces what is saved.</p>
    </NotificationBanner>
  );
}
