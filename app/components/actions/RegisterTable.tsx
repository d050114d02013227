import { Link } from "@remix-run/react";
import type { ActionKind, ActionStatus } from "~/domain/enums";
import { formatDate } from "~/domain/format";
import { ActionStatusTag, OverdueTag } from "~/components/status-tags";
import { ownerLabel } from "~/domain/actions";
import { ACTION_KIND_LABELS } from "~/domain/engagement-labels";

type RegisterRowView = {
  id: number;
  version: number;
  kind: ActionKind;
  description: string;
  status: ActionStatus;
  ownerType: "office" | "stakeholder";
  ownerUserId: number | null;
  ownerUserName: string | null;
  ownerName: string | null;
  dueDate: string | null;
  organisationName: string | null;
  organisationShortName: string | null;
  organisationSlug: string | null;
  engagementId: number;
  engagementTitle: string;
  engagementDate: string;
  overdue: boolean;
  canChange: boolean;
};

/**
 * The register's rows. With `selectable`, each row the user may change has a checkbox named
 * `selected` carrying "id:version", so a bulk change knows which version each row was seen at.
 */
export function RegisterTable({ rows, selectable, caption }: { rows: RegisterRowView[]; selectable: boolean; caption: string }) {
  return (
    <table className="govuk-table app-register-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {selectable ? (
            <th scope="col" className="govuk-table__header app-register-table__select">
              <span className="govuk-visually-hidden">Select</span>
            </th>
          ) : null}
          <th scope="col" className="govuk-table__header app-register-table__action">
            Action
          </th>
          <th scope="col" className="govuk-table__header">
            Whose
          </th>
          <th scope="col" className="govuk-table__header">
            Organisation
          </th>
          <th scope="col" className="govuk-table__header app-register-table__due">
            Due
          </th>
          <th scope="col" className="govuk-table__header">
            From
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.id}>
            {selectable ? (
              <td className="govuk-table__cell app-register-table__select">
                {row.canChange ? (
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id={`select-${row.id}`}
                        name="selected"
                        type="checkbox"
                        value={`${row.id}:${row.version}`}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${row.id}`}>
                        <span className="govuk-visually-hidden">Select: {row.description}</span>
                      </label>
                    </div>
                  </div>
                ) : null}
              </td>
            ) : null}
            <td className="govuk-table__cell">
              <span className="govuk-caption-s app-register-table__kind">
                {ACTION_KIND_LABELS[row.kind]}
                {row.status === "in_progress" ? (
                  <>
                    {" "}
                    <ActionStatusTag status={row.status} />
                  </>
                ) : null}
              </span>
              <Link className="govuk-link app-prewrap" to={`/actions/${row.id}`}>
                {row.description}
              </Link>
            </td>
            <td className="govuk-table__cell">{ownerLabel(row)}</td>
            <td className="govuk-table__cell">
              {row.organisationSlug ? (
                <Link className="govuk-link" to={`/organisations/${row.organisationSlug}`}>
                  {row.organisationShortName || row.organisationName}
                </Link>
              ) : (
                <span className="govuk-hint govuk-!-margin-0">None</span>
              )}
            </td>
            <td className="govuk-table__cell app-register-table__due">
              {row.dueDate ? (
                <span className="app-nowrap">{formatDate(row.dueDate)}</span>
              ) : (
                <span className="govuk-hint govuk-!-margin-0">No due date</span>
              )}
              {row.overdue ? (
                <>
                  <br />
                  <OverdueTag />
                </>
              ) : null}
            </td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/engagements/${row.engagementId}`}>
                {row.engagementTitle}
              </Link>
              <br />
              <span className="govuk-body-s app-nowrap">{formatDate(row.engagementDate)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
