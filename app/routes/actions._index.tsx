import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BulkChangePanel } from "~/components/actions/BulkChangePanel";
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { DueWindowSummary, RegisterFilterForm } from "~/components/actions/RegisterFilters";
import { RegisterTable } from "~/components/actions/RegisterTable";
import { useFormKeyKeptThroughErrors } from "~/components/form-key";
import { ErrorMessage, ErrorSummary, NotificationBanner, PrevNextPagination } from "~/components/govuk";
import { changeActionsAs, listActionOwners, resolveOwner, type Action, type ActionChange, type BulkResultAs } from "~/models/action.server";
import {
  countOutstandingActions,
  listOutstandingActions,
  listRegisterChoices,
  parseCursor,
  resolveRegisterFilters,
} from "~/models/action-register.server";
import { formatDate, pluralise } from "~/domain/format";
import { organisationsInWords } from "~/domain/organisation-names";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { parseForm } from "~/forms/form-data";
import { hasRole } from "~/domain/permissions";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { safeRedirectTarget } from "~/server/session.server";
import { registerQuery } from "~/forms/action-register";
import { bulkChangeSchema, parseRegisterFilters, parseSelectedItem, type BulkChange } from "./__action-register.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.heading ?? "Actions", data?.formFailed) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const url = new URL(request.url);
  const filters = parseRegisterFilters(url.searchParams);
  const viewer = { id: user.id, role: user.role };
  const resolved = resolveRegisterFilters({ filters, viewer });
  const page = listOutstandingActions({
    filters: resolved,
    after: parseCursor(filters.after),
    before: parseCursor(filters.before),
    viewer,
  });
  const counts = countOutstandingActions({ filters: resolved, viewerId: user.id });
  const choices = listRegisterChoices();
  const canChange = hasRole(user.role, "officer");
  const heading = resolved.ownerParam === "me" ? "My actions" : resolved.ownerParam === "mine" ? "My actions and my meetings'" : "Actions";
  return json({
    filters,
    ownerParam: resolved.ownerParam,
    unknownOrganisation: resolved.unknownOrganisation,
    // Named in the summary when there are several (a force and its policing body); their own option in the filter.
    organisationsShown: resolved.organisationsShown.length > 1 ? resolved.organisationsShown : [],
    heading,
    page,
    counts,
    choices: {
      organisations: choices.organisations,
      themes: choices.themes,
      staff: choices.staff.map((s) => ({ id: s.id, name: s.name })),
    },
    owners: canChange ? listActionOwners().map((o) => ({ id: o.id, name: o.name })) : [],
    me: { id: user.id, canOwn: canChange, isManager: hasRole(user.role, "manager") },
    formFailed: renderedAfterFailedPost(request),
  });
}

function changeOf(data: BulkChange): ActionChange {
  switch (data.bulkIntent) {
    case "in_progress":
      return { status: "in_progress" };
    case "done":
      return { status: "done", closingNote: data.bulkClosingNote };
    case "drop":
      return { status: "dropped", closingNote: data.bulkReason };
    case "due_date":
      return { dueDate: data.bulkDueDate };
    case "reassign":
      return resolveOwner({ choice: data.bulkOwner!, ownerName: data.bulkOwnerName, field: "bulkOwner" });
  }
}

function doneMessage(data: BulkChange, count: number, ownerLabel: string | null): string {
  const n = pluralise(count, "action");
  switch (data.bulkIntent) {
    case "in_progress":
      return `${n} marked as in progress`;
    case "done":
      return `${n} marked as done`;
    case "drop":
      return `${n} dropped`;
    case "due_date":
      return `${n} now due on ${formatDate(data.bulkDueDate)}`;
    case "reassign":
      return `${n} reassigned to ${ownerLabel ?? "the new owner"}`;
  }
}

