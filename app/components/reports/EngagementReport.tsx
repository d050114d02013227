import { SummaryList } from "~/components/govuk";
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
          { key: "Organisations", value: e.organisations.map((o) => o.name).join(", ") || "None recorded" },
          where ? { key: "Format and place", value: where } : null,
          e.leadName ? { key: "Lead officer", value: e.leadName } : null,
          e.themes.length ? { key: "Themes", value: e.themes.join(", ") } : null,
          e.purpose ? { key: "Purpose", value: <Text>{e.purpose}</Text> } : null,
          e.summary ? { key: "Summary of outcomes", value: <Text>{e.summary}</Text> } : null,
          { key: "Marking", value: e.marking },
        ]}
      />

      {e.attendees.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Attendees</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Role
              </th>
              <th scope="col" className="govuk-table__header">
                Side
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {e.attendees.map((a, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{a.name}</td>
                <td className="govuk-table__cell">{[a.roleTitle, a.organisation].filter(Boolean).join(", ")}</td>
                <td className="govuk-table__cell">{ATTENDEE_SIDE_LABELS[a.side] ?? a.side}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Commitments and follow-ups</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Type
              </th>
              <th scope="col" className="govuk-table__header">
                What
              </th>
              <th scope="col" className="govuk-table__header">
                Owner
              </th>
              <th scope="col" className="govuk-table__header">
                Due
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {e.actions.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">{ACTION_KIND_LABELS[a.kind] ?? a.kind}</td>
                <td className="govuk-table__cell app-prewrap">{a.description}</td>
                <td className="govuk-table__cell">{reportOwnerLabel(a)}</td>
                <td className="govuk-table__cell app-nowrap">{a.dueDate ? formatDate(a.dueDate) : "No due date"}</td>
                <td className="govuk-table__cell">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
