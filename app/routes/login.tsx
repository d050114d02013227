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
  return startSession(request, result.user, parsed.data.redirectTo ?? "/");
}

function formatWait(seconds: number) {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export default function Login() {
  const { redirectTo, signedOut, noAccounts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  useErrorTitle(Boolean(failure && Object.keys(failure.fieldErrors).length));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {signedOut ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">You have signed out</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={failure?.fieldErrors} order={["email", "password"]} />
        <h1 className="govuk-heading-l">Sign in</h1>
        {noAccounts ? (
          <p className="govuk-body">
            No account exists yet. Use the one-time setup link printed by the server when it started to create the first admin account.
          </p>
        ) : (
          <p className="govuk-body">Sign in with the email address and password of your staff account.</p>
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={valueAt(failure?.values, "email")}
            error={failure?.fieldErrors.email}
          />
          <TextInput
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={failure?.fieldErrors.password}
          />
          <Button disabled={navigation.state === "submitting"}>Sign in</Button>
        </Form>
      </div>
    </div>
  );
}
