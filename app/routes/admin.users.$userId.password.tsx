import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { ButtonsAndCancel, NewPasswordFields } from "~/components/admin/AccountFields";
import { useAccountForm } from "~/components/admin/use-account-form";
import { BackLink, Button, ErrorSummary, WarningText } from "~/components/govuk";
import { getUserById, resetPassword } from "~/models/user.server";
import { parseForm } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { resetPasswordSchema } from "~/forms/user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Reset ${data.user.name}'s password` : "Reset a password", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = getUserById(requireIdParam(params.userId, "Account"));
  if (!user) notFound("Account");
  return json({ user: { id: user.id, name: user.name }, isSelf: user.id === admin.id, hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = requireIdParam(params.userId, "Account");
  const user = getUserById(id);
  if (!user) notFound("Account");
  const formData = await request.formData();
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) {
    return badRequest(parsed);
  }
  try {
    await resetPassword({ id, password: parsed.data.password, actor: admin.actor });
  } catch (error) {
    // Never hand a password back: the page asks for it again.
    return modelErrorResponse(error, { values: {}, notFound: "Account" });
  }
  // Resetting your own password ends your own session too, so you sign in again with the new one.
  if (id === admin.id) return redirectWithNotice("/login", "Your password has been reset. Sign in with the new password.");
  return redirectWithNotice(
    `/admin/users/${id}`,
    `${user.name}'s password has been reset and their sessions ended. They sign in with the new password.`,
  );
}

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadResetPasswordSchema = () => import("~/forms/user").then((m) => m.resetPasswordSchema);

export default function ResetPassword() {
  const { user, isSelf, hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, errors, summaryErrors, onSubmit } = useAccountForm(loadResetPasswordSchema, { failure, hasErrors });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/users/${user.id}`}>{user.name}</BackLink>
        <ErrorSummary errors={summaryErrors} order={["password", "confirmPassword"]} />
        <span className="govuk-caption-l">Staff account</span>
        <h1 className="govuk-heading-l">Reset {user.name}'s password</h1>
        <WarningText>
          {isSelf
            ? "You will be signed out everywhere, including here, and sign in again with the new password."
            : `${user.name} will be signed out everywhere at once. Give them the new password in person or by phone, never by email.`}
        </WarningText>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <NewPasswordFields register={form.register} errors={errors} label="New password" />
          <ButtonsAndCancel cancelTo={`/admin/users/${user.id}`}>
            <Button variant="warning" disabled={navigation.state === "submitting"}>
              Reset password
            </Button>
          </ButtonsAndCancel>
        </Form>
      </div>
    </div>
  );
}
