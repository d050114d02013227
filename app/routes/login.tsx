import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "~/components/govuk";
import { signIn } from "~/models/auth.server";
import { readSecuritySettings } from "~/models/settings.server";
import { countUsers } from "~/models/user.server";
import type { FormFailure } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { officeSignInConfigured } from "~/server/env.server";
import { badRequest } from "~/server/http.server";
import { clientIp } from "~/server/request.server";
import { clearSessionCookie, readSession, safeRedirectTarget, startSession } from "~/server/session.server";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { signInSchema } from "~/forms/auth";
import { startPendingSignIn } from "~/models/second-factor/sign-in.server";
import { pendingSignInSetCookie } from "~/server/second-factor.server";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { RouteHandle } from "~/root";

// Sent without React: the form posts the same with JavaScript on or off, and the action checks it (see app/root.tsx).
export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Sign in", data?.afterFailedPost) }];

// A refused sign-in says when to come back (a page load takes its headers from here, not from the action's response).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { user, staleCookie } = await readSession(request);
  if (user) throw redirect(safeRedirectTarget(url.searchParams.get("redirectTo")));
  return json(
    {
      redirectTo: safeRedirectTarget(url.searchParams.get("redirectTo")),
      signedOut: url.searchParams.has("signedOut"),
      noAccounts: countUsers() === 0,
      afterFailedPost: renderedAfterFailedPost(request),
      ...signInMethods(),
    },
    { headers: staleCookie ? { "Set-Cookie": await clearSessionCookie() } : undefined },
  );
}

/** Office sign-in when configured; passwords unless an admin switched them off (only possible with office sign-in). */
function signInMethods() {
  const officeSignIn = officeSignInConfigured();
  return { officeSignIn, passwordSignIn: !officeSignIn || readSecuritySettings().passwordSignIn };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: clientIp(request),
    officeSignInConfigured: officeSignInConfigured(),
  });
  if (!result.ok) {
    const values = { email: parsed.data.email };
    if (result.reason === "invalid")
      return json<FormFailure>({ fieldErrors: { email: "Enter a correct email address and password" }, values }, 400);
    if (result.reason === "password_sign_in_off")
      return json<FormFailure>(
        { fieldErrors: { email: "Sign in with your office account: password sign-in is switched off" }, values },
        // 400, not 403: nobody is signed in to refuse; the refusal is audited in the model as sign_in_refused.
        { status: 400 },
      );
    const [status, message] =
      result.reason === "throttled"
        ? [429, `Too many failed attempts. Wait ${formatWait(result.retryAfterSeconds)} and try again`]
        : [503, "Too many people are signing in at once; try again shortly"];
    return json<FormFailure>(
      { fieldErrors: { email: message }, values },
      { status, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  const redirectTo = safeRedirectTarget(parsed.data.redirectTo);
  if (result.secondFactorNeeded) {
    // No session yet: the second factor turns this pending sign-in into one.
    const token = await startPendingSignIn({ userId: result.user.id, ip: clientIp(request), redirectTo });
    return redirect("/login/second-factor", { headers: { "Set-Cookie": await pendingSignInSetCookie(token) } });
  }
  return startSession(request, result.user, redirectTo);
}

function formatWait(seconds: number) {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export default function Login() {
  const { redirectTo, signedOut, noAccounts, officeSignIn, passwordSignIn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  // Checked in the browser first (the same schema), then by the action, which alone knows the password.
  const { form, errors, onSubmit } = useValidatedForm(signInSchema, { defaultValues: { redirectTo }, failure });
  useErrorTitle(Object.keys(errors).length > 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {signedOut ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">You have signed out</p>
          </NotificationBanner>
        ) : null}
        {passwordSignIn ? (
          <ErrorSummary errors={errors} order={["email", "password"]} />
        ) : failure ? (
          // A password post made before an admin switched passwords off: no field to link to any more.
          <div className="govuk-inset-text">Password sign-in is switched off. Sign in with your office account.</div>
        ) : null}
        <h1 className="govuk-heading-l">Sign in</h1>
        {noAccounts ? (
          <p className="govuk-body">
            No account exists yet. Use the one-time setup link printed by the server when it started to create the first admin account.
          </p>
        ) : null}
        {officeSignIn ? (
          // A plain form post (not a fetch), with or without JavaScript: the answer sends the browser to the office's provider.
          <Form method="post" action="/auth/oidc" reloadDocument>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <p className="govuk-body">Use the account you sign in to your office computer and email with.</p>
            <Button>Sign in with your office account</Button>
          </Form>
        ) : null}
        {passwordSignIn ? (
          <>
            {officeSignIn ? <h2 className="govuk-heading-m">Or sign in with your email address and password</h2> : null}
            {noAccounts ? null : <p className="govuk-body">Sign in with the email address and password of your staff account.</p>}
            <Form method="post" noValidate onSubmit={onSubmit}>
              <input type="hidden" {...form.register("redirectTo")} defaultValue={redirectTo} />
              <TextInput
                {...form.register("email")}
                label="Email address"
                type="email"
                autoComplete="username"
                spellCheck={false}
                defaultValue={valueAt(failure?.values, "email")}
                error={errors.email}
              />
              <TextInput
                {...form.register("password")}
                label="Password"
                type="password"
                autoComplete="current-password"
                error={errors.password}
              />
              <Button variant={officeSignIn ? "secondary" : undefined} disabled={navigation.state === "submitting"}>
                Sign in
              </Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
