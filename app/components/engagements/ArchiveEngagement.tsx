import { Link } from "@remix-run/react";
import { ArchivalConfirmation, type ArchivalFailure } from "~/components/archival-confirmation";
import { formatDate } from "~/domain/format";

type Props = {
  archive: boolean;
  engagement: { id: number; title: string; date: string; version: number; archivedAt: string | null };
  failure?: ArchivalFailure;
};

/** Confirm archiving or restoring an engagement: one button, a plain post. Nothing is ever deleted. */
export function ArchiveEngagement({ archive, engagement, failure }: Props) {
  const back = `/engagements/${engagement.id}`;
  const already = archive === Boolean(engagement.archivedAt);
  return (
    <ArchivalConfirmation
      back={back}
      backLabel="Back to the engagement"
      caption={
        <>
          {engagement.title}, {formatDate(engagement.date)}
        </>
      }
      heading={archive ? "Archive this engagement?" : "Restore this engagement?"}
      version={engagement.version}
      failure={failure}
      button={already ? null : { label: archive ? "Archive engagement" : "Restore engagement", warning: archive }}
    >
      {already ? (
        <p className="govuk-body">
          It is {archive ? "already archived" : "not archived"}.{" "}
          <Link className="govuk-link" to={back}>
            Go back to the engagement
          </Link>
        </p>
      ) : archive ? (
        <>
          <p className="govuk-body">
            Archiving takes it out of the engagements list, organisations' timelines and reports, and its open actions out of the register.
          </p>
          <p className="govuk-body">Nothing is deleted: its page and history stay, and you can restore it at any time.</p>
        </>
      ) : (
        <p className="govuk-body">Restoring puts it back in the engagements list, timelines and reports.</p>
      )}
    </ArchivalConfirmation>
  );
}
