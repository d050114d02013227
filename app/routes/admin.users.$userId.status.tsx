import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { BackLink, Button, ErrorSummary, InsetText } from "~/components/govuk";
import { ButtonsAndCancel } from "~/components/admin/AccountFields";
import { getUserById, setUserActive } from "~/models/user.server";
import type { FormFailure } from "~/forms/form-data";
import { parseForm } from "~/forms/form-data";
import { notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { userStatusSchema } from "~/forms/user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data ? `${data.user.active ? "Deactivate" : "Reactivate"} ${data.user.name}'s account` : "Deactivate or reactivate an account",
      data?.hasErrors,
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = getUserById(requireIdParam(params.userId, "Account"));
  if (!user) notFound("Account");
  return json({
    user: { id: user.id, name: user.name, active: user.deactivatedAt == null, version: user.version },
    isSelf: user.id === admin.id,
    hasErrors: renderedAfterFailedPost(request),
  });
}

// The confirmation is one button, so the only "fields" are hidden: their errors go to the button.
const STATUS_BUTTON = "status";

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = requireIdParam(params.userId, "Account");
  if (!getUserById(id)) notFound("Account");
  const parsed = parseForm(userStatusSchema, await request.formData());
  const fail = (message: string, status: number) => {
    return json<FormFailure>({ fieldErrors: { [STATUS_BUTTON]: message }, values: {} }, { status });
  };
  if (!parsed.ok) return fail(Object.values(parsed.fieldErrors)[0] ?? "Reload the page and try again", 400);
  const active = parsed.data.status === "active";
  try {
    const user = await setUserActive({ id, version: parsed.data.version, active, actor: admin.actor });
    return redirectWithNotice(
      `/admin/users/${id}`,
      active
        ? `${user.name}'s account has been reactivated. They can sign in again.`
        : `${user.name}'s account has been deactivated and their sessions ended.`,
    );
  } catch (error) {
    return modelErrorResponse(error, {
      values: {},
      notFound: "Account",
      conflict: () => fail("Someone else changed this account while you were looking at it. Check its status below and try again", 409),
      rule: (rule) => fail(rule.message, 400),
    });
  }
}

export default function AccountStatus() {
  const { user, isSelf, hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  useErrorTitle(hasErrors || Boolean(failure));
  const deactivating = user.active;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/users/${user.id}`}>{user.name}</BackLink>
        <ErrorSummary errors={failure?.fieldErrors} />
        <span className="govuk-caption-l">Staff account</span>
        <h1 className="govuk-heading-l">
          {deactivating ? "Deactivate" : "Reactivate"} {user.name}'s account?
        </h1>
        {deactivating ? (
          <>
            <p className="govuk-body">
              They will be signed out at once, everywhere, and cannot sign in until an admin reactivates the account.
            </p>
            <p className="govuk-body">
              Nothing they recorded is lost: their engagements, actions and history stay, and still show their name.
            </p>
          </>
        ) : (
          <p className="govuk-body">They will be able to sign in again with their existing password, with the role they had.</p>
        )}
        {isSelf && deactivating ? <InsetText>This is your own account. You cannot deactivate it: ask another admin.</InsetText> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={user.version} />
          <input type="hidden" name="status" value={deactivating ? "deactivated" : "active"} />
          <ButtonsAndCancel cancelTo={`/admin/users/${user.id}`}>
            {isSelf && deactivating ? null : (
              <Button id={STATUS_BUTTON} variant={deactivating ? "warning" : undefined} disabled={navigation.state === "submitting"}>
                {deactivating ? "Deactivate account" : "Reactivate account"}
              </Button>
            )}
          </ButtonsAndCancel>
        </Form>
      </div>
    </div>
  );
}
