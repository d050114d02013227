import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import type { DefaultValues, FieldValues, Path, UseFormRegister } from "react-hook-form";
import type { z } from "zod";
import type { ActionStatus } from "~/domain/enums";
import { OwnerFields } from "~/components/actions/ChangeFields";
import { ActionStatusTag, OverdueTag } from "~/components/status-tags";
import { isOverdue, ownerLabel } from "~/domain/actions";
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { BackLink, Button, DateInput, ErrorSummary, NotificationBanner, SummaryList, Table, Textarea } from "~/components/govuk";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
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
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";
import { formDataToObject, parseForm, valueAt, type FieldErrors, type FormValues } from "~/forms/form-data";
import { flattenErrors, useValidatedForm, type SchemaSource } from "~/forms/use-validated-form";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { safeRedirectTarget } from "~/server/session.server";
import { ACTION_INTENTS, singleChangeSchemas, type ActionIntent } from "~/forms/actions.server";
import { wordsForHistory } from "~/models/engagement/history.server";
import { actorName, staffNamesById } from "~/models/staff-names.server";
import { readableSummary } from "~/domain/history-words";

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

/** What the back link says: the register (with its filters, when it came from there) is "actions". */
function backLabel(returnTo: string | null): string {
  if (!returnTo || returnTo === "/actions" || returnTo.startsWith("/actions?")) return "Back to actions";
  if (returnTo === "/") return "Back to the dashboard";
  return "Back";
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The action's history in words: who by name, and the action and engagements by their words, not their numbers. */
function actionHistory(id: number) {
  const events = listEntityHistory({ entityType: "action", entityId: id, limit: 20 });
  const actors = staffNamesById(events.map((e) => e.actorUserId));
  const words = wordsForHistory(events);
  return events.map((e) => ({ id: e.id, at: e.at, who: actorName(e, actors), summary: readableSummary(e.summary, words) }));
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
    history: actionHistory(id),
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
  // Errors the browser found in one of the forms (before anything was sent); a server answer replaces them.
  const [browserErrors, setBrowserErrors] = useState<FieldErrors>({});
  useEffect(() => setBrowserErrors({}), [result]);
  const summaryErrors = Object.keys(browserErrors).length ? browserErrors : failure?.fieldErrors;
  useErrorTitle(Boolean(failure) || Object.keys(browserErrors).length > 0);
  const formProps = { version: a.version, returnTo, failure, onBrowserErrors: setBrowserErrors };
  const ended = a.status === "done" || a.status === "dropped";
  const overdue = isOverdue(a, today);
  const owner = ownerLabel({
    ...a,
    ownerUserName: detail.ownerUserName,
    organisationName: organisation ? shortNameOf(organisation) : undefined,
  });

  return (
    <>
      <BackLink to={returnTo ?? "/actions"}>{backLabel(returnTo)}</BackLink>
      <ErrorSummary errors={summaryErrors} />
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
                <Link
                  className="govuk-link"
                  to={`/organisations/${organisation.slug}`}
                  title={fullNameBeyondShort(organisation) ?? undefined}
                >
                  {shortNameOf(organisation)}
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
              <ChangeSection name="reopen" heading="Reopen it">
                <p className="govuk-body">If it was closed by mistake, reopen it: it goes back on the register as open.</p>
                <ConfirmForm intent="reopen" {...formProps}>
                  <Button variant="secondary">Reopen this action</Button>
                </ConfirmForm>
              </ChangeSection>
            ) : (
              <>
                <ChangeSection name="done" heading="Mark as done">
                  <NoteChangeForm key={a.version} intent="done" values={valuesFor("done")} {...formProps} />
                  {a.status === "open" ? (
                    <ConfirmForm intent="in_progress" {...formProps}>
                      <p className="govuk-body">Or, if work has started:</p>
                      <Button variant="secondary">Mark as in progress</Button>
                    </ConfirmForm>
                  ) : null}
                </ChangeSection>

                <ChangeSection name="due" heading="Change the due date">
                  <ChangeForm key={a.version} intent="due_date" schema={loadChangeDueDateSchema} {...formProps}>
                    {({ register, errors }) => (
                      <>
                        <DateInput
                          name="dueDate"
                          legend="New due date"
                          values={datePartsOf(valuesFor("due_date") ?? { dueDate: a.dueDate }, "dueDate")}
                          error={errors.dueDate}
                          errorParts={datePartsInError(datePartsOf(valuesFor("due_date"), "dueDate"), errors.dueDate)}
                          partProps={(part) => register(`dueDate-${part}`)}
                        />
                        <Button variant="secondary">Change the due date</Button>
                      </>
                    )}
                  </ChangeForm>
                </ChangeSection>

                <ChangeSection name="reassign" heading="Reassign it">
                  <ConfirmForm intent="reassign" {...formProps}>
                    <OwnerFields
                      ownerName="owner"
                      nameName="ownerName"
                      staff={owners}
                      errors={errorsFor("reassign")}
                      values={valuesFor("reassign")}
                    />
                    <Button variant="secondary">Reassign</Button>
                  </ConfirmForm>
                </ChangeSection>

                <ChangeSection name="drop" heading="Drop it">
                  <NoteChangeForm key={a.version} intent="drop" values={valuesFor("drop")} {...formProps} />
                </ChangeSection>
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
          rows={history.map((h) => ({ key: h.id, cells: [formatDateTime(h.at), h.who, h.summary] }))}
        />
      ) : (
        <p className="govuk-body">No changes since it was recorded.</p>
      )}
    </>
  );
}

