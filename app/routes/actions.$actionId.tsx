import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import type { ActionStatus } from "~/domain/enums";
import { OwnerFields } from "~/components/actions/ChangeFields";
import { ActionStatusTag, OverdueTag } from "~/components/status-tags";
import { isOverdue, ownerLabel } from "~/domain/actions";
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { BackLink, Button, DateInput, ErrorSummary, NotificationBanner, SummaryList, Table, Textarea } from "~/components/govuk";
import { datePartsInError, datePartsOf } from "~/forms/fields";
import {
  changeActionAs,
  getActionDetail,
  listActionOwners,
  mayChangeAction,
  resolveOwner,
  type Action,
  type ActionChange,
} from "~/models/action.server";
import { listEntityHistory } from "~/models/audit.server";
import { todayInUk } from "~/domain/dates";
import { formatDate, formatDateTime, organisationKindLabel } from "~/domain/format";
import { formDataToObject, parseForm, valueAt, type FormValues } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { safeRedirectTarget } from "~/server/session.server";
import { ACTION_INTENTS, singleChangeSchemas, type ActionIntent } from "~/forms/actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data ? `${ACTION_KIND_LABELS[data.detail.action.kind]}: ${truncate(data.detail.action.description, 60)}` : "Action",
      data?.formFailed,
    ),
  },
];

/**
 * Where to go back to after a change (`?returnTo=/engagements/12` from the engagement page): a path on
 * this site only, never another site's address; null when there is none or it is not one.
 */
function returnTarget(value: FormDataEntryValue | string | null): string | null {
  return safeRedirectTarget(value, "") || null;
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const id = requireIdParam(params.actionId, "Action");
  const detail = getActionDetail(id);
  if (!detail) notFound("Action");
  const canChange = mayChangeAction({
    user,
    facts: {
      ownerUserId: detail.action.ownerUserId,
      engagementLeadUserId: detail.engagement.leadUserId,
      engagementCreatedById: detail.engagement.createdById,
    },
  });
  return json({
    detail,
    canChange,
    owners: canChange ? listActionOwners().map((o) => ({ id: o.id, name: o.name })) : [],
    history: listEntityHistory({ entityType: "action", entityId: id, limit: 20 }).map((e) => ({
      id: e.id,
      at: e.at,
      who: e.actorEmail,
      summary: e.summary,
    })),
    today: todayInUk(),
    returnTo: returnTarget(new URL(request.url).searchParams.get("returnTo")),
    formFailed: renderedAfterFailedPost(request),
  });
}

type Failure = { intent: ActionIntent | null; fieldErrors: Record<string, string>; values: FormValues };

function changeFor(intent: ActionIntent, data: z.output<(typeof singleChangeSchemas)[ActionIntent]>): ActionChange {
  switch (intent) {
    case "in_progress":
      return { status: "in_progress" };
    case "done":
      return { status: "done", closingNote: (data as { closingNote: string }).closingNote };
    case "drop":
      return { status: "dropped", closingNote: (data as { reason: string }).reason };
    case "reopen":
      return { status: "open" };
    case "due_date":
      return { dueDate: (data as { dueDate: string }).dueDate };
    case "reassign": {
      const d = data as { owner: string; ownerName?: string };
      return resolveOwner({ choice: d.owner, ownerName: d.ownerName, field: "owner" });
    }
  }
}

