import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useState } from "react";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { Button, Details, ErrorSummary, TextInput } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { passkeySignIn } from "~/components/second-factor/passkey-ceremony";
import { useHydrated } from "~/components/second-factor/use-hydrated";
import type { FormFailure } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { recoveryCodeSchema, totpCodeSchema } from "~/forms/second-factor.server";
import {
  completeSignInWithPasskey,
  completeSignInWithRecoveryCode,
  completeSignInWithTotp,
  getPendingSignIn,
  type SecondFactorResult,
} from "~/models/second-factor/sign-in.server";
import { badRequest } from "~/server/http.server";
import { redirectWithNotice } from "~/server/notices.server";
import { clientIp } from "~/server/request.server";
import { clearPendingSignInCookie, pendingSignInToken, relyingParty, secondFactorSecretKey } from "~/server/second-factor.server";
import { getUser, startSession } from "~/server/session.server";
import { fieldFailure, parsePasskeyAnswer } from "./__second-factor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Check it’s you", data?.afterFailedPost) }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const token = await pendingSignInToken(request);
  const pending = token ? getPendingSignIn(token) : undefined;
  if (!pending) {
    throw await redirectWithNotice("/login", "Your sign-in timed out. Sign in again.", {
      headers: { "Set-Cookie": await clearPendingSignInCookie() },
    });
  }
  return json({ methods: pending.methods, afterFailedPost: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const token = await pendingSignInToken(request);
  const ip = clientIp(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let result: SecondFactorResult;
  let field: "code" | "recoveryCode" | "passkey";
  if (intent === "recovery") {
    field = "recoveryCode";
    const parsed = parseForm(recoveryCodeSchema, formData);
    if (!parsed.ok) return badRequest(parsed);
    result = await completeSignInWithRecoveryCode({ token: token ?? "", code: parsed.data.recoveryCode, ip });
  } else if (intent === "passkey") {
    field = "passkey";
    const response = parsePasskeyAnswer<AuthenticationResponseJSON>(formData.get("response"));
    if (!response) return fieldFailure(field, "The passkey did not work. Try again, or use a code");
    result = await completeSignInWithPasskey({ token: token ?? "", response, relyingParty: relyingParty(request), ip });
  } else {
    field = "code";
    const parsed = parseForm(totpCodeSchema, formData);
    if (!parsed.ok) return badRequest(parsed);
    result = await completeSignInWithTotp({ token: token ?? "", code: parsed.data.code, key: secondFactorSecretKey(), ip });
  }
  if (result.ok) {
    const response = await startSession(request, result.user, result.redirectTo);
    response.headers.append("Set-Cookie", await clearPendingSignInCookie());
    return response;
  }
  if (result.reason === "wrong") {
    const what = {
      code: "The code is not right",
      recoveryCode: "That recovery code is not right or has been used",
      passkey: "The passkey was not accepted",
    }[field];
    return fieldFailure(field, `${what}. You can try ${result.attemptsLeft} more ${result.attemptsLeft === 1 ? "time" : "times"}`);
  }
  return redirectWithNotice(
    "/login",
    result.reason === "locked" ? "Too many wrong codes. Sign in again with your password." : "Your sign-in timed out. Sign in again.",
    { headers: { "Set-Cookie": await clearPendingSignInCookie() } },
  );
}

export default function SecondFactor() {
  const { methods } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const submit = useSubmit();
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const errors: Record<string, string> = { ...(failure?.fieldErrors ?? {}), ...(passkeyError ? { passkey: passkeyError } : {}) };
  useErrorTitle(Object.keys(errors).length > 0);
  const submitting = navigation.state !== "idle";
  const signInWithPasskey = async () => {
    setPasskeyError(null);
    const result = await passkeySignIn("/login/second-factor/passkey-options");
    if (!result.ok) return setPasskeyError(result.message);
    submit({ intent: "passkey", response: result.response }, { method: "post" });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["code", "passkey", "recoveryCode"]} />
        <h1 className="govuk-heading-l">Check it’s you</h1>
        <p className="govuk-body">Your password was right. To finish signing in, use your second factor.</p>
        {methods.totp ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="totp" />
            <TextInput
              name="code"
              label="Code from your authenticator app"
              labelClassName="govuk-label--m"
              hint="The 6-digit code your app shows now, like 123456"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              widthClass="govuk-input--width-10"
              error={errors.code}
            />
            <Button disabled={submitting}>Continue</Button>
          </Form>
        ) : null}
        {methods.passkeys ? (
          <>
            <h2 className="govuk-heading-m">Use a passkey</h2>
            {hydrated ? (
              <div className={`govuk-form-group${errors.passkey ? " govuk-form-group--error" : ""}`}>
                {errors.passkey ? (
                  <p className="govuk-error-message" id="passkey-error">
                    <span className="govuk-visually-hidden">Error:</span> {errors.passkey}
                  </p>
                ) : null}
                <Button
                  type="button"
                  id="passkey"
                  variant={methods.totp ? "secondary" : undefined}
                  disabled={submitting}
                  aria-describedby={errors.passkey ? "passkey-error" : undefined}
                  onClick={() => void signInWithPasskey()}
                >
                  Sign in with a passkey
                </Button>
              </div>
            ) : (
              <p className="govuk-body" id="passkey">
                Passkeys need JavaScript, which is off in this browser.{" "}
                {methods.totp ? "Use a code from your authenticator app or " : "Use "}a recovery code instead.
              </p>
            )}
          </>
        ) : null}
        {methods.recoveryCodes ? (
          <Details summary="Use a recovery code instead" open={Boolean(errors.recoveryCode) || !methods.totp}>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="recovery" />
              <TextInput
                name="recoveryCode"
                label="Recovery code"
                hint="One of the 10 codes you saved when you set up your second factor, like abcde-12345. Each works once."
                autoComplete="off"
                spellCheck={false}
                widthClass="govuk-input--width-10"
                defaultValue={valueAt(failure?.values, "recoveryCode")}
                error={errors.recoveryCode}
              />
              <Button variant="secondary" disabled={submitting}>
                Use recovery code
              </Button>
            </Form>
          </Details>
        ) : null}
        <p className="govuk-body">
          Lost your second factor and codes? Ask an admin to reset it.{" "}
          <Link className="govuk-link" to="/login">
            Start again
          </Link>
        </p>
      </div>
    </div>
  );
}
