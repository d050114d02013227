import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary } from "~/components/govuk";
import { NameAndEmailFields, NewPasswordFields } from "~/components/admin/AccountFields";
import { useAccountForm } from "~/components/admin/use-account-form";
import { completeSetup, isSetupTokenValid } from "~/models/auth.server";
import { RuleError } from "~/models/errors";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest, notFound } from "~/server/http.server";
import { clientIp } from "~/server/request.server";
import { startSession } from "~/server/session.server";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { setupSchema } from "~/forms/auth.server";

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

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadSetupSchema = () => import("~/forms/auth").then((m) => m.setupSchema);

export default function Setup() {
  const { token, afterFailedPost } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { form, errors, summaryErrors, onSubmit } = useAccountForm(loadSetupSchema, { failure, hasErrors: afterFailedPost });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors} order={["name", "email", "password", "confirmPassword"]} />
        <h1 className="govuk-heading-l">Create the first admin account</h1>
        <p className="govuk-body">
          This account manages the other staff accounts. This page works once: after you create the account, the link stops working.
        </p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" defaultValue={token} {...form.register("token")} />
          <NameAndEmailFields
            register={form.register}
            errors={errors}
            values={{ name: valueAt(failure?.values, "name"), email: valueAt(failure?.values, "email") }}
            ownAccount
          />
          <NewPasswordFields register={form.register} errors={errors} />
          <Button>Create account and sign in</Button>
        </Form>
      </div>
    </div>
  );
}
