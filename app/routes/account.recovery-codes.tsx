import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, NotificationBanner, WarningText } from "~/components/govuk";
import { pageTitle, useErrorTitle } from "~/components/page-title";
import { pluralise } from "~/domain/format";
import type { FormFailure } from "~/forms/form-data";
import { countUnusedRecoveryCodes, regenerateRecoveryCodes } from "~/models/second-factor/recovery-codes.server";
import { userHasSecondFactor } from "~/models/second-factor/shared.server";
import { requireUser } from "~/server/auth.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { newRecoveryCodesSetCookie, takeNewRecoveryCodes } from "~/server/second-factor.server";
import { renewSession } from "~/server/session.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Recovery codes") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { codes, setCookie } = await takeNewRecoveryCodes(request);
  return json(
    { newCodes: codes, left: countUnusedRecoveryCodes(user.id), hasFactor: userHasSecondFactor(user.id) },
    { headers: { "Cache-Control": "no-store", ...(setCookie ? { "Set-Cookie": setCookie } : {}) } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const codes = await regenerateRecoveryCodes({ actor: user.actor });
    const headers = new Headers();
    headers.append("Set-Cookie", await renewSession(request, user));
    headers.append("Set-Cookie", await newRecoveryCodesSetCookie(codes));
    return redirect("/account/recovery-codes", { headers });
  } catch (error) {
    return modelErrorResponse(error, { values: {} });
  }
}

export default function RecoveryCodes() {
  const { newCodes, left, hasFactor } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  useErrorTitle(Boolean(failure));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/account">Your account</BackLink>
        <ErrorSummary errors={failure?.fieldErrors} />
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Recovery codes</h1>
        {newCodes ? (
          <>
            <NotificationBanner success>
              <p className="govuk-notification-banner__heading">Your second factor is set up. Save these recovery codes now.</p>
            </NotificationBanner>
            <WarningText>
              This is the only time they are shown. Keep them somewhere safe, away from your phone: each code signs you in once if you lose
              your app or passkey.
            </WarningText>
            <ol className="govuk-list govuk-list--number app-recovery-codes" aria-label="Your recovery codes">
              {newCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
            <p className="govuk-body">
              <Link className="govuk-link" to="/account">
                I have saved them: back to your account
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">
              {hasFactor
                ? `You have ${pluralise(left, "unused recovery code")}. Each signs you in once when you cannot use your app or passkey.`
                : "Recovery codes come with a second factor: set up an authenticator app or a passkey first."}
            </p>
            {hasFactor ? (
              <Form method="post">
                <p className="govuk-body">Making new codes stops the old ones working.</p>
                <Button id="recoveryCodes" variant="secondary" disabled={navigation.state !== "idle"}>
                  Make new recovery codes
                </Button>
              </Form>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
