import { newCreateKey } from "~/models/create-keys.server";
import { createKeyOf } from "~/forms/field-checks";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NameAndEmailFields, NewPasswordFields, RoleField } from "~/components/admin/AccountFields";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { useAccountForm } from "~/components/admin/use-account-form";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import { createUser } from "~/models/user.server";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { createUserSchema } from "~/forms/user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Create an account", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ createKey: newCreateKey(), hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseForm(createUserSchema, formData);
  if (!parsed.ok) {
    return badRequest(parsed);
  }
  const { password, name, email, role } = parsed.data;
  try {
    const user = await createUser({ input: { name, email, role, password }, actor: admin.actor, createKey: createKeyOf(formData) });
    return redirectWithNotice(`/admin/users/${user.id}`, {
      message: `Account created for ${user.name}`,
      title: "Success",
    });
  } catch (error) {
    return modelErrorResponse(error, { values: { name, email, role } });
  }
}

const FIELD_ORDER = ["name", "email", "role", "password", "confirmPassword"];

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadCreateUserSchema = () => import("~/forms/user").then((m) => m.createUserSchema);

export default function NewAccount() {
  const { createKey, hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, errors, summaryErrors, onSubmit } = useAccountForm(loadCreateUserSchema, { failure, hasErrors });
  const values = failure?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/users">Staff accounts</BackLink>
        <ErrorSummary errors={summaryErrors} order={FIELD_ORDER} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">Give the new member of staff their password in person or by phone, never by email.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="createKey" value={createKey} readOnly />
          <NameAndEmailFields
            register={form.register}
            errors={errors}
            values={{ name: valueAt(values, "name"), email: valueAt(values, "email") }}
          />
          <RoleField
            register={form.register}
            errors={errors}
            value={valueAt(values, "role")}
            hint="What they may do. You can change it later."
          />
          <NewPasswordFields register={form.register} errors={errors} />
          <Button disabled={navigation.state === "submitting"}>Create account</Button>
        </Form>
      </div>
    </div>
  );
}