type ChangeFormProps = {
  intent: ActionIntent;
  version: number;
  returnTo: string | null;
  failure: Failure | null;
  onBrowserErrors: (errors: FieldErrors) => void;
};

/** What every change sends besides its fields: which change, the version it was made against, where to go back to. */
function ChangeContext({ intent, version, returnTo }: { intent: ActionIntent; version: number; returnTo: string | null }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
    </>
  );
}

/** A change with nothing typed, only a button (or fields the browser does not check): a plain post. */
function ConfirmForm({ intent, version, returnTo, children }: ChangeFormProps & { children: ReactNode }) {
  return (
    <Form method="post" noValidate>
      <ChangeContext intent={intent} version={version} returnTo={returnTo} />
      {children}
    </Form>
  );
}

/**
 * A change with fields a person types: checked in the browser with the same schema the action parses,
 * and still a plain post without JavaScript.
 */
function ChangeForm<Input extends FieldValues, Output>({
  intent,
  version,
  returnTo,
  failure,
  onBrowserErrors,
  schema,
  children,
}: ChangeFormProps & {
  schema: SchemaSource<Input, Output>;
  children: (fields: { register: UseFormRegister<Input>; errors: FieldErrors }) => ReactNode;
}) {
  const { form, errors, onSubmit } = useValidatedForm(schema, {
    failure: failure?.intent === intent ? failure : null,
    defaultValues: { intent, version: String(version) } as unknown as DefaultValues<Input>,
  });
  const { submitCount } = form.formState;
  useEffect(() => {
    if (submitCount) onBrowserErrors(flattenErrors(form.formState.errors));
    // Only a submit reports: the summary changes then, as GOV.UK asks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitCount]);
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" defaultValue={intent} {...form.register("intent" as Path<Input>)} />
      <input type="hidden" defaultValue={version} {...form.register("version" as Path<Input>)} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      {children({ register: form.register, errors })}
    </Form>
  );
}

// The schemas the action parses, loaded when first needed so that zod stays out of the page's scripts (docs/decisions/0028).
const loadChangeDueDateSchema = () => import("~/forms/actions").then((m) => m.changeDueDateSchema);

/** The two changes that ask for a note: the schema the action parses, the field, its label and hint, the button. */
const NOTE_FORMS = {
  done: {
    schema: () => import("~/forms/actions").then((m) => m.markDoneSchema),
    field: "closingNote",
    label: "Closing note",
    hint: "What was done, and where the evidence is",
    button: <Button>Mark as done</Button>,
  },
  drop: {
    schema: () => import("~/forms/actions").then((m) => m.dropActionSchema),
    field: "reason",
    label: "Reason for dropping it",
    hint: "Why it will not be done",
    button: <Button variant="warning">Drop this action</Button>,
  },
} as const;

/** A change with one note to type: what was done, or why it will not be. */
function NoteChangeForm({
  intent,
  values,
  ...props
}: ChangeFormProps & {
  intent: keyof typeof NOTE_FORMS;
  /** What was typed, handed back after a failure or a conflict. */
  values: FormValues | undefined;
}) {
  const { schema, field, label, hint, button } = NOTE_FORMS[intent];
  return (
    <ChangeForm intent={intent} schema={schema as SchemaSource<FieldValues, unknown>} {...props}>
      {({ register, errors }) => (
        <>
          <Textarea label={label} hint={hint} rows={3} defaultValue={valueAt(values, field)} error={errors[field]} {...register(field)} />
          {button}
        </>
      )}
    </ChangeForm>
  );
}

/** One change on the page, under its own heading (which names the section for screen readers). */
function ChangeSection({ name, heading, children }: { name: string; heading: string; children: ReactNode }) {
  return (
    <section className="app-section" aria-labelledby={`${name}-heading`}>
      <h2 className="govuk-heading-m" id={`${name}-heading`}>
        {heading}
      </h2>
      {children}
    </section>
  );
}
