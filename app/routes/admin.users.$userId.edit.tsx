import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { ButtonsAndCancel, NameAndEmailFields, RoleField } from "~/components/admin/AccountFields";
import { useAccountForm } from "~/components/admin/use-account-form";
import { BackLink, Button, ErrorSummary, InsetText, Table } from "~/components/govuk";
import { getUserById, updateUser, type PublicUser } from "~/models/user.server";
import type { FieldErrors, FormValues } from "~/forms/form-data";
import { parseForm, valueAt } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { USER_FIELD_LABELS } from "~/domain/field-labels";
import { modelErrorResponse } from "~/server/model-errors.server";
import { ROLE_LABELS, type Role } from "~/domain/permissions";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { editUserSchema } from "~/forms/user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Change ${data.user.name}'s account` : "Change an account", data?.hasErrors) },
];

type Editable = { id: number; name: string; email: string; role: Role; version: number };
const editable = (u: PublicUser): Editable => ({ id: u.id, name: u.name, email: u.email, role: u.role, version: u.version });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = getUserById(requireIdParam(params.userId, "Account"));
  if (!user) notFound("Account");
  return json({ user: editable(user), isSelf: user.id === admin.id, hasErrors: renderedAfterFailedPost(request) });
}

const EDITABLE_FIELDS = ["name", "email", "role"] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];
/** After a conflict: the account as it now stands, and what this person changed (null: left as it was). */
type Conflict = { current: Editable; yours: Record<EditableField, string | null> };
type EditFailure = { fieldErrors: FieldErrors; values: FormValues; conflict?: Conflict };

const comparable = (field: EditableField, value: string) => (field === "email" ? value.trim().toLowerCase() : value.trim());

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = requireIdParam(params.userId, "Account");
  if (!getUserById(id)) notFound("Account");
  const formData = await request.formData();
  const parsed = parseForm(editUserSchema, formData);
  if (!parsed.ok) {
    return badRequest(parsed);
  }
  const { version, ...changes } = parsed.data;
  try {
    const user = await updateUser({ id, version, changes, actor: admin.actor });
    return redirectWithNotice(`/admin/users/${id}`, `${user.name}'s account has been updated`);
  } catch (error) {
    return modelErrorResponse(error, {
      values: changes,
      notFound: "Account",
      conflict: (saved: PublicUser) => {
        // The form carries the values it was opened with, so a field this person did not touch takes the
        // other person's saved value, and only their own changes are kept on top.
        const current = editable(saved);
        const yours = {} as Conflict["yours"];
        const values: FormValues = {};
        for (const field of EDITABLE_FIELDS) {
          const original = formData.get(`original.${field}`);
          const touched = typeof original !== "string" || comparable(field, original) !== comparable(field, changes[field]);
          yours[field] = touched ? changes[field] : null;
          values[field] = touched ? changes[field] : current[field];
        }
        return json<EditFailure>(
          {
            fieldErrors: {
              conflict:
                "Someone else changed this account while you were editing it. The form now shows their changes with yours on top: check it, then save again",
            },
            values,
            conflict: { current, yours },
          },
          { status: 409 },
        );
      },
    });
  }
}

const FIELD_ORDER = ["conflict", "name", "email", "role", "version"];

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadEditUserSchema = () => import("~/forms/user").then((m) => m.editUserSchema);

export default function EditAccount() {
  const { user, isSelf, hasErrors } = useLoaderData<typeof loader>();
  const failure = useActionData<EditFailure>();
  // After a conflict the form is rebuilt on the current version, keeping what this person typed.
  const version = failure?.conflict?.current.version ?? user.version;
  return <EditForm key={version} user={user} version={version} isSelf={isSelf} failure={failure} hasErrors={hasErrors} />;
}

function EditForm({
  user,
  version,
  isSelf,
  failure,
  hasErrors,
}: {
  user: Editable;
  version: number;
  isSelf: boolean;
  failure?: EditFailure;
  hasErrors: boolean;
}) {
  const navigation = useNavigation();
  const values = failure?.values;
  const start = {
    name: valueAt(values, "name") ?? user.name,
    email: valueAt(values, "email") ?? user.email,
    role: (valueAt(values, "role") ?? user.role) as Role,
    version: String(version),
  };
  const { form, errors, summaryErrors, onSubmit } = useAccountForm(loadEditUserSchema, { failure, defaultValues: start, hasErrors });
  const conflict = failure?.conflict;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/users/${user.id}`}>{user.name}</BackLink>
        <ErrorSummary errors={summaryErrors} order={FIELD_ORDER} />
        <span className="govuk-caption-l">Staff account</span>
        <h1 className="govuk-heading-l">Change {user.name}'s account</h1>
        {conflict ? <ConflictTable conflict={conflict} /> : null}
        {isSelf ? <InsetText>This is your own account: it must keep the admin role.</InsetText> : null}
        <p className="govuk-body">Changing the role signs them out everywhere, so the new role applies at once.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" defaultValue={start.version} {...form.register("version")} />
          {EDITABLE_FIELDS.map((field) => (
            <input key={field} type="hidden" name={`original.${field}`} value={(conflict?.current ?? user)[field]} />
          ))}
          <NameAndEmailFields register={form.register} errors={errors} values={start} />
          <RoleField register={form.register} errors={errors} value={start.role} />
          <ButtonsAndCancel cancelTo={`/admin/users/${user.id}`}>
            <Button disabled={navigation.state === "submitting"}>Save changes</Button>
          </ButtonsAndCancel>
        </Form>
      </div>
    </div>
  );
}

function ConflictTable({ conflict }: { conflict: Conflict }) {
  const show = (field: EditableField, value: string) => (field === "role" ? (ROLE_LABELS[value as Role] ?? value) : value);
  return (
    <Table
      id="conflict"
      attributes={{ tabIndex: -1 }}
      caption="The account as saved now, and your changes"
      captionClasses="govuk-table__caption--m"
      head={["Field", "Saved now", "Your change (not saved yet)"]}
      firstCellIsHeader
      rows={EDITABLE_FIELDS.map((field) => {
        const yours = conflict.yours[field];
        return {
          key: field,
          cells: [
            USER_FIELD_LABELS[field],
            { classes: "app-prewrap", text: show(field, conflict.current[field]) },
            { classes: "app-prewrap", text: yours == null ? "No change" : show(field, yours) },
          ],
        };
      })}
    />
  );
}