/** What a conflicting action is now, in words, so the user can decide whether to apply their change again. */
function describeNow(action: Action, names: Map<number, string>): string {
  const parts = [ACTION_STATUS_LABELS[action.status]];
  parts.push(action.dueDate ? `due ${formatDate(action.dueDate)}` : "no due date");
  if (action.ownerUserId) parts.push(`owned by ${names.get(action.ownerUserId) ?? "a former member of staff"}`);
  else
    parts.push(
      action.ownerType === "office" ? "owned by the office" : `owned by the stakeholder${action.ownerName ? ` (${action.ownerName})` : ""}`,
    );
  return parts.join(", ");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const parsed = parseForm(bulkChangeSchema, formData);
  if (!parsed.ok) {
    return badRequest(parsed);
  }
  const data = parsed.data;
  let change: ActionChange;
  let result: BulkResultAs;
  try {
    change = changeOf(data);
    result = await changeActionsAs({ items: data.selected.map(parseSelectedItem), change, user: { ...user.actor, role: user.role } });
  } catch (error) {
    return modelErrorResponse(error, { values: { ...data } });
  }

  const owners = listActionOwners();
  const names = new Map(owners.map((o) => [o.id, o.name]));
  const ownerLabel =
    data.bulkIntent === "reassign"
      ? change.ownerUserId
        ? (names.get(change.ownerUserId) ?? null)
        : change.ownerType === "office"
          ? "the office"
          : "the stakeholder"
      : null;
  const back = safeRedirectTarget(data.returnTo, "/actions");
  const returnTo = back.startsWith("/actions") ? back : "/actions";
  const problems = result.conflicts.length + result.refused.length + result.missing.length;
  if (!problems) return redirectWithNotice(returnTo, doneMessage(data, result.changed.length, ownerLabel));
  return json(
    {
      bulkReport: {
        done: result.changed.length ? doneMessage(data, result.changed.length, ownerLabel) : null,
        conflicts: result.conflicts.map((a) => ({ id: a.id, description: a.description, now: describeNow(a, names) })),
        refused: result.refused.map((a) => ({ id: a.id, description: a.description })),
        missing: result.missing.length,
      },
      values: {
        bulkIntent: data.bulkIntent,
        bulkClosingNote: data.bulkClosingNote,
        bulkReason: data.bulkReason,
        bulkDueDate: data.bulkDueDate,
        bulkOwner: data.bulkOwner,
        bulkOwnerName: data.bulkOwnerName,
      },
    },
    { status: result.conflicts.length ? 409 : 200 },
  );
}

type BulkReport = {
  done: string | null;
  conflicts: { id: number; description: string; now: string }[];
  refused: { id: number; description: string }[];
  missing: number;
};

