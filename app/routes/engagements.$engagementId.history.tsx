import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ChangeHistoryTable } from "~/components/history/ChangeHistoryTable";
import { pageTitle } from "~/components/page-title";
import { listEngagementHistory, namesForHistory, wordsForHistory } from "~/models/engagement/history.server";
import { actorName, staffNamesById } from "~/models/staff-names.server";
import { readableSummary } from "~/domain/history-words";
import { getEngagementVersion } from "~/models/engagement/read.server";
import { auditValueText, changedFields, parseAuditRecord } from "~/domain/audit";
import { fieldLabel } from "~/domain/field-labels";
import { formatDate, formatDateTime } from "~/domain/format";
import { notFound, requireIdParam } from "~/server/http.server";
import { requireUser } from "~/server/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `History of ${data.engagement.title}` : "History") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementVersion(id);
  if (!engagement) notFound("Engagement");
  const events = listEngagementHistory({ id });
  const names = namesForHistory(events);
  const actors = staffNamesById(events.map((e) => e.actorUserId));
  const words = wordsForHistory(events, id);
  return json({
    engagement,
    events: events.map((e) => {
      const before = parseAuditRecord(e.before) ?? {};
      const after = parseAuditRecord(e.after) ?? {};
      const recorded = e.action === "create";
      const show = (field: string, value: unknown) => auditValueText(e.entityType, field, value, names);
      // Internal links (an agenda item's id) say nothing to a reader; on a creation, empty fields neither.
      const fields = changedFields(before, after).filter((f) => f !== "agendaItemId" && !(recorded && show(f, after[f]) === null));
      return {
        id: e.id,
        when: formatDateTime(e.at),
        who: actorName(e, actors),
        summary: readableSummary(e.summary, words),
        recorded,
        changes: fields.map((f) => ({
          label: fieldLabel(e.entityType, f),
          before: recorded ? null : show(f, before[f]),
          after: show(f, after[f]),
        })),
      };
    }),
  });
}

export default function EngagementHistory() {
  const { engagement, events } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to={`/engagements/${engagement.id}`}>Back to the engagement</BackLink>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          {engagement.title}, {formatDate(engagement.date)}
        </span>
        History
      </h1>
      <p className="govuk-body">Every change to this engagement and its commitments and follow-ups, newest first.</p>
      {events.length ? (
        <ChangeHistoryTable caption="Changes, newest first" events={events} />
      ) : (
        <p className="govuk-body">No changes recorded.</p>
      )}
    </>
  );
}
