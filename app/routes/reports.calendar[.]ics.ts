import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportOwnerLabel } from "~/domain/actions";
import { ACTION_KIND_LABELS, ENGAGEMENT_FORMAT_LABELS, ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { countCalendarItems, upcomingDueActions, upcomingEngagements } from "~/models/report/calendar.server";
import { describeEngagementFilters } from "~/models/report/choices.server";
import { filtersInOneLine, recordReportExport } from "~/models/report/export-audit.server";
import type { CalendarAction, CalendarEngagement } from "~/domain/report-types";
import { todayInUk } from "~/domain/dates";
import { exportHeaders, toWebStream } from "~/exports/export.server";
import { formatDate } from "~/domain/format";
import { calendarEnd, calendarStart, eventLines, ICS_CONTENT_TYPE, utcStamp, type CalendarEvent } from "~/exports/ics.server";
import { appUrl, invalidReportResponse, parseReportEngagementFilters } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";

function engagementEvent(e: CalendarEngagement, base: string, host: string): CalendarEvent {
  const kind = ENGAGEMENT_KIND_LABELS[e.kind] ?? e.kind;
  return {
    uid: `engagement-${e.id}@${host}`,
    summary: e.title,
    date: e.date,
    startTime: e.startTime,
    endTime: e.endTime,
    location: [e.format ? ENGAGEMENT_FORMAT_LABELS[e.format] : null, e.location, e.country].filter(Boolean).join(", ") || undefined,
    description: [
      e.marking,
      `${kind} with ${e.organisations || "no organisation recorded"}`,
      e.purpose ? `Purpose: ${e.purpose}` : null,
      `${base}/engagements/${e.id}`,
    ]
      .filter(Boolean)
      .join("\n"),
    classification: e.marking === "OFFICIAL-SENSITIVE" ? "CONFIDENTIAL" : "PRIVATE",
    url: `${base}/engagements/${e.id}`,
    categories: ["Engagement", kind],
  };
}

function actionEvent(a: CalendarAction, base: string, host: string): CalendarEvent {
  const what = ACTION_KIND_LABELS[a.kind] ?? a.kind;
  return {
    uid: `action-${a.id}@${host}`,
    summary: `${what} due: ${a.description.length > 120 ? `${a.description.slice(0, 117)}...` : a.description}`,
    date: a.dueDate,
    description: [
      a.marking,
      a.description,
      `Owner: ${reportOwnerLabel(a)}`,
      `From: ${a.engagementTitle} (${formatDate(a.engagementDate)})`,
      `${base}/engagements/${a.engagementId}`,
    ].join("\n"),
    classification: a.marking === "OFFICIAL-SENSITIVE" ? "CONFIDENTIAL" : "PRIVATE",
    url: `${base}/engagements/${a.engagementId}`,
    categories: [what],
  };
}

/**
 * Upcoming engagements (planned, from today) and the due dates of open actions, for the report's organisations,
 * kinds and themes, as an iCalendar file to import into Outlook. The report's period does not apply: the calendar
 * is about what is still to come.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const parsed = parseReportEngagementFilters(url.searchParams);
  if (!parsed.ok) return invalidReportResponse(parsed.fieldErrors);
  const { filters } = parsed;
  const today = todayInUk();
  const counts = countCalendarItems({ filters, today });
  await recordReportExport({
    actor: user.actor,
    format: "ics",
    rows: counts.engagements + counts.actions,
    rowNoun: `calendar entries (${counts.engagements} engagements, ${counts.actions} due dates)`,
    filters: `from ${formatDate(today)} on; ${filtersInOneLine(describeEngagementFilters(filters))}`,
    query: url.searchParams.toString(),
    marking: counts.marking,
  });
  const base = appUrl(request);
  const host = url.hostname;
  const stamp = utcStamp(new Date());
  function* calendar() {
    yield calendarStart(`${counts.marking} engagements and due dates`);
    for (const batch of upcomingEngagements({ filters, today }))
      yield batch.map((e) => eventLines(engagementEvent(e, base, host), stamp)).join("");
    for (const batch of upcomingDueActions({ filters, today }))
      yield batch.map((a) => eventLines(actionEvent(a, base, host), stamp)).join("");
    yield calendarEnd();
  }
  return new Response(toWebStream(calendar()), {
    headers: exportHeaders(ICS_CONTENT_TYPE, `${counts.marking} engagements and due dates from ${today}.ics`),
  });
}
