import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { BackLink, ButtonLink, InsetText, SummaryList, Tag } from "~/components/govuk";
import { lastSignInAt } from "~/models/audit.server";
import { countSessionsOfUser } from "~/models/auth.server";
import { secondFactorSummary } from "~/models/second-factor/manage.server";
import { getUserById } from "~/models/user.server";
import { formatDateTime, pluralise } from "~/domain/format";
import { notFound, requireIdParam } from "~/server/http.server";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "~/domain/permissions";
import { requireRole } from "~/server/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.user.name}: staff account` : "Staff account") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = requireIdParam(params.userId, "Account");
  const user = getUserById(id);
  if (!user) notFound("Account");
  return json({
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      deactivatedAt: user.deactivatedAt,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    isSelf: user.id === admin.id,
    sessions: countSessionsOfUser(user.id),
    lastSignInAt: lastSignInAt(user.id),
    factors: secondFactorSummary(user.id),
  });
}

export default function Account() {
  const { user, isSelf, sessions, lastSignInAt, factors } = useLoaderData<typeof loader>();
  const secondFactors = [factors.totpSince ? "Authenticator app" : null, ...factors.passkeys.map((p) => `Passkey “${p.name}”`)].filter(
    Boolean,
  );
  const active = user.deactivatedAt == null;
  const base = `/admin/users/${user.id}`;
  const change = (what: string) => [{ href: `${base}/edit`, text: "Change", visuallyHiddenText: what }];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Staff accounts</BackLink>
        <span className="govuk-caption-l">Staff account{isSelf ? " (yours)" : ""}</span>
        <h1 className="govuk-heading-l">{user.name}</h1>
        <SummaryList
          rows={[
            { key: "Name", value: user.name, actions: change("name") },
            { key: "Email address", value: <span className="app-prewrap">{user.email}</span>, actions: change("email address") },
            {
              key: "Role",
              value: (
                <>
                  {ROLE_LABELS[user.role]}
                  <br />
                  <span className="govuk-hint govuk-!-margin-bottom-0">{ROLE_DESCRIPTIONS[user.role]}</span>
                </>
              ),
              actions: change("role"),
            },
            {
              key: "Status",
              value: active ? (
                <Tag colour="green">Active</Tag>
              ) : (
                <>
                  <Tag colour="grey">Deactivated</Tag>
                  <br />
                  <span className="govuk-body-s">since {formatDateTime(user.deactivatedAt)}</span>
                </>
              ),
            },
            { key: "Last signed in", value: lastSignInAt ? formatDateTime(lastSignInAt) : "Never" },
            { key: "Second factor", value: secondFactors.length ? secondFactors.join(", ") : "None" },
            { key: "Signed in now", value: sessions ? `Yes, ${pluralise(sessions, "session")}` : "No" },
            { key: "Created", value: formatDateTime(user.createdAt) },
          ]}
        />

        <h2 className="govuk-heading-m">Manage this account</h2>
        {isSelf ? <InsetText>This is your own account: you cannot deactivate it or remove its admin role.</InsetText> : null}
        <div className="govuk-button-group">
          <ButtonLink to={`${base}/edit`} variant="secondary">
            Change details or role
          </ButtonLink>
          <ButtonLink to={`${base}/password`} variant="secondary">
            Reset password
          </ButtonLink>
          <ButtonLink to={`${base}/second-factor`} variant="secondary">
            Reset second factor
          </ButtonLink>
          {isSelf ? null : active ? (
            <ButtonLink to={`${base}/status`} variant="warning">
              Deactivate account
            </ButtonLink>
          ) : (
            <ButtonLink to={`${base}/status`}>Reactivate account</ButtonLink>
          )}
        </div>

        <h2 className="govuk-heading-m">History</h2>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={`/admin/audit?entity=user&entityId=${user.id}`}>
              Changes to this account
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`/admin/audit?actor=${user.id}`}>
              What {user.name} has done
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
