import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionStatusTag } from "~/components/status-tags";
import { BackLink, Button, Choices, ErrorSummary, SummaryList, Textarea } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { ActionPermissionError, changeActionAs, mayChangeAction, type Action } from "~/models/action.server";
import { getEngagementAction } from "~/models/engagement.server";
import { ConflictError, NotFoundError, RuleError } from "~/models/errors";
import { isOutstanding, isOverdue } from "~/domain/actions";
import { todayInUk } from "~/domain/dates";
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from "~/domain/engagement-labels";
import { formatDate, formatDateTime } from "~/domain/format";
import { formDataToObject, parseForm, valueAt, type FormFailure } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { redirectWithNotice, requireRole } from "~/server/session.server";
import { actionStatusSchema, LIMITS } from "~/forms/engagement";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(data ? `Update ${data.action.kind === "commitment" ? "commitment" : "follow-up"}` : "Update action", data?.hasErrors),
  },
];

function load(params: { engagementId?: string; actionId?: string }) {
  const engagementId = requireIdParam(params.engagementId, "Engagement");
  const actionId = requireIdParam(params.actionId, "Action");
  const found = getEngagementAction(engagementId, actionId);
  if (!found || found.engagement.archivedAt) notFound("Action");
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { action, engagement } = load(params);
  return json({
    action,
    engagement,
    mayChange: mayChangeAction(user, {
      ownerUserId: action.ownerUserId,
      engagementLeadUserId: engagement.leadUserId,
      engagementCreatedById: engagement.createdById,
    }),
    today: todayInUk(),
    hasErrors: renderedAfterFailedPost(request),
  });
}

type Failure = FormFailure & { conflict?: { version: number; status: string; closingNote: string | null } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { action: current, engagement } = load(params);
  const formData = await request.formData();
  const parsed = parseForm(actionStatusSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const ended = parsed.data.status === "done" || parsed.data.status === "dropped";
  try {
    const saved = changeActionAs(
      current.id,
      parsed.data.version,
      { status: parsed.data.status, closingNote: ended ? (parsed.data.closingNote ?? null) : undefined },
      { ...user.actor, role: user.role },
    );
    const what = saved.kind === "commitment" ? "Commitment" : "Follow-up";
    return redirectWithNotice(`/engagements/${engagement.id}`, {
      title: "Success",
      message: `${what} marked ${ACTION_STATUS_LABELS[saved.status].toLowerCase()}`,
    });
  } catch (error) {
    const values = formDataToObject(formData);
    if (error instanceof ConflictError) {
      const now = error.current as Action;
      return json<Failure>(
        {
          fieldErrors: {
            status: `Someone else changed it meanwhile: it is now ${ACTION_STATUS_LABELS[now.status].toLowerCase()}. Check, then save again to replace that`,
          },
          values,
          conflict: { version: now.version, status: now.status, closingNote: now.closingNote },
        },
        { status: 409 },
      );
    }
    if (error instanceof ActionPermissionError) throw new Response(error.message, { status: 403, statusText: "Forbidden" });
    if (error instanceof RuleError) return badRequest({ fieldErrors: { [error.field]: error.message }, values });
    if (error instanceof NotFoundError) notFound("Action");
    throw error;
  }
}

export default function UpdateAction() {
  const { action: a, engagement, mayChange, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const errors = failure?.fieldErrors ?? {};
  useErrorTitle(Object.keys(errors).length > 0);
  const noun = a.kind === "commitment" ? "commitment" : "follow-up";
  const back = `/engagements/${engagement.id}`;
  const open = isOutstanding(a.status);
  const version = failure?.conflict?.version ?? a.version;
  return (
    <>
      <BackLink to={back}>Back to the engagement</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} order={["status", "closingNote", "version"]} />
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">
              {engagement.title}, {formatDate(engagement.date)}
            </span>
            Update {noun}
          </h1>
          <SummaryList
            rows={[
              { key: "What", value: <span className="app-prewrap">{a.description}</span> },
              { key: "Owner", value: a.ownerName },
              { key: "Due", value: a.dueDate ? formatDate(a.dueDate) : "No due date" },
              { key: "Status", value: <ActionStatusTag status={a.status} overdue={isOverdue(a, today)} /> },
              a.closingNote ? { key: "Closing note", value: <span className="app-prewrap">{a.closingNote}</span> } : null,
              a.closedAt ? { key: "Closed", value: formatDateTime(a.closedAt) } : null,
            ]}
          />
          {mayChange ? (
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={version} id="version" />
              <Choices
                type="radio"
                name="status"
                legend="Status"
                legendClassName="govuk-fieldset__legend--m"
                items={ACTION_STATUSES.map((s) => ({
                  value: s,
                  label: ACTION_STATUS_LABELS[s],
                  hint: s === "done" || s === "dropped" ? "Needs a closing note" : undefined,
                }))}
                defaultValue={valueAt(failure?.values, "status") ?? (open ? "done" : a.status)}
                error={errors.status}
              />
              <Textarea
                name="closingNote"
                label="Closing note"
                hint={`What was done, or why it was dropped. Up to ${LIMITS.closingNote.toLocaleString("en-GB")} characters.`}
                defaultValue={valueAt(failure?.values, "closingNote") ?? a.closingNote ?? ""}
                error={errors.closingNote}
                rows={3}
              />
              <div className="govuk-button-group">
                <Button>Save</Button>
                <Link className="govuk-link" to={back}>
                  Cancel
                </Link>
              </div>
            </Form>
          ) : (
            <p className="govuk-body">
              Only its owner, the engagement's lead officer or whoever recorded it, or a manager, can change this {noun}.
            </p>
          )}
        </div>
      </div>
    </>
  );
}
