import { Link } from "@remix-run/react";
import { ArchivalConfirmation, type ArchivalFailure } from "~/components/archival-confirmation";

type Props = {
  archive: boolean;
  organisation: { slug: string; name: string; version: number; archivedAt: string | null };
  failure?: ArchivalFailure;
};

/** The confirmation page for archiving or restoring an organisation: one button, a plain post. */
export function ArchiveConfirmation({ archive, organisation, failure }: Props) {
  const back = `/organisations/${organisation.slug}`;
  const already = archive === Boolean(organisation.archivedAt);
  return (
    <ArchivalConfirmation
      back={back}
      backLabel={<>Back to {organisation.name}</>}
      caption={organisation.name}
      heading={already ? (archive ? "Already archived" : "Not archived") : `${archive ? "Archive" : "Restore"} this organisation?`}
      version={organisation.version}
      failure={failure}
      button={already ? null : { label: archive ? "Archive organisation" : "Restore organisation", warning: archive }}
    >
      {already ? (
        <>
          <p className="govuk-body">
            {organisation.name} is {archive ? "already archived" : "not archived"}.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={back}>
              Go back to {organisation.name}
            </Link>
          </p>
        </>
      ) : archive ? (
        <>
          <p className="govuk-body">Archiving hides {organisation.name} from the lists people pick organisations from on forms.</p>
          <p className="govuk-body">
            Nothing is deleted: its page, contacts, engagements and history stay, and you can restore it at any time.
          </p>
        </>
      ) : (
        <p className="govuk-body">
          Restoring makes {organisation.name} available again in the lists people pick organisations from on forms.
        </p>
      )}
    </ArchivalConfirmation>
  );
}
