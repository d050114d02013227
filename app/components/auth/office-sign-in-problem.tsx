import { Link } from "@remix-run/react";
import type { OfficeSignInRefusal } from "~/models/office-sign-in.server";

/** Why office sign-in did not let the person in, as the page tells them (the audit trail has the detail). */
export type OfficeSignInProblemKind = OfficeSignInRefusal;

const PAGES: Record<OfficeSignInProblemKind, { heading: string; body: string[] }> = {
  not_set_up: {
    heading: "Your office account is not set up in the tracker",
    body: [
      "Your office recognised you, but the tracker has no staff account for your email address.",
      "Ask an administrator to create your account, then sign in again.",
    ],
  },
  deactivated: {
    heading: "Your tracker account is deactivated",
    body: ["Ask an administrator if you need to use the tracker again."],
  },
  email_not_verified: {
    heading: "Your office account has no confirmed email address",
    body: [
      "The tracker finds your account by the email address your office confirms, and your office did not confirm one.",
      "Ask an administrator or your IT team to check how your office account is set up.",
    ],
  },
  flow_expired: {
    heading: "Your sign-in has timed out",
    body: ["Signing in with your office account must be finished within 10 minutes, in the browser where you started it."],
  },
  state_mismatch: {
    heading: "Sign-in could not be finished",
    body: ["The answer from your office's sign-in did not match the sign-in started in this browser, so it was not used."],
  },
  provider_refused: {
    heading: "Sign-in with your office account was not finished",
    body: ["Your office's sign-in did not confirm who you are. It may have been cancelled, or a sign-in link was used twice."],
  },
  invalid_response: {
    heading: "Sign-in could not be finished",
    body: ["The answer from your office's sign-in did not pass the tracker's checks. If this happens again, tell an administrator."],
  },
  provider_unavailable: {
    heading: "Office sign-in is unavailable",
    body: ["The tracker cannot reach your office's sign-in service at the moment. Try again in a few minutes."],
  },
};

export function officeSignInProblemHeading(kind: OfficeSignInProblemKind): string {
  return PAGES[kind].heading;
}

export function OfficeSignInProblem({ kind, passwordSignIn }: { kind: OfficeSignInProblemKind; passwordSignIn: boolean }) {
  const page = PAGES[kind];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{page.heading}</h1>
        {page.body.map((paragraph) => (
          <p className="govuk-body" key={paragraph}>
            {paragraph}
          </p>
        ))}
        <p className="govuk-body">
          <Link className="govuk-link" to="/login" reloadDocument>
            {kind === "deactivated" || kind === "not_set_up" ? "Go back to the sign-in page" : "Start signing in again"}
          </Link>
          {passwordSignIn && kind === "provider_unavailable" ? ", or sign in there with your email address and password." : null}
        </p>
      </div>
    </div>
  );
}
