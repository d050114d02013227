import { Form, Link } from "@remix-run/react";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import type { FormFailure } from "~/forms/form-data";
import { useErrorTitle } from "~/components/page-title";

type Props = {
  archive: boolean;
  organisation: { slug: string; name: string; version: number; archivedAt: string | null };
  failure?: (FormFailure & { conflict?: { version: number } }) | null;
};

/** The confirmation page for archiving or restoring an organisation: one button, a plain post. */
export function ArchiveConfirmation({ archive, organisation, failure }: Props) {
  const back = `/organisations/${organisation.slug}`;
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  const version = failure?.conflict?.version ?? organisation.version;
  return (
    <>
      <BackLink to={back}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">{organisation.name}</span>
            {archive === Boolean(organisation.archivedAt)
              ? archive
                ? "Already archived"
                : "Not archived"
              : archive
                ? "Archive this organisation?"
                : "Restore this organisation?"}
          </h1>
          {archive === Boolean(organisation.archivedAt) ? (
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
          {archive === Boolean(organisation.archivedAt) ? null : (
            <Form method="post">
              <input type="hidden" name="version" value={version} id="version" />
              <div className="govuk-button-group">
                <Button variant={archive ? "warning" : undefined}>{archive ? "Archive organisation" : "Restore organisation"}</Button>
                <Link className="govuk-link" to={back}>
                  Cancel
                </Link>
              </div>
            </Form>
          )}
        </div>
      </div>
    </>
  );
}
