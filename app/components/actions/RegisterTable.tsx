import { Link } from "@remix-run/react";
import { Table } from "~/components/govuk";
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
export function RegisterTable({
  rows,
  selectable,
  caption,
  returnTo,
  ticked,
}: {
  rows: RegisterRowView[];
  selectable: boolean;
  caption: string;
  /** The "id:version" of the rows ticked in a submission that came back with errors: ticked again, so nobody ticks twice. */
  ticked?: ReadonlySet<string>;
  /** The register's address with its filters: the action's page comes back to it ("Back to actions", and after a change). */
  returnTo?: string;
}) {
  const actionHref = (id: number) => `/actions/${id}${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  return (
    <Table
      classes="app-register-table"
      caption={caption}
      captionClasses="govuk-visually-hidden"
      head={[
        selectable && { classes: "app-register-table__select", html: <span className="govuk-visually-hidden">Select</span> },
        { classes: "app-register-table__action", text: "Action" },
        "Whose",
        "Organisation",
        { classes: "app-register-table__due", text: "Due" },
        "From",
      ]}
      rows={rows.map((row) => ({
        key: row.id,
        cells: [
          selectable && {
            classes: "app-register-table__select",
            html: row.canChange ? (
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={`select-${row.id}`}
                    name="selected"
                    type="checkbox"
                    value={`${row.id}:${row.version}`}
                    defaultChecked={ticked?.has(`${row.id}:${row.version}`)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${row.id}`}>
                    <span className="govuk-visually-hidden">Select: {row.description}</span>
                  </label>
                </div>
              </div>
            ) : null,
          },
          <>
            <span className="govuk-caption-s app-register-table__kind">
              {ACTION_KIND_LABELS[row.kind]}
              {row.status === "in_progress" ? (
                <>
                  {" "}
                  <ActionStatusTag status={row.status} />
                </>
              ) : null}
            </span>
            <Link className="govuk-link app-prewrap" to={actionHref(row.id)}>
              {row.description}
            </Link>
          </>,
          ownerLabel(row),
          row.organisationSlug ? (
            <Link
              className="govuk-link"
              to={`/organisations/${row.organisationSlug}`}
              title={
                row.organisationShortName && row.organisationName !== row.organisationShortName
                  ? (row.organisationName ?? undefined)
                  : undefined
              }
            >
              {row.organisationShortName || row.organisationName}
            </Link>
          ) : (
            <span className="govuk-hint govuk-!-margin-0">None</span>
          ),
          {
            classes: "app-register-table__due",
            html: (
              <>
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
              </>
            ),
          },
          <>
            <Link className="govuk-link" to={`/engagements/${row.engagementId}`}>
              {row.engagementTitle}
            </Link>
            <br />
            <span className="govuk-body-s app-nowrap">{formatDate(row.engagementDate)}</span>
          </>,
        ],
      }))}
    />
  );
}
