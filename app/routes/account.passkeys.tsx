import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useState } from "react";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { BackLink, Button, ErrorSummary, Table, TextInput, WarningText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { passkeyRegistration } from "~/components/second-factor/passkey-ceremony";
import { useHydrated } from "~/components/second-factor/use-hydrated";
import { formatDateTime } from "~/domain/format";
import type { FormFailure } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { passkeyNameSchema } from "~/forms/second-factor.server";
import { listPasskeys, registerPasskey, removePasskey } from "~/models/second-factor/passkeys.server";
import { mustSetUpSecondFactor } from "~/models/second-factor/requirement.server";
import { requireUser } from "~/server/auth.server";
import { secondFactorRequiredByEnvironment } from "~/server/env.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newRecoveryCodesSetCookie, relyingParty } from "~/server/second-factor.server";
import { renewSession } from "~/server/session.server";
import { fieldFailure, parsePasskeyAnswer } from "./__second-factor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Passkeys", data?.afterFailedPost) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    passkeys: listPasskeys(user.id),
    mustSetUp: mustSetUpSecondFactor({ userId: user.id, requiredByEnvironment: secondFactorRequiredByEnvironment() }),
    afterFailedPost: renderedAfterFailedPost(request),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  try {
    if (formData.get("intent") === "remove") {
      const credentialId = formData.get("credentialId");
      const name = await removePasskey({
        actor: user.actor,
        credentialId: typeof credentialId === "string" ? credentialId : "",
        requiredByEnvironment: secondFactorRequiredByEnvironment(),
      });
      return redirectWithNotice("/account/passkeys", `Passkey “${name}” removed.`, {
        headers: { "Set-Cookie": await renewSession(request, user) },
      });
    }
    const parsed = parseForm(passkeyNameSchema, formData);
    if (!parsed.ok) return badRequest(parsed);
    const response = parsePasskeyAnswer<RegistrationResponseJSON>(formData.get("response"));
    if (!response) return fieldFailure("passkey", "Passkeys need JavaScript: turn it on and try again", 400, { name: parsed.data.name });
    const { recoveryCodes } = await registerPasskey({
      actor: user.actor,
      name: parsed.data.name,
      response,
      relyingParty: relyingParty(request),
    });
    const headers = new Headers();
    headers.append("Set-Cookie", await renewSession(request, user));
    if (recoveryCodes) {
      headers.append("Set-Cookie", await newRecoveryCodesSetCookie(recoveryCodes));
      return redirect("/account/recovery-codes", { headers });
    }
    return redirectWithNotice("/account/passkeys", `Passkey “${parsed.data.name}” added.`, { headers });
  } catch (error) {
    return modelErrorResponse(error, { values: { name: formData.get("name") } });
  }
}

export default function Passkeys() {
  const { passkeys, mustSetUp } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const submit = useSubmit();
  const [name, setName] = useState<string>(String(valueAt(failure?.values, "name") ?? ""));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors: Record<string, string> = { ...(failure?.fieldErrors ?? {}), ...clientErrors };
  useErrorTitle(Object.keys(errors).length > 0);
  const submitting = navigation.state !== "idle";
  const add = async () => {
    // The browser's copy of the schema, fetched on first use (zod stays out of the page).
    const schema = await import("~/forms/second-factor").then((m) => m.passkeyNameSchema);
    const parsed = schema.safeParse({ name });
    if (!parsed.success) return setClientErrors({ name: parsed.error.issues[0].message });
    setClientErrors({});
    const result = await passkeyRegistration("/account/passkeys/options");
    if (!result.ok) return setClientErrors({ passkey: result.message });
    submit({ intent: "add", name: parsed.data.name, response: result.response }, { method: "post" });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {mustSetUp ? null : <BackLink to="/account">Your account</BackLink>}
        <ErrorSummary errors={errors} order={["name", "passkey"]} />
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Passkeys</h1>
        {mustSetUp ? (
          <WarningText>The office requires a second factor. Add a passkey or set up an authenticator app before you continue.</WarningText>
        ) : null}
        <p className="govuk-body">
          A passkey is a second factor kept by your computer, phone or security key and unlocked with its screen lock or PIN. You can have
          several, for example one on your laptop and a security key.
        </p>
        {passkeys.length ? (
          <Table
            caption="Your passkeys"
            captionClasses="govuk-table__caption--m"
            head={["Name", "Added", "Last used", { html: <span className="govuk-visually-hidden">Action</span> }]}
            rows={passkeys.map((passkey) => ({
              key: passkey.credentialId,
              cells: [
                passkey.name,
                formatDateTime(passkey.createdAt),
                passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : "Not yet",
                <Form method="post" key="remove">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="credentialId" value={passkey.credentialId} />
                  <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                    Remove<span className="govuk-visually-hidden"> passkey {passkey.name}</span>
                  </button>
                </Form>,
              ],
            }))}
          />
        ) : (
          <p className="govuk-body">You have no passkeys.</p>
        )}
        <h2 className="govuk-heading-m">Add a passkey</h2>
        {hydrated ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void add();
            }}
          >
            <TextInput
              name="name"
              label="Name for this passkey"
              hint="So you can tell your passkeys apart, like “Work laptop” or “Blue security key”"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={errors.name}
              autoComplete="off"
            />
            <div className={`govuk-form-group${errors.passkey ? " govuk-form-group--error" : ""}`}>
              {errors.passkey ? (
                <p className="govuk-error-message" id="passkey-error">
                  <span className="govuk-visually-hidden">Error:</span> {errors.passkey}
                </p>
              ) : null}
              <Button id="passkey" disabled={submitting} aria-describedby={errors.passkey ? "passkey-error" : undefined}>
                Add a passkey
              </Button>
            </div>
          </form>
        ) : (
          <p className="govuk-body" id="passkey">
            Adding a passkey needs JavaScript, which is off in this browser. You can use an authenticator app instead.
          </p>
        )}
      </div>
    </div>
  );
}
