import { useEffect, useRef } from "react";
import { Table } from "~/components/govuk";

/**
 * A difference between what is saved now and the form: `both` changed it differently; `theirs` only
 * someone else did (the form now shows their value); `unknown` differs, but the form cannot tell who
 * changed it (an agenda item's notes, which the form does not fingerprint).
 */
export type ConflictChange = { field: string; label: string; saved: string; yours: string; whose: "both" | "theirs" | "unknown" };

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
 * Shown first on the page when someone else saved the engagement (or changed one of its actions in the
 * register) while this person was editing it. Nothing of theirs was saved. What only the other person
 * changed is now in the form; where both changed the same thing, their input is kept beside what is
 * saved. With JavaScript the page does not reload, so focus moves here (as to an error summary), or
 * the person would be left at the Save button with the notice far above, and a second click would
 * replace the colleague's change unseen.
 */
export function EngagementConflictNotice({ changes }: { changes: ConflictChange[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: "start" });
  }, []);
  const both = changes.filter((c) => c.whose === "both");
  const unknown = changes.filter((c) => c.whose === "unknown");
  const theirs = changes.filter((c) => c.whose === "theirs");
  return (
    <div
      className="govuk-notification-banner app-conflict-notice"
      role="alert"
      aria-labelledby="conflict-title"
      tabIndex={-1}
      ref={ref}
      id="conflict"
      // Without JavaScript the page is new: the browser puts focus here as it loads.
      autoFocus
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Someone else changed this engagement while you were editing it</p>
        <p className="govuk-body">Nothing you entered has been saved yet, and none of it is lost: it is still in the form below.</p>
        {both.length ? <ChangesTable caption="You both changed these: check which to keep" changes={both} showYours /> : null}
        {unknown.length ? (
          <ChangesTable caption="These differ from what is saved now: check which to keep" changes={unknown} showYours />
        ) : null}
        {theirs.length ? (
          <ChangesTable caption="Only they changed these: the form now shows their version" changes={theirs} showYours={false} />
        ) : null}
        {!changes.length ? (
          <p className="govuk-body">
            No field differs from what is saved now: they saved the same values you entered, so there is nothing to check.
          </p>
        ) : null}
        <p className="govuk-body">Check the form, then save again: what the form holds then replaces what is saved.</p>
      </div>
    </div>
  );
}
