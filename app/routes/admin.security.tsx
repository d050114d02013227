import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, Button, Choices, ErrorSummary, InsetText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import type { FormFailure } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { securitySettingsSchema } from "~/forms/second-factor.server";
import { readSecuritySettings, updateSecuritySettings } from "~/models/settings.server";
import { requireRole } from "~/server/auth.server";
import { officeSignInConfigured, secondFactorRequiredByEnvironment } from "~/server/env.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Sign-in security", data?.afterFailedPost) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const current = readSecuritySettings();
  return json({
    stored: { requireSecondFactor: current.requireSecondFactor, passwordSignIn: current.passwordSignIn },
    requiredByEnvironment: secondFactorRequiredByEnvironment(),
    officeSignIn: officeSignInConfigured(),
    afterFailedPost: renderedAfterFailedPost(request),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseForm(securitySettingsSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    await updateSecuritySettings({
      changes: { requireSecondFactor: parsed.data.requireSecondFactor === "on", passwordSignIn: parsed.data.passwordSignIn === "on" },
      actor: admin.actor,
      officeSignInConfigured: officeSignInConfigured(),
    });
  } catch (error) {
    return modelErrorResponse(error, { values: parsed.data });
  }
  return redirectWithNotice("/admin/security", "Sign-in security settings saved.");
}

const ON_OFF = (on: string, off: string) => [
  { value: "on", label: on },
  { value: "off", label: off },
];

export default function SecuritySettings() {
  const { stored, requiredByEnvironment, officeSignIn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  const value = (field: "requireSecondFactor" | "passwordSignIn") =>
    String(valueAt(failure?.values, field) ?? (stored[field] ? "on" : "off"));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Staff accounts</BackLink>
        <ErrorSummary errors={errors} order={["requireSecondFactor", "passwordSignIn"]} />
        <span className="govuk-caption-l">Admin</span>
        <h1 className="govuk-heading-l">Sign-in security</h1>
        <Form method="post" noValidate>
          {requiredByEnvironment ? (
            <InsetText>The server’s settings require a second factor of everyone (REQUIRE_MFA=true), whatever is chosen below.</InsetText>
          ) : null}
          <Choices
            name="requireSecondFactor"
            type="radio"
            legend="Require a second factor"
            legendClassName="govuk-fieldset__legend--m"
            hint="When required, anyone without an authenticator app or passkey must set one up when they next sign in, before they can do anything else."
            items={ON_OFF("Required of everyone", "Optional")}
            defaultValue={value("requireSecondFactor")}
            error={errors.requireSecondFactor}
          />
          <Choices
            name="passwordSignIn"
            type="radio"
            legend="Password sign-in"
            legendClassName="govuk-fieldset__legend--m"
            hint={
              officeSignIn
                ? "Office sign-in is configured. With password sign-in off, everyone signs in with their office account."
                : "Office sign-in is not configured, so password sign-in must stay on."
            }
            items={ON_OFF("On: people may sign in with their email address and password", "Off: office sign-in only")}
            defaultValue={value("passwordSignIn")}
            error={errors.passwordSignIn}
          />
          <Button disabled={navigation.state !== "idle"}>Save settings</Button>
        </Form>
      </div>
    </div>
  );
}
