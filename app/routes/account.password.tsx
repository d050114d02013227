import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ButtonsAndCancel, NewPasswordFields } from "~/components/admin/AccountFields";
import { useAccountForm } from "~/components/admin/use-account-form";
import { BackLink, Button, ErrorSummary, TextInput } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { parseForm } from "~/forms/form-data";
import { changePasswordSchema } from "~/forms/second-factor.server";
import { changeOwnPassword } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";
import { renewSession } from "~/server/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Change your password", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(changePasswordSchema, await request.formData());
  if (!parsed.ok) return badRequest({ ...parsed, values: {} });
  try {
    await changeOwnPassword({ currentPassword: parsed.data.currentPassword, newPassword: parsed.data.password, actor: user.actor });
  } catch (error) {
    // Never hand a password back: the page asks for them again.
    return modelErrorResponse(error, { values: {} });
  }
  return redirectWithNotice("/account", "Your password has been changed. You have been signed out everywhere else.", {
    headers: { "Set-Cookie": await renewSession(request, user) },
  });
}

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadChangePasswordSchema = () => import("~/forms/second-factor").then((m) => m.changePasswordSchema);

export default function ChangePassword() {
  const { hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, errors, summaryErrors, onSubmit } = useAccountForm(loadChangePasswordSchema, { failure, hasErrors });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/account">Your account</BackLink>
        <ErrorSummary errors={summaryErrors} order={["currentPassword", "password", "confirmPassword"]} />
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Change your password</h1>
        <p className="govuk-body">You will stay signed in here and be signed out everywhere else.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextInput
            label="Current password"
            type="password"
            autoComplete="current-password"
            widthClass="govuk-!-width-two-thirds"
            error={errors.currentPassword}
            {...form.register("currentPassword")}
          />
          <NewPasswordFields register={form.register} errors={errors} label="New password" />
          <ButtonsAndCancel cancelTo="/account">
            <Button disabled={navigation.state === "submitting"}>Change password</Button>
          </ButtonsAndCancel>
        </Form>
      </div>
    </div>
  );
}
