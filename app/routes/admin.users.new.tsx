import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ROLE_ITEMS } from "~/components/admin/roles";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { useSummaryErrors } from "~/components/admin/use-summary-errors";
import { BackLink, Button, Choices, ErrorSummary, TextInput } from "~/components/govuk";
import { createUser } from "~/models/user.server";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { useValidatedForm } from "~/forms/use-validated-form";
import { createUserSchema } from "~/forms/user";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Create an account", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = parseForm(createUserSchema, await request.formData());
  if (!parsed.ok) {
    return badRequest(parsed);
  }
  const { password, name, email, role } = parsed.data;
  try {
    const user = await createUser({ input: { name, email, role, password }, actor: admin.actor });
    return redirectWithNotice(`/admin/users/${user.id}`, {
      message: `Account created for ${user.name}`,
      title: "Success",
    });
  } catch (error) {
    return modelErrorResponse(error, { values: { name, email, role } });
  }
}

const FIELD_ORDER = ["name", "email", "role", "password", "confirmPassword"];

export default function NewAccount() {
  const { hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, errors, onSubmit } = useValidatedForm(createUserSchema, { failure });
  const summaryErrors = useSummaryErrors(errors, form.formState.submitCount, failure);
  useErrorTitle(hasErrors || Object.keys(summaryErrors).length > 0);
  const values = failure?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Staff accounts</BackLink>
        <ErrorSummary errors={summaryErrors} order={FIELD_ORDER} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">Give the new member of staff their password in person or by phone, never by email.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextInput
            label="Full name"
            autoComplete="off"
            spellCheck={false}
            defaultValue={valueAt(values, "name")}
            error={errors.name}
            {...form.register("name")}
          />
          <TextInput
            label="Email address"
            hint="They sign in with this address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            defaultValue={valueAt(values, "email")}
            error={errors.email}
            {...form.register("email")}
          />
          <Choices
            name="role"
            type="radio"
            legend="Role"
            legendClassName="govuk-fieldset__legend--m"
            hint="What they may do. You can change it later."
            items={ROLE_ITEMS}
            defaultValue={valueAt(values, "role")}
            error={errors.role}
            inputProps={form.register("role")}
          />
          <TextInput
            label="Password"
            hint="12 to 128 characters. A passphrase of several words is easier to remember. You can paste it."
            type="password"
            autoComplete="new-password"
            widthClass="govuk-!-width-two-thirds"
            error={errors.password}
            {...form.register("password")}
          />
          <TextInput
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            widthClass="govuk-!-width-two-thirds"
            error={errors.confirmPassword}
            {...form.register("confirmPassword")}
          />
          <Button disabled={navigation.state === "submitting"}>Create account</Button>
        </Form>
      </div>
    </div>
  );
}
