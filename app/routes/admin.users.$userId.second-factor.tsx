import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { ButtonsAndCancel } from "~/components/admin/AccountFields";
import { BackLink, Button, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { resetSecondFactors, secondFactorSummary } from "~/models/second-factor/manage.server";
import { getUserById } from "~/models/user.server";
import { requireRole } from "~/server/auth.server";
import { notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Reset ${data.user.name}'s second factor` : "Reset a second factor") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const user = getUserById(requireIdParam(params.userId, "Account"));
  if (!user) notFound("Account");
  const factors = secondFactorSummary(user.id);
  return json({ user: { id: user.id, name: user.name }, hasFactor: Boolean(factors.totpSince) || factors.passkeys.length > 0 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = requireIdParam(params.userId, "Account");
  const user = getUserById(id);
  if (!user) notFound("Account");
  try {
    await resetSecondFactors({ userId: id, actor: admin.actor });
  } catch (error) {
    return modelErrorResponse(error, { values: {}, notFound: "Account" });
  }
  if (id === admin.id) return redirectWithNotice("/login", "Your second factors have been reset. Sign in again.");
  return redirectWithNotice(
    `/admin/users/${id}`,
    `${user.name}'s second factors have been reset and their sessions ended. They sign in with their password and set one up again.`,
  );
}

export default function ResetSecondFactor() {
  const { user, hasFactor } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/users/${user.id}`}>{user.name}</BackLink>
        <span className="govuk-caption-l">Staff account</span>
        <h1 className="govuk-heading-l">Reset {user.name}'s second factor?</h1>
        {hasFactor ? null : <p className="govuk-body">{user.name} has no second factor set up.</p>}
        <p className="govuk-body">
          This removes their authenticator app, passkeys and recovery codes, and signs them out everywhere. Do this only when you have
          checked who is asking, in person or by phone: anyone who knows their password can then sign in and set up their own factor.
        </p>
        <WarningText>They will sign in with their password alone until they set up a second factor again.</WarningText>
        <Form method="post">
          <ButtonsAndCancel cancelTo={`/admin/users/${user.id}`}>
            <Button variant="warning" disabled={navigation.state !== "idle"}>
              Reset second factor
            </Button>
          </ButtonsAndCancel>
        </Form>
      </div>
    </div>
  );
}
