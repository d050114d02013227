import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { ButtonLink, Tag } from "~/components/govuk";
import { listUsers } from "~/models/user.server";
import { pluralise } from "~/domain/format";
import { ROLE_LABELS } from "~/domain/permissions";
import { requireRole } from "~/server/session.server";

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
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Staff accounts</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Email address
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {users.map((user) => (
            <tr className="govuk-table__row" key={user.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/users/${user.id}`}>
                  {user.name}
                </Link>
                {user.id === adminId ? " (you)" : null}
              </td>
              <td className="govuk-table__cell app-prewrap">{user.email}</td>
              <td className="govuk-table__cell">{ROLE_LABELS[user.role]}</td>
              <td className="govuk-table__cell">{user.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