const NOTICES: Record<ActionIntent, string> = {
  in_progress: "Action marked as in progress",
  done: "Action marked as done",
  drop: "Action dropped",
  reopen: "Action reopened",
  due_date: "Due date changed",
  reassign: "Action reassigned",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.actionId, "Action");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as ActionIntent;
  if (!ACTION_INTENTS.includes(intent)) {
    return badRequest({ fieldErrors: { form: "Choose what to change" }, values: formDataToObject(formData) });
  }
  const parsed = parseForm(singleChangeSchemas[intent], formData);
  if (!parsed.ok) {
    return json({ intent, fieldErrors: parsed.fieldErrors, values: parsed.values } satisfies Failure, { status: 400 });
  }
  const values = formDataToObject(formData);
  try {
    // A refusal (ActionPermissionError) is audited by the model and answered 403.
    await changeActionAs({
      id,
      version: parsed.data.version,
      change: changeFor(intent, parsed.data),
      user: { ...user.actor, role: user.role },
      what: intent,
    });
  } catch (error) {
    return modelErrorResponse(error, {
      values,
      notFound: "Action",
      rule: (rule) => json({ intent, fieldErrors: rule.fieldErrors, values } satisfies Failure, { status: 400 }),
      conflict: (current: Action) =>
        json(
          {
            intent,
            conflict: { status: current.status as ActionStatus, dueDate: current.dueDate, closingNote: current.closingNote },
            values,
          },
          { status: 409 },
        ),
    });
  }
  return redirectWithNotice(returnTarget(formData.get("returnTo")) ?? `/actions/${id}`, NOTICES[intent]);
}

