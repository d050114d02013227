import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, TextInput, WarningText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { formatDateTime } from "~/domain/format";
import type { FormFailure } from "~/forms/form-data";
import { parseForm } from "~/forms/form-data";
import { totpCodeSchema } from "~/forms/second-factor.server";
import { mustSetUpSecondFactor } from "~/models/second-factor/requirement.server";
import { beginTotpSetup, confirmTotpSetup, removeTotp, totpState } from "~/models/second-factor/totp.server";
import { requireUser } from "~/server/auth.server";
import { secondFactorRequiredByEnvironment } from "~/server/env.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newRecoveryCodesSetCookie, secondFactorSecretKey } from "~/server/second-factor.server";
import { renewSession } from "~/server/session.server";
import { fieldFailure } from "./__second-factor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Authenticator app", data?.afterFailedPost) }];

/** The key as people type it: groups of four. */
function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The QR code library loads on first use: only someone setting up an authenticator app needs it. */
async function qrCodeImage(uri: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(uri, { type: "svg", margin: 2 })).toString("base64")}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const state = totpState({ user, key: secondFactorSecretKey() });
  const requiredByEnvironment = secondFactorRequiredByEnvironment();
  return json({
    state:
      state.status === "setting-up" ? { status: state.status, key: groupKey(state.secret), qrCode: await qrCodeImage(state.uri) } : state,
    mustSetUp: mustSetUpSecondFactor({ userId: user.id, requiredByEnvironment }),
    afterFailedPost: renderedAfterFailedPost(request),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const key = secondFactorSecretKey();
  try {
    if (intent === "begin") {
      await beginTotpSetup({ actor: user.actor, key });
      return redirect("/account/two-factor");
    }
    if (intent === "remove" || intent === "cancel") {
      await removeTotp({ actor: user.actor, requiredByEnvironment: secondFactorRequiredByEnvironment() });
      if (intent === "cancel") return redirect("/account/two-factor");
      return redirectWithNotice("/account", "Your authenticator app has been turned off.", {
        headers: { "Set-Cookie": await renewSession(request, user) },
      });
    }
  } catch (error) {
    return modelErrorResponse(error, { values: {} });
  }
  const parsed = parseForm(totpCodeSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const result = await confirmTotpSetup({ actor: user.actor, code: parsed.data.code, key });
  if (!result.ok) return fieldFailure("code", result.message);
  const headers = new Headers();
  headers.append("Set-Cookie", await renewSession(request, user));
  headers.append("Set-Cookie", await newRecoveryCodesSetCookie(result.recoveryCodes));
  return redirect("/account/recovery-codes", { headers });
}

export default function TwoFactor() {
  const { state, mustSetUp } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  const submitting = navigation.state !== "idle";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {mustSetUp ? null : <BackLink to="/account">Your account</BackLink>}
        <ErrorSummary errors={errors} order={["code", "totp"]} />
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Authenticator app</h1>
        {mustSetUp ? (
          <WarningText>The office requires a second factor. Set up an authenticator app or a passkey before you continue.</WarningText>
        ) : null}
        {state.status === "none" ? (
          <>
            <p className="govuk-body">
              An authenticator app on your phone (such as Microsoft Authenticator) shows a new 6-digit code every 30 seconds. After your
              password, you enter the code, so someone who learns your password still cannot sign in as you.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="begin" />
              <Button id="totp" disabled={submitting}>
                Set up an authenticator app
              </Button>
            </Form>
            <p className="govuk-body">
              Or{" "}
              <Link className="govuk-link" to="/account/passkeys">
                use a passkey
              </Link>{" "}
              (a security key, or your computer’s or phone’s screen lock).
            </p>
          </>
        ) : null}
        {state.status === "setting-up" ? (
          <>
            <h2 className="govuk-heading-m">1. Add this account to your app</h2>
            <p className="govuk-body">In your authenticator app, add an account and scan this QR code.</p>
            <img
              src={state.qrCode}
              width={220}
              height={220}
              alt="QR code to add your Stakeholder Engagement Tracker account to an authenticator app. If you cannot scan it, type the key shown below."
            />
            <p className="govuk-body">If you cannot scan it, choose to enter a key in your app and type this key (spaces do not matter):</p>
            <p className="govuk-body govuk-!-font-weight-bold app-prewrap" id="totp-key">
              <code>{state.key}</code>
            </p>
            <h2 className="govuk-heading-m">2. Enter the code it shows</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <TextInput
                name="code"
                label="Code from your authenticator app"
                hint="The 6-digit code, like 123456"
                inputMode="numeric"
                autoComplete="one-time-code"
                spellCheck={false}
                widthClass="govuk-input--width-10"
                error={errors.code}
              />
              <div className="govuk-button-group">
                <Button disabled={submitting}>Turn on</Button>
              </div>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <Button variant="secondary" disabled={submitting}>
                Cancel setting up
              </Button>
            </Form>
          </>
        ) : null}
        {state.status === "on" ? (
          <>
            <InsetText>Your authenticator app is on, since {formatDateTime(state.since)}.</InsetText>
            <p className="govuk-body">
              <Link className="govuk-link" to="/account/recovery-codes">
                Recovery codes
              </Link>
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <Button id="totp" variant="warning" disabled={submitting}>
                Turn off the authenticator app
              </Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
