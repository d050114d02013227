import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { ChangeHistoryTable } from "~/components/history/ChangeHistoryTable";
import { pageTitle } from "~/components/page-title";
import { listEngagementHistory, namesForHistory } from "~/models/engagement/history.server";
import { getEngagementVersion } from "~/models/engagement/read.server";
import {
  ACTION_OWNER_TYPE_LABELS,
  ACTION_STATUS_LABELS,
  ENGAGEMENT_FIELD_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
} from "~/domain/engagement-labels";
import { formatDate, formatDateTime } from "~/domain/format";
import { notFound, requireIdParam } from "~/server/http.server";
import { requireUser } from "~/server/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `History of ${data.engagement.title}` : "History") },
];

type Names = ReturnType<typeof namesForHistory>;

function readable(field: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === "") return "None";
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  switch (field) {
    case "kind":
      return ENGAGEMENT_KIND_LABELS[value as keyof typeof ENGAGEMENT_KIND_LABELS] ?? String(value);
    case "status":
      return (
        ENGAGEMENT_STATUS_LABELS[value as keyof typeof ENGAGEMENT_STATUS_LABELS] ??
        ACTION_STATUS_LABELS[value as keyof typeof ACTION_STATUS_LABELS] ??
        String(value)
      );
    case "format":
      return ENGAGEMENT_FORMAT_LABELS[value as keyof typeof ENGAGEMENT_FORMAT_LABELS] ?? String(value);
    case "ownerType":
      return ACTION_OWNER_TYPE_LABELS[value as keyof typeof ACTION_OWNER_TYPE_LABELS] ?? String(value);
    case "date":
    case "dueDate":
      return formatDate(String(value));
    case "archivedAt":
      return formatDateTime(String(value));
    case "leadUserId":
    case "ownerUserId":
      return names.users[value as number] ?? `Account #${value}`;
    case "organisationId":
    case "organisationIds":
      return (
        list(value)
          .map((id) => names.organisations[id as number] ?? `#${id}`)
          .join(", ") || "None"
      );
    case "themeIds":
      return (
        list(value)
          .map((id) => names.themes[id as number] ?? `#${id}`)
          .join(", ") || "None"
      );
    case "attendees":
      return (
        list(value)
          .map((ref) => {
            const m = /^(user|contact):(\d+)$/.exec(String(ref));
            if (!m) return String(ref);
            return m[1] === "user"
              ? (names.users[Number(m[2])] ?? "A member of staff")
              : (names.contacts[Number(m[2])] ?? "A former contact");
          })
          .join(", ") || "None"
      );
    case "agenda":
      return (
        list(value)
          .map((t, i) => `${i + 1}. ${t}`)
          .join("\n") || "None"
      );
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = requireIdParam(params.engagementId, "Engagement");
  const engagement = getEngagementVersion(id);
  if (!engagement) notFound("Engagement");
  const events = listEngagementHistory({ id });
  const names = namesForHistory(events);
  return json({
    engagement,
    events: events.map((e) => {
      const before = parse(e.before);
      const after = parse(e.after);
      const recorded = e.action === "create";
      // Internal links (an agenda item's id) say nothing to a reader; on a creation, empty fields neither.
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
        (f) =>
          f !== "agendaItemId" &&
          !(recorded && (after[f] === null || after[f] === "" || (Array.isArray(after[f]) && !(after[f] as unknown[]).length))),
      );
      return {
        id: e.id,
        when: formatDateTime(e.at),
        who: e.actorEmail ?? "The system",
        summary: e.summary,
        changes: fields.map((f) => ({
          label: ENGAGEMENT_FIELD_LABELS[f] ?? f,
          before: recorded ? null : readable(f, before[f], names),
          after: f in after ? readable(f, after[f], names) : null,
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
        <ChangeHistoryTable
          caption="Changes, newest first"
          events={events}
          renderChange={(c) => (
            <>
              {c.before !== null ? (
                <>
                  <span className="govuk-visually-hidden">was </span>
                  <span className="app-change-list__before">{c.before}</span>
                  {c.after !== null ? " → " : null}
                </>
              ) : null}
              {c.after !== null ? (
                <>
                  {c.before !== null ? <span className="govuk-visually-hidden">now </span> : null}
                  {c.after}
                </>
              ) : null}
            </>
          )}
        />
      ) : (
        <p className="govuk-body">No changes recorded.</p>
      )}
    </>
  );
}
