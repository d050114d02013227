import { SummaryList, Table } from "~/components/govuk";
import { formatDate } from "~/domain/format";
import type { ReportEngagement } from "~/domain/report-types";
import { ActionStatusTag, OverdueTag } from "~/components/status-tags";
import { isOverdue, reportOwnerLabel } from "~/domain/actions";
import {
  ACTION_KIND_LABELS,
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
  formatTimeRange,
} from "~/domain/engagement-labels";
import { shortNameOf } from "~/domain/organisation-names";

type Level = 1 | 2 | 3 | 4 | 5 | 6;

function Heading({ level, className, children }: { level: Level; className: string; children: React.ReactNode }) {
  const Tag = `h${Math.min(level, 6)}` as "h2";
  return <Tag className={className}>{children}</Tag>;
}

/** Text with line breaks kept (and long words wrapped). */
function Text({ children }: { children: string | null | undefined }) {
  return <span className="app-prewrap">{children}</span>;
}

/** One engagement as the printable summary shows it; its title at heading `level`, its parts one level below. */
export function EngagementReport({
  engagement: e,
  level,
  today,
  showTitle = true,
}: {
  engagement: ReportEngagement;
  level: Level;
  today: string;
  showTitle?: boolean;
}) {
  const partLevel = Math.min(level + (showTitle ? 1 : 0), 6) as Level;
  const where = [e.format ? ENGAGEMENT_FORMAT_LABELS[e.format] : null, e.location, e.country].filter(Boolean).join(", ");
  return (
    <article className="app-report-engagement" aria-label={showTitle ? `${formatDate(e.date)}: ${e.title}` : undefined}>
      {showTitle ? (
        <Heading level={level} className="govuk-heading-s app-report-engagement__title">
          {formatDate(e.date)}: {e.title}
        </Heading>
      ) : null}
      <SummaryList
        rows={[
          { key: "Date", value: [formatDate(e.date), formatTimeRange(e.startTime, e.endTime)].filter(Boolean).join(", ") },
          {
            key: "Kind",
            value: `${ENGAGEMENT_KIND_LABELS[e.kind] ?? e.kind} (${(ENGAGEMENT_STATUS_LABELS[e.status] ?? e.status).toLowerCase()})`,
          },
          { key: "Organisations", value: e.organisations.map((o) => shortNameOf(o)).join(", ") || "None recorded" },
          where ? { key: "Format and place", value: where } : null,
          e.leadName ? { key: "Lead officer", value: e.leadName } : null,
          e.themes.length ? { key: "Themes", value: e.themes.join(", ") } : null,
          e.purpose ? { key: "Purpose", value: <Text>{e.purpose}</Text> } : null,
          e.summary ? { key: "Summary of outcomes", value: <Text>{e.summary}</Text> } : null,
          { key: "Marking", value: e.marking },
        ]}
      />

      {e.attendees.length ? (
        <Table
          caption="Attendees"
          captionClasses="govuk-table__caption--s"
          head={["Name", "Role", "Side"]}
          rows={e.attendees.map((a) => [
            a.name,
            [a.roleTitle, a.organisation].filter(Boolean).join(", "),
            ATTENDEE_SIDE_LABELS[a.side] ?? a.side,
          ])}
        />
      ) : null}

      {e.agenda.length ? (
        <>
          <Heading level={partLevel} className="govuk-heading-s">
            Agenda
          </Heading>
          <ol className="govuk-list govuk-list--number">
            {e.agenda.map((item, i) => (
              <li key={i}>
                <strong>{item.title}</strong>
                {item.notes ? <p className="govuk-body app-prewrap">{item.notes}</p> : null}
                {item.outcome ? (
                  <p className="govuk-body app-prewrap">
                    <strong>Outcome:</strong> {item.outcome}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {e.actions.length ? (
        <Table
          caption="Commitments and follow-ups"
          captionClasses="govuk-table__caption--s"
          head={["Type", "What", "Owner", "Due", "Status"]}
          rows={e.actions.map((a) => ({
            key: a.id,
            cells: [
              ACTION_KIND_LABELS[a.kind] ?? a.kind,
              { classes: "app-prewrap", text: a.description },
              reportOwnerLabel(a),
              { classes: "app-nowrap", text: a.dueDate ? formatDate(a.dueDate) : "No due date" },
              <>
                <ActionStatusTag status={a.status} />
                {isOverdue(a, today) ? (
                  <>
                    {" "}
                    <OverdueTag />
                  </>
                ) : null}
                {a.closingNote ? (
                  <p className="govuk-body-s app-prewrap govuk-!-margin-top-2 govuk-!-margin-bottom-0">{a.closingNote}</p>
                ) : null}
                {a.resolvedBy ? (
                  <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                    Resolved by {a.resolvedBy.title} ({formatDate(a.resolvedBy.date)})
                  </p>
                ) : null}
              </>,
            ],
          }))}
        />
      ) : null}
    </article>
  );
}
