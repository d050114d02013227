import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  BackLink,
  Button,
  Choices,
  DateInput,
  ErrorSummary,
  SummaryList,
  Table,
  TextInput,
  Textarea,
  WarningText,
} from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { TakeUpTag } from "~/components/recommendations/tags";
import { formatDate, formatDateTime } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { TAKE_UP_STATUS_LABELS, TAKE_UP_STATUSES } from "~/domain/recommendations";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { formDataToObject, parseForm, valueAt } from "~/forms/form-data";
import { archivalSchema, takeUpSchema } from "~/forms/recommendations.server";
import { DiscussedAt } from "~/components/recommendations/DiscussedAt";
import { shortNameOf } from "~/domain/organisation-names";
import { engagementsOfRecommendation } from "~/models/recommendation/links.server";
import { getRecommendation, getTakeUp } from "~/models/recommendation/read.server";
import { setTakeUp, setTakeUpRemoved } from "~/models/recommendation/write.server";
import { recommendationIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { badRequest, requireIdParam } from "~/server/http.server";
import { modelErrorResponse, loadOr404 } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data
        ? `${shortNameOf({ name: data.takeUp.organisationName, shortName: data.takeUp.organisationShortName })}: recommendation ${data.recommendation.number}`
        : "Take-up",
      data?.hasErrors,
    ),
  },
];