function BulkReportBanner({ report }: { report: BulkReport }) {
  return (
    <NotificationBanner title="Not every selected action was changed">
      {report.done ? <p className="govuk-body">{report.done}.</p> : <p className="govuk-body">No action was changed.</p>}
      {report.conflicts.length ? (
        <>
          <p className="govuk-notification-banner__heading">
            {report.conflicts.length === 1
              ? "1 action was changed by someone else meanwhile and was not updated:"
              : `${report.conflicts.length} actions were changed by someone else meanwhile and were not updated:`}
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {report.conflicts.map((c) => (
              <li key={c.id}>
                <Link className="govuk-notification-banner__link" to={`/actions/${c.id}`}>
                  {c.description}
                </Link>{" "}
                (now {c.now})
              </li>
            ))}
          </ul>
          <p className="govuk-body">Check them below and apply your change again if it still stands.</p>
        </>
      ) : null}
      {report.refused.length ? (
        <>
          <p className="govuk-body">
            {pluralise(report.refused.length, "action was", "actions were")} not changed because you may only change your own actions and
            those of engagements you lead or recorded:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {report.refused.map((c) => (
              <li key={c.id}>{c.description}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.missing ? (
        <p className="govuk-body">
          {pluralise(report.missing, "selected action no longer exists", "selected actions no longer exist")} (or their engagement was
          archived).
        </p>
      ) : null}
    </NotificationBanner>
  );
}

export default function ActionsRegister() {
  const { filters, ownerParam, unknownOrganisation, organisationsShown, heading, page, counts, choices, owners, me } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = actionData && "fieldErrors" in actionData ? actionData : null;
  const formKey = useFormKeyKeptThroughErrors(Boolean(failure));
  const report = actionData && "bulkReport" in actionData ? actionData.bulkReport : null;
  useErrorTitle(Boolean(failure));
  const values = (failure?.values ?? (actionData && "values" in actionData ? actionData.values : undefined)) as
    Record<string, unknown> | undefined;
  const selectable = me.canOwn && page.rows.some((r) => r.canChange);
  const ticked = new Set([failure?.values?.selected].flat().filter((item): item is string => typeof item === "string"));
  const base = { ...filters, owner: ownerParam, after: undefined, before: undefined };
  const pageLink = (cursor: { after?: string; before?: string }) => `/actions${registerQuery({ ...base, ...cursor })}`;
  // Post to the register's own address (filters and page included), so that a failed submission
  // shows the same rows again, and come back to it after a successful one.
  const here = registerQuery({ ...filters, owner: ownerParam });
  const returnTo = `/actions${here}`;
  const formAction = `/actions?index${here ? `&${here.slice(1)}` : ""}`;
  const everyone = Object.values(counts.owner).reduce((a, b) => a + b, 0);
  const filtered = Boolean(
    filters.kind || filters.status || filters.organisation || filters.orgKind || filters.theme || filters.due || filters.q,
  );
  // Words matching too many actions to count by filter (docs/decisions/0031): the figures are left out, never guessed.
  const capped = counts.wordsCappedAt;
  const counted = (label: string, n: number) => (capped === undefined ? `${label} (${n.toLocaleString("en-GB")})` : label);
  const resultsCaption =
    capped !== undefined && counts.total > capped
      ? `More than ${capped.toLocaleString("en-GB")} outstanding actions match these filters`
      : `${pluralise(counts.total, "outstanding action")}${filtered ? (counts.total === 1 ? " matches these filters" : " match these filters") : ""}`;

  return (
    <>
      <ErrorSummary
        errors={failure?.fieldErrors}
        order={["selected", "bulkIntent", "bulkClosingNote", "bulkReason", "bulkDueDate", "bulkOwner"]}
      />
      {report ? <BulkReportBanner report={report} /> : null}
      <span className="govuk-caption-l">Commitments and follow-ups not yet done or dropped</span>
      <h1 className="govuk-heading-l">{heading}</h1>

      {me.canOwn ? (
        <nav className="app-owner-switch" aria-label="Whose actions">
          <ul className="govuk-list app-owner-switch__list">
            <li>
              <Link
                className="govuk-link govuk-link--no-visited-state"
                to={`/actions${registerQuery({ ...base, owner: "mine" })}`}
                aria-current={ownerParam === "mine" ? "page" : undefined}
              >
                {counted("Mine and my meetings'", counts.mine)}
              </Link>
            </li>
            <li>
              <Link
                className="govuk-link govuk-link--no-visited-state"
                to={`/actions${registerQuery({ ...base, owner: "me" })}`}
                aria-current={ownerParam === "me" ? "page" : undefined}
              >
                {counted("My actions", counts.owner[String(me.id)] ?? 0)}
              </Link>
            </li>
            <li>
              <Link
                className="govuk-link govuk-link--no-visited-state"
                to={`/actions${registerQuery({ ...base, owner: "all" })}`}
                aria-current={ownerParam === "all" ? "page" : undefined}
              >
                {counted("Everyone's actions", everyone)}
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}

      {capped === undefined ? (
        <DueWindowSummary filters={filters} ownerParam={ownerParam} counts={counts} />
      ) : (
        <p className="govuk-body" id="words-capped">
          These words match more than {capped.toLocaleString("en-GB")} outstanding actions, too many to count by due date, owner or
          organisation. Add words or choose filters to narrow the list.
        </p>
      )}
      <RegisterFilterForm
        filters={filters}
        ownerParam={ownerParam}
        counts={counts}
        choices={choices}
        organisationsShown={organisationsShown}
        me={me}
      />

      <div className="app-results-bar">
        <h2 className="govuk-heading-m govuk-!-margin-bottom-0" id="results-heading">
          {resultsCaption}
        </h2>
        <a className="govuk-link" href={`/actions.csv${registerQuery({ ...base })}`} download>
          Download these actions as CSV<span className="govuk-visually-hidden"> (all pages)</span>
        </a>
      </div>
      {organisationsShown.length ? (
        <p className="govuk-body" id="organisations-shown">
          Showing the actions of {organisationsInWords(organisationsShown)}.
        </p>
      ) : null}
      {unknownOrganisation ? (
        <p className="govuk-body">
          {organisationsShown.length
            ? "One of the organisations in this address does not exist: its actions are not shown."
            : "The organisation in this address does not exist, so no actions match."}
        </p>
      ) : null}

      {page.rows.length === 0 ? (
        <p className="govuk-body">
          {(ownerParam === "me" || ownerParam === "mine") && !filtered ? (
            <>
              {ownerParam === "me"
                ? "You have no outstanding actions."
                : "You have no outstanding actions, and nor do the engagements you lead or recorded."}{" "}
              <Link className="govuk-link" to={`/actions${registerQuery({ ...base, owner: "all" })}`}>
                See everyone's actions
              </Link>
            </>
          ) : filtered || ownerParam !== "all" ? (
            "No outstanding actions match these filters."
          ) : (
            "There are no outstanding actions."
          )}
        </p>
      ) : selectable ? (
        // After a change succeeds (a redirect), the form starts afresh; after errors it keeps the input.
        <Form method="post" action={formAction} noValidate key={formKey}>
          <input type="hidden" name="returnTo" value={returnTo} />
          {failure?.fieldErrors.selected ? (
            <div className="govuk-form-group govuk-form-group--error" id="selected" tabIndex={-1}>
              <ErrorMessage id="selected-error">{failure.fieldErrors.selected}</ErrorMessage>
            </div>
          ) : null}
          <RegisterTable rows={page.rows} selectable caption={resultsCaption} returnTo={returnTo} ticked={ticked} />
          <PrevNextPagination
            previous={page.previous ? pageLink({ before: page.previous }) : null}
            next={page.next ? pageLink({ after: page.next }) : null}
          />
          <BulkChangePanel staff={owners} errors={failure?.fieldErrors} values={values} />
          {navigation.state === "submitting" ? <p className="govuk-body govuk-!-margin-top-3">Saving…</p> : null}
        </Form>
      ) : (
        <>
          <RegisterTable rows={page.rows} selectable={false} caption={resultsCaption} returnTo={returnTo} />
          <PrevNextPagination
            previous={page.previous ? pageLink({ before: page.previous }) : null}
            next={page.next ? pageLink({ after: page.next }) : null}
          />
        </>
      )}
      <p className="govuk-body-s govuk-!-margin-top-6">
        Overdue actions come first, then by due date; actions with no due date come last. {ACTION_KIND_LABELS.commitment}s are promises made
        in a meeting by either side; follow-ups are next steps the office owes.
      </p>
    </>
  );
}
