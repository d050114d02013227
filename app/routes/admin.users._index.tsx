import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { ButtonLink, Table, Tag } from "~/components/govuk";
import { listUsers } from "~/models/user.server";
import { pluralise } from "~/domain/format";
import { ROLE_LABELS } from "~/domain/permissions";
import { requireRole } from "~/server/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Staff accounts") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const users = listUsers().map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, active: u.deactivatedAt == null }));
  return json({ users, adminId: admin.id });
}

export default function StaffAccounts() {
  const { users, adminId } = useLoaderData<typeof loader>();
  const active = users.filter((u) => u.active).length;
  return (
    <>
      <h1 className="govuk-heading-l">Staff accounts</h1>
      <p className="govuk-body">
        {pluralise(users.length, "account")}, {active.toLocaleString("en-GB")} active. Deactivated accounts cannot sign in; their records
        and history stay.
      </p>
      <ButtonLink to="/admin/users/new">Create an account</ButtonLink>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/security">
          Sign-in security settings
        </Link>{" "}
        (require a second factor, password sign-in)
      </p>
      <Table
        caption="Staff accounts"
        captionClasses="govuk-visually-hidden"
        head={["Name", "Email address", "Role", "Status"]}
        rows={users.map((user) => ({
          key: user.id,
          cells: [
            <>
              <Link className="govuk-link" to={`/admin/users/${user.id}`}>
                {user.name}
              </Link>
              {user.id === adminId ? " (you)" : null}
            </>,
            { classes: "app-prewrap", text: user.email },
            ROLE_LABELS[user.role],
            { html: user.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag> },
          ],
        }))}
      />
    </>
  );
}