export default function ActionPage() {
  const { detail, canChange, owners, history, today, returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { action: a, engagement, organisation } = detail;
  const failure = result && "fieldErrors" in result ? (result as Failure) : null;
  const conflict = result && "conflict" in result ? result : null;
  const errorsFor = (intent: ActionIntent) => (failure?.intent === intent ? failure.fieldErrors : undefined);
  const valuesFor = (intent: ActionIntent) =>
    failure?.intent === intent ? failure.values : conflict?.intent === intent ? conflict.values : undefined;
  useErrorTitle(Boolean(failure));
  const ended = a.status === "done" || a.status === "dropped";
  const overdue = isOverdue(a, today);
  const owner = ownerLabel({ ...a, ownerUserName: detail.ownerUserName, organisationName: organisation?.name });

  return (
    <>
      <BackLink to={returnTo ?? "/actions"}>{returnTo ? "Back" : "Back to actions"}</BackLink>
      <ErrorSummary errors={failure?.fieldErrors} />
      {conflict ? (
        <NotificationBanner title="Someone else changed this action">
          <p className="govuk-notification-banner__heading">
            Your change was not saved: someone else changed this action since you opened it.
          </p>
          <p className="govuk-body">
            It is now {ACTION_STATUS_LABELS[conflict.conflict.status]},{" "}
            {conflict.conflict.dueDate ? `due ${formatDate(conflict.conflict.dueDate)}` : "with no due date"}
            {conflict.conflict.closingNote ? `, with the note: “${conflict.conflict.closingNote}”` : ""}. The page below shows it as it is
            now, with what you entered kept: check it and submit again if your change still stands.
          </p>
        </NotificationBanner>
      ) : null}

      <span className="govuk-caption-l">{ACTION_KIND_LABELS[a.kind]}</span>
      <h1 className="govuk-heading-l app-prewrap">{a.description}</h1>
      <p className="govuk-body">
        <ActionStatusTag status={a.status} /> {overdue ? <OverdueTag /> : null}
      </p>

      <SummaryList
        rows={[
          { key: "Whose", value: owner },
          {
            key: "Organisation",
            value: organisation ? (
              <>
                <Link className="govuk-link" to={`/organisations/${organisation.slug}`}>
                  {organisation.name}
                </Link>
                <br />
                <span className="govuk-body-s">{organisationKindLabel(organisation.kind)}</span>
              </>
            ) : (
              "None"
            ),
          },
          { key: "Due", value: a.dueDate ? formatDate(a.dueDate) : "No due date" },
          {
            key: "From",
            value: (
              <>
                <Link className="govuk-link" to={`/engagements/${engagement.id}`}>
                  {engagement.title}
                </Link>
                <br />
                <span className="govuk-body-s">{formatDate(engagement.date)}</span>
              </>
            ),
          },
          a.closingNote
            ? {
                key: a.status === "dropped" ? "Reason for dropping" : "Closing note",
                value: <span className="app-prewrap">{a.closingNote}</span>,
              }
            : null,
          a.closedAt
            ? {
                key: a.status === "dropped" ? "Dropped" : "Closed",
                value: `${formatDateTime(a.closedAt)}${detail.closedByName ? ` by ${detail.closedByName}` : ""}`,
              }
            : null,
          { key: "Last changed", value: formatDateTime(a.updatedAt) },
        ]}
      />

      {canChange ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {ended ? (
              <section className="app-section" aria-labelledby="reopen-heading">
                <h2 className="govuk-heading-m" id="reopen-heading">
                  Reopen it
                </h2>
                <p className="govuk-body">If it was closed by mistake, reopen it: it goes back on the register as open.</p>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="reopen" />
                  <input type="hidden" name="version" value={a.version} />
                  {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                  <Button variant="secondary">Reopen this action</Button>
                </Form>
              </section>
            ) : (
              <>
                <section className="app-section" aria-labelledby="done-heading">
                  <h2 className="govuk-heading-m" id="done-heading">
                    Mark as done
                  </h2>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="done" />
                    <input type="hidden" name="version" value={a.version} />
                    {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                    <Textarea
                      name="closingNote"
                      label="Closing note"
                      hint="What was done, and where the evidence is"
                      rows={3}
                      defaultValue={valueAt(valuesFor("done"), "closingNote")}
                      error={errorsFor("done")?.closingNote}
                    />
                    <Button>Mark as done</Button>
                  </Form>
                  {a.status === "open" ? (
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="in_progress" />
                      <input type="hidden" name="version" value={a.version} />
                      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                      <p className="govuk-body">Or, if work has started:</p>
                      <Button variant="secondary">Mark as in progress</Button>
                    </Form>
                  ) : null}
                </section>

                <section className="app-section" aria-labelledby="due-heading">
                  <h2 className="govuk-heading-m" id="due-heading">
                    Change the due date
                  </h2>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="due_date" />
                    <input type="hidden" name="version" value={a.version} />
                    {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                    <DateInput
                      name="dueDate"
                      legend="New due date"
                      values={datePartsOf(valuesFor("due_date") ?? { dueDate: a.dueDate }, "dueDate")}
                      error={errorsFor("due_date")?.dueDate}
                      errorParts={datePartsInError(datePartsOf(valuesFor("due_date"), "dueDate"), errorsFor("due_date")?.dueDate)}
                    />
                    <Button variant="secondary">Change the due date</Button>
                  </Form>
                </section>

                <section className="app-section" aria-labelledby="reassign-heading">
                  <h2 className="govuk-heading-m" id="reassign-heading">
                    Reassign it
                  </h2>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="reassign" />
                    <input type="hidden" name="version" value={a.version} />
                    {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                    <OwnerFields
                      ownerName="owner"
                      nameName="ownerName"
                      staff={owners}
                      errors={errorsFor("reassign")}
                      values={valuesFor("reassign")}
                    />
                    <Button variant="secondary">Reassign</Button>
                  </Form>
                </section>

                <section className="app-section" aria-labelledby="drop-heading">
                  <h2 className="govuk-heading-m" id="drop-heading">
                    Drop it
                  </h2>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="drop" />
                    <input type="hidden" name="version" value={a.version} />
                    {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
                    <Textarea
                      name="reason"
                      label="Reason for dropping it"
                      hint="Why it will not be done"
                      rows={3}
                      defaultValue={valueAt(valuesFor("drop"), "reason")}
                      error={errorsFor("drop")?.reason}
                    />
                    <Button variant="warning">Drop this action</Button>
                  </Form>
                </section>
              </>
            )}
          </div>
        </div>
      ) : (
        <p className="govuk-body">
          {ended
            ? "This action is closed."
            : "Only its owner, the officer who led or recorded the engagement, or a manager can change this action."}
        </p>
      )}

      <h2 className="govuk-heading-m">History</h2>
      {history.length ? (
        <Table
          caption="Changes to this action, newest first"
          captionClasses="govuk-visually-hidden"
          head={["When", "Who", "What"]}
          rows={history.map((h) => ({ key: h.id, cells: [formatDateTime(h.at), h.who ?? "System", h.summary] }))}
        />
      ) : (
        <p className="govuk-body">No changes since it was recorded.</p>
      )}
    </>
  );
}
