import { Form, Link } from "@remix-run/react";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import { useErrorTitle } from "~/components/page-title";
import { formatDate } from "~/domain/format";
import type { FormFailure } from "~/forms/form-data";

type Props = {
  archive: boolean;
  engagement: { id: number; title: string; date: string; version: number; archivedAt: string | null };
  failure?: (FormFailure & { conflict?: { version: number } }) | null;
};

/** Confirm archiving or restoring an engagement: one button, a plain post. Nothing is ever deleted. */
export function ArchiveEngagement({ archive, engagement, failure }: Props) {
  const back = `/engagements/${engagement.id}`;
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  const version = failure?.conflict?.version ?? engagement.version;
  const already = archive === Boolean(engagement.archivedAt);
  return (
    <>
      <BackLink to={back}>Back to the engagement</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">
              {engagement.title}, {formatDate(engagement.date)}
            </span>
            {archive ? "Archive this engagement?" : "Restore this engagement?"}
          </h1>
          {already ? (
            <p className="govuk-body">
              It is {archive ? "already archived" : "not archived"}.{" "}
              <Link className="govuk-link" to={back}>
                Go back to the engagement
              </Link>
            </p>
          ) : (
            <>
              {archive ? (
                <>
                  <p className="govuk-body">
                    Archiving takes it out of the engagements list, organisations' timelines and reports, and its open actions out of the
                    register.
                  </p>
                  <p className="govuk-body">Nothing is deleted: its page and history stay, and you can restore it at any time.</p>
                </>
              ) : (
                <p className="govuk-body">Restoring puts it back in the engagements list, timelines and reports.</p>
              )}
              <Form method="post">
                <input type="hidden" name="version" value={version} id="version" />
                <div className="govuk-button-group">
                  <Button variant={archive ? "warning" : undefined}>{archive ? "Archive engagement" : "Restore engagement"}</Button>
                  <Link className="govuk-link" to={back}>
                    Cancel
                  </Link>
                </div>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