function ids(params: LoaderFunctionArgs["params"]) {
  return { recommendationId: recommendationIdOf(params), organisationId: requireIdParam(params.organisationId, "Take-up") };
}

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const { recommendationId, organisationId } = ids(params);
  const takeUp = getTakeUp({ recommendationId, organisationId });
  const r = getRecommendation({ id: recommendationId });
  return json({
    takeUp,
    recommendation: {
      id: r.id,
      number: r.number,
      text: r.text,
      reportTitle: r.reportTitle,
      reportId: r.reportId,
      dueOn: r.dueOn,
      archived: Boolean(r.archivedAt),
    },
    movedBy: engagementsOfRecommendation({ recommendationId, organisationId }),
    canEdit: hasRole(user.role, "officer"),
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const { recommendationId, organisationId } = ids(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove" || intent === "restore")
    return changePresence({ recommendationId, organisationId, formData, removed: intent === "remove", actor: user.actor });
  const parsed = parseForm(takeUpSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const { version, statusOn, source, note, status } = parsed.data;
  try {
    await setTakeUp({
      recommendationId,
      organisationId,
      version,
      input: { status, statusOn: statusOn!, source: source ?? null, note: note ?? null },
      actor: user.actor,
    });
    return redirectWithNotice(
      `/recommendations/${recommendationId}/bodies/${organisationId}`,
      `Take-up recorded: ${TAKE_UP_STATUS_LABELS[status]}`,
    );
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Take-up" });
  }
}

/** Take the body off the recommendation, or put it back (its take-up and history are kept either way). */
async function changePresence({
  recommendationId,
  organisationId,
  formData,
  removed,
  actor,
}: {
  recommendationId: number;
  organisationId: number;
  formData: FormData;
  removed: boolean;
  actor: Parameters<typeof setTakeUpRemoved>[0]["actor"];
}) {
  const parsed = parseForm(archivalSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    await setTakeUpRemoved({ recommendationId, organisationId, version: parsed.data.version, removed, actor });
    return redirectWithNotice(
      removed ? `/recommendations/${recommendationId}` : `/recommendations/${recommendationId}/bodies/${organisationId}`,
      removed ? "Body taken off the recommendation: its take-up and history are kept" : "Body put back on the recommendation",
    );
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Take-up" });
  }
}

export default function TakeUpPage() {
  const { takeUp, recommendation: r, canEdit, movedBy } = useLoaderData<typeof loader>();
  const body = shortNameOf({ name: takeUp.organisationName, shortName: takeUp.organisationShortName });
  const removed = Boolean(takeUp.archivedAt);
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure));
  const values = failure?.values ?? {
    status: takeUp.status,
    statusOn: takeUp.statusOn ?? "",
    source: takeUp.source ?? "",
    note: takeUp.note ?? "",
  };
  const errors = failure?.fieldErrors ?? {};
  // A stale version is told once, at the form that was sent: taking the body off (or putting it back) sends no status.
  const presenceFailed = Boolean(failure && !failure.values?.status);
  const statusOn = datePartsOf(values, "statusOn");
  return (
    <>
      <BackLink to={`/recommendations/${r.id}`}>Back to recommendation {r.number}</BackLink>
      <ErrorSummary errors={failure?.fieldErrors} order={["status", "statusOn", "source", "note", "version"]} />
      <span className="govuk-caption-l">
        {r.reportTitle}, recommendation {r.number}
      </span>
      <h1 className="govuk-heading-l">
        {body}: take-up of recommendation {r.number}
      </h1>
      {removed ? (
        <WarningText>
          {body} was taken off this recommendation on {formatDate(takeUp.archivedAt!.slice(0, 10))}: its take-up is kept but no longer
          counted.
        </WarningText>
      ) : null}
      <p className="govuk-body app-prewrap">{r.text}</p>
      <SummaryList
        rows={[
          { key: "Status", value: <TakeUpTag status={takeUp.status} /> },
          { key: "Since", value: takeUp.statusOn ? formatDate(takeUp.statusOn) : "Not recorded" },
          { key: "Source", value: takeUp.source ?? "" },
          { key: "Note", value: <span className="app-prewrap">{takeUp.note ?? ""}</span> },
          { key: "Date to be met by", value: r.dueOn ? formatDate(r.dueOn) : "None given" },
          {
            key: "Organisation",
            value: (
              <Link className="govuk-link" to={`/organisations/${takeUp.organisationSlug}`}>
                {body}
              </Link>
            ),
          },
        ]}
      />
      {canEdit && !r.archived && !removed ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record a change</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={takeUp.version} />
              {errors.version && !presenceFailed ? (
                <p className="govuk-error-message" id="version">
                  {errors.version}
                </p>
              ) : null}
              <Choices
                type="radio"
                name="status"
                legend="Status"
                legendClassName="govuk-fieldset__legend--s"
                items={TAKE_UP_STATUSES.map((s) => ({ value: s, label: TAKE_UP_STATUS_LABELS[s] }))}
                defaultValue={valueAt(values, "status")}
                error={errors.status}
                small
              />
              <DateInput
                name="statusOn"
                legend="Date of the status"
                legendClassName="govuk-fieldset__legend--s"
                values={statusOn}
                error={errors.statusOn}
                errorParts={datePartsInError(statusOn, errors.statusOn)}
              />
              <TextInput
                name="source"
                label="Source (optional)"
                hint="For example, the force's published response or a later inspection"
                error={errors.source}
                defaultValue={valueAt(values, "source") ?? ""}
              />
              <Textarea name="note" label="Note (optional)" error={errors.note} defaultValue={valueAt(values, "note") ?? ""} />
              <Button>Save take-up</Button>
            </Form>
          </div>
        </div>
      ) : null}
      <DiscussedAt
        caption={`Engagements with ${body} that named it`}
        rows={movedBy}
        none={`No engagement with ${body} has named this recommendation yet: name it on an agenda item, commitment or follow-up.`}
      />
      <h2 className="govuk-heading-m">History</h2>
      {takeUp.history.length ? (
        <Table
          caption="Every change of this take-up, newest first"
          captionClasses="govuk-visually-hidden"
          head={["Recorded", "By", "Status", "Date of status", "Source", "Note"]}
          rows={takeUp.history.map((h) => ({
            key: h.id,
            cells: [
              formatDateTime(h.changedAt),
              h.changedBy ?? "A former member of staff",
              h.change === "status" ? (
                <TakeUpTag key="s" status={h.status} />
              ) : h.change === "removed" ? (
                "Taken off the recommendation"
              ) : (
                "Put back on the recommendation"
              ),
              h.statusOn ? formatDate(h.statusOn) : "",
              h.source ?? "",
              h.note ?? "",
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No change recorded yet: the status has been “Not yet known” since the recommendation was added.</p>
      )}
      {canEdit && !r.archived ? (
        <Form method="post" noValidate>
          <h2 className="govuk-heading-m">{removed ? "Put the body back" : "Take the body off this recommendation"}</h2>
          {errors.version && presenceFailed ? (
            <p className="govuk-error-message" id="version">
              <span className="govuk-visually-hidden">Error:</span> {errors.version}
            </p>
          ) : null}
          <p className="govuk-body">
            {removed
              ? `${body} will be counted again, with the take-up it had.`
              : `If the recommendation was not addressed to ${body} after all. Its take-up and history are kept, and it can be put back.`}
          </p>
          <input type="hidden" name="version" value={takeUp.version} />
          <Button variant={removed ? "secondary" : "warning"} name="intent" value={removed ? "restore" : "remove"}>
            {removed ? `Put ${body} back` : `Take ${body} off`}
          </Button>
        </Form>
      ) : null}
    </>
  );
}
