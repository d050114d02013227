import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import { useErrorTitle } from "~/components/page-title";
import type { FormFailure } from "~/forms/form-data";

/** What an archive or restore action hands back: after a conflict, the version now saved. */
export type ArchivalFailure = (FormFailure & { conflict?: { version: number } }) | null | undefined;

type Props = {
  back: string;
  backLabel: ReactNode;
  caption: ReactNode;
  heading: ReactNode;
  /** The version the page was loaded with; after a conflict the one now saved is posted instead. */
  version: number;
  failure: ArchivalFailure;
  /** The button that archives ("warning") or restores; none when there is nothing left to do. */
  button: { label: string; warning: boolean } | null;
  /** What the change does, or that it has already been made. */
  children: ReactNode;
};

/** The page that confirms archiving or restoring a record: one button, a plain post carrying the version. Nothing is deleted. */
export function ArchivalConfirmation({ back, backLabel, caption, heading, version, failure, button, children }: Props) {
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  return (
    <>
      <BackLink to={back}>{backLabel}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">{caption}</span>
            {heading}
          </h1>
          {children}
          {button ? (
            <Form method="post">
              <input type="hidden" name="version" value={failure?.conflict?.version ?? version} id="version" />
              <div className="govuk-button-group">
                <Button variant={button.warning ? "warning" : undefined}>{button.label}</Button>
                <Link className="govuk-link" to={back}>
                  Cancel
                </Link>
              </div>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}
