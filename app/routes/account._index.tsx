import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { formatDateTime, pluralise } from "~/domain/format";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "~/domain/permissions";
import { secondFactorSummary } from "~/models/second-factor/manage.server";
import { readSecuritySettings } from "~/models/settings.server";
import { requireUser } from "~/server/auth.server";
import { secondFactorRequiredByEnvironment } from "~/server/env.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your account") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = readSecuritySettings({ requireSecondFactorByEnvironment: secondFactorRequiredByEnvironment() });
  return json({
    user: { name: user.name, email: user.email, role: user.role },
    factors: secondFactorSummary(user.id),
    required: settings.requireSecondFactor,
  });
}

export default function AccountHub() {
  const { user, factors, required } = useLoaderData<typeof loader>();
  const hasFactor = Boolean(factors.totpSince) || factors.passkeys.length > 0;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your account</h1>
        <SummaryList
          rows={[
            { key: "Name", value: user.name },
            { key: "Email address", value: <span className="app-prewrap">{user.email}</span> },
            {
              key: "Role",
              value: (
                <>
                  {ROLE_LABELS[user.role]}
                  <br />
                  <span className="govuk-hint govuk-!-margin-bottom-0">{ROLE_DESCRIPTIONS[user.role]}</span>
                </>
              ),
            },
            { key: "Password", value: "Set", actions: [{ href: "/account/password", text: "Change", visuallyHiddenText: "password" }] },
          ]}
        />
        <p className="govuk-body">To change your name, email address or role, ask an admin.</p>

        <h2 className="govuk-heading-m">Second factor</h2>
        <p className="govuk-body">
          {hasFactor ? <Tag colour="green">On</Tag> : <Tag colour={required ? "red" : "grey"}>Off</Tag>}{" "}
          {required ? "The office requires a second factor." : "A second factor stops someone who learns your password signing in as you."}
        </p>
        <SummaryList
          rows={[
            {
              key: "Authenticator app",
              value: factors.totpSince ? `On since ${formatDateTime(factors.totpSince)}` : "Not set up",
              actions: [
                { href: "/account/two-factor", text: factors.totpSince ? "Manage" : "Set up", visuallyHiddenText: "authenticator app" },
              ],
            },
            {
              key: "Passkeys",
              value: factors.passkeys.length ? factors.passkeys.map((p) => p.name).join(", ") : "None",
              actions: [{ href: "/account/passkeys", text: factors.passkeys.length ? "Manage" : "Add", visuallyHiddenText: "passkeys" }],
            },
            hasFactor && {
              key: "Recovery codes",
              value: `${pluralise(factors.recoveryCodesLeft, "unused code")}`,
              actions: [{ href: "/account/recovery-codes", text: "Manage", visuallyHiddenText: "recovery codes" }],
            },
          ]}
        />

        <h2 className="govuk-heading-m">Where you are signed in</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/sessions">
            See and end your sessions
          </Link>
        </p>
      </div>
    </div>
  );
}
