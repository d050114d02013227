import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "~/components/govuk";
import { signIn } from "~/models/auth.server";
import { countUsers } from "~/models/user.server";
import type { FormFailure } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { clientIp } from "~/server/request.server";
import { getUser, safeRedirectTarget, startSession } from "~/server/session.server";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { signInSchema } from "~/forms/auth";
import { startPendingSignIn } from "~/models/second-factor/sign-in.server";
import { pendingSignInSetCookie } from "~/server/second-factor.server";
import { useValidatedForm } from "~/forms/use-validated-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Sign in", data?.afterFailedPost) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getUser(request)) throw redirect(safeRedirectTarget(url.searchParams.get("redirectTo")));
  return json({
    redirectTo: safeRedirectTarget(url.searchParams.get("redirectTo")),
    signedOut: url.searchParams.has("signedOut"),
    noAccounts: countUsers() === 0,
    afterFailedPost: renderedAfterFailedPost(request),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: clientIp(request) });
  if (!result.ok) {
    const values = { email: parsed.data.email };
    const message =
      result.reason === "throttled"
        ? `Too many failed attempts. Wait ${formatWait(result.retryAfterSeconds)} and try again`
        : "Enter a correct email address and password";
    return json<FormFailure>({ fieldErrors: { email: message }, values }, { status: result.reason === "throttled" ? 429 : 400 });
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
  const { redirectTo, signedOut, noAccounts } = useLoaderData<typeof loader>();
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
        <ErrorSummary errors={errors} order={["email", "password"]} />
        <h1 className="govuk-heading-l">Sign in</h1>
        {noAccounts ? (
          <p className="govuk-body">
            No account exists yet. Use the one-time setup link printed by the server when it started to create the first admin account.
          </p>
        ) : (
          <p className="govuk-body">Sign in with the email address and password of your staff account.</p>
        )}
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
          <Button disabled={navigation.state === "submitting"}>Sign in</Button>
        </Form>
      </div>
    </div>
  );
}
