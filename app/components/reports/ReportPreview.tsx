import { SummaryList } from "~/components/govuk";
import { formatDate, pluralise } from "~/domain/format";
import type { ReportStatistics } from "~/domain/report-types";
import { SUMMARY_EXPORT_LIMITS, summaryExportAllowed } from "~/domain/report-limits";
import { StatisticsTables } from "./StatisticsTables";

type ReportPreviewData = {
  query: string;
  from: string;
  to: string;
  statistics: ReportStatistics;
  /** The first of its engagements, in date order. */
  engagements: { id: number; title: string; date: string; marking: string; organisations: string }[];
  actions: number;
  calendar: { engagements: number; actions: number };
};

/** What a report covers, in figures, and the links that download it. Every link carries the report's query string. */
export function ReportPreview({ report, today }: { report: ReportPreviewData; today: string }) {
  const s = report.statistics;
  const q = report.query;
  return (
    <section aria-labelledby="report-heading">
      <h2 className="govuk-heading-m" id="report-heading">
        <span className="govuk-caption-m">Report</span>
        {formatDate(report.from)} to {formatDate(report.to)}
      </h2>
      <p className="govuk-body app-marking-banner" id="report-marking">
        {s.marking}
      </p>
      <p className="govuk-body">
        {s.sensitiveEngagements > 0
          ? `Marked OFFICIAL-SENSITIVE because ${pluralise(s.sensitiveEngagements, "of its engagements is", "of its engagements are")} OFFICIAL-SENSITIVE. Every export carries this marking.`
          : s.engagements > 0
            ? "Every engagement in it is marked OFFICIAL, so the report is too."
            : "It has no engagements, so it is marked OFFICIAL."}
      </p>
      <SummaryList
        rows={[
          { key: "Engagements", value: s.engagements.toLocaleString("en-GB") },
          { key: "Organisations engaged", value: s.organisationsEngaged.toLocaleString("en-GB") },
          {
            key: "Commitments made",
            value: `${s.commitments.made.toLocaleString("en-GB")} (${s.commitments.completed.toLocaleString("en-GB")} completed, ${s.commitments.overdue.toLocaleString("en-GB")} overdue)`,
          },
          {
            key: "Follow-ups",
            value: `${s.followUps.made.toLocaleString("en-GB")} (${s.followUps.completed.toLocaleString("en-GB")} completed, ${s.followUps.overdue.toLocaleString("en-GB")} overdue)`,
          },
        ]}
      />

      <h3 className="govuk-heading-m" id="included-heading">
        Engagements included
      </h3>
      {s.engagements ? (
        <>
          <p className="govuk-body">
            {s.engagements > report.engagements.length
              ? `The first ${report.engagements.length.toLocaleString("en-GB")} of ${pluralise(s.engagements, "engagement")}, in date order. The downloads hold them all.`
              : `${s.engagements === 1 ? "Its one engagement" : s.engagements === 2 ? "Both its engagements" : `All ${s.engagements.toLocaleString("en-GB")} engagements`}, in date order.`}
          </p>
          <ol className="govuk-list app-engagement-list" aria-labelledby="included-heading">
            {report.engagements.map((e) => (
              <li key={e.id} className="app-engagement-list__item">
                {/* A plain link: a whole page load, as without JavaScript, without a Remix <Link>'s hooks per row (decision 0026). */}
                <a className="govuk-link" href={`/engagements/${e.id}`}>
                  {e.title}
                </a>
                <br />
                <span className="govuk-body-s">
                  {formatDate(e.date)}
                  {e.organisations ? ` · ${e.organisations}` : ""}
                  {e.marking === "OFFICIAL-SENSITIVE" ? (
                    <>
                      {" · "}
                      <strong>OFFICIAL-SENSITIVE</strong>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="govuk-body">None.</p>
      )}

      <h3 className="govuk-heading-m">Download</h3>
      {s.engagements === 0 ? (
        <p className="govuk-body">No engagements match. The downloads will say so; change the period or the filters to find some.</p>
      ) : null}
      {/* Plain links, not client-side navigation: these are files (and one standalone page). */}
      <ul className="govuk-list govuk-list--spaced app-report-downloads">
        <li>
          <a className="govuk-link" href={`/reports/summary.docx?${q}`}>
            Engagement summary (Word document)
          </a>
          <span className="govuk-hint govuk-!-margin-bottom-0">
            Title page, statistics, then every engagement, grouped by kind of organisation and organisation.
            {summaryExportAllowed("docx", s.engagements)
              ? ""
              : ` Too many engagements for one document (at most ${SUMMARY_EXPORT_LIMITS.docx.toLocaleString("en-GB")}): choose a shorter period, or use the spreadsheet.`}
          </span>
        </li>
        <li>
          <a className="govuk-link" href={`/reports/engagements.csv?${q}`}>
            Engagements spreadsheet (CSV)
          </a>
          <span className="govuk-hint govuk-!-margin-bottom-0">One row for each of the {pluralise(s.engagements, "engagement")}.</span>
        </li>
        <li>
          <a className="govuk-link" href={`/reports/actions.csv?${q}`}>
            Commitments and follow-ups spreadsheet (CSV)
          </a>
          <span className="govuk-hint govuk-!-margin-bottom-0">
            One row for each of the {pluralise(report.actions, "action")} of these engagements.
          </span>
        </li>
        <li>
          <a className="govuk-link" href={`/reports/print?${q}`}>
            Printable summary
          </a>
          <span className="govuk-hint govuk-!-margin-bottom-0">
            A page to print or save as a PDF from your browser.
            {!summaryExportAllowed("print", s.engagements)
              ? ` Too many engagements for one page (at most ${SUMMARY_EXPORT_LIMITS.print.toLocaleString("en-GB")}): choose a shorter period, or use the Word document or the spreadsheet.`
              : s.engagements > 300
                ? ` With ${s.engagements.toLocaleString("en-GB")} engagements it is very long: the Word document is easier to work with.`
                : ""}
          </span>
        </li>
        <li>
          <a className="govuk-link" href={`/reports/calendar.ics?${q}`}>
            Calendar for Outlook (iCalendar)
          </a>
          <span className="govuk-hint govuk-!-margin-bottom-0">
            {pluralise(report.calendar.engagements, "planned engagement")} and {pluralise(report.calendar.actions, "due date")} from{" "}
            {formatDate(today)} on, for the same organisations, kinds and themes. The period does not apply: a calendar is about what is to
            come.
          </span>
        </li>
      </ul>

      <h3 className="govuk-heading-m">Statistics</h3>
      <StatisticsTables statistics={s} today={today} level={4} />
    </section>
  );
}
