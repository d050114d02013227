import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput } from "~/components/govuk";
import { completeSetup, isSetupTokenValid } from "~/models/auth.server";
import { RuleError } from "~/models/errors";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest, notFound } from "~/server/http.server";
import { clientIp } from "~/server/request.server";
import { startSession } from "~/server/session.server";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { setupSchema } from "~/forms/auth";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Create the first admin account", data?.afterFailedPost) },
];

// Reachable only with the one-time token printed at first start, and only while no account exists.
export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!isSetupTokenValid(token)) notFound();
  return json({ token, afterFailedPost: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = String(formData.get("token") ?? "");
  if (!isSetupTokenValid(token)) notFound();
  const parsed = parseForm(setupSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const user = await completeSetup({ token, input: parsed.data, ip: clientIp(request) });
    return startSession(request, user, "/");
  } catch (error) {
    if (error instanceof RuleError) notFound();
    throw error;
  }
}

export default function Setup() {
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure && Object.keys(failure.fieldErrors).length));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={failure?.fieldErrors} order={["name", "email", "password", "confirmPassword"]} />
        <h1 className="govuk-heading-l">Create the first admin account</h1>
        <p className="govuk-body">
          This account manages the other staff accounts. This page works once: after you create the account, the link stops working.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="token" value={token} />
          <TextInput
            name="name"
            label="Full name"
            autoComplete="name"
            defaultValue={valueAt(failure?.values, "name")}
            error={failure?.fieldErrors.name}
          />
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
            hint="At least 12 characters. A passphrase of several words is easier to remember. You can paste it."
            type="password"
            autoComplete="new-password"
            error={failure?.fieldErrors.password}
          />
          <TextInput
            name="confirmPassword"
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            error={failure?.fieldErrors.confirmPassword}
          />
          <Button>Create account and sign in</Button>
        </Form>
      </div>
    </div>
  );
}
