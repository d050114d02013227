import { Table } from "~/components/govuk";
import { formatMonth } from "~/domain/dates";
import { formatDate, organisationKindLabel } from "~/domain/format";
import { statisticsSentence } from "~/domain/report-statistics";
import type { ReportStatistics } from "~/domain/report-types";

type Level = 2 | 3 | 4;

function Heading({ level, children }: { level: Level; children: string }) {
  const Tag = `h${level}` as "h2";
  const size = level === 2 ? "govuk-heading-m" : "govuk-heading-s";
  return <Tag className={size}>{children}</Tag>;
}

const numeric = (text: string) => ({ text, format: "numeric" }) as const;
const figure = (value: number) => numeric(value.toLocaleString("en-GB"));

/** The report's figures as GOV.UK tables: the same ones the Word document shows. `level` is the heading level of each table. */
export function StatisticsTables({ statistics, today, level }: { statistics: ReportStatistics; today: string; level: Level }) {
  const s = statistics;
  return (
    <>
      <p className="govuk-body">{statisticsSentence(s)}</p>

      <Heading level={level}>Engagements by kind of organisation</Heading>
      {s.byOrganisationKind.length ? (
        <>
          <Table
            head={["Kind of organisation", numeric("Engagements"), numeric("Organisations engaged")]}
            firstCellIsHeader
            rows={s.byOrganisationKind.map((r) => ({ key: r.kind, cells: [r.label, figure(r.engagements), figure(r.organisations)] }))}
          />
          <p className="govuk-body-s">An engagement with organisations of several kinds counts once under each kind.</p>
        </>
      ) : (
        <p className="govuk-body">None.</p>
      )}

      <Heading level={level}>Engagements by month</Heading>
      <Table
        head={["Month", numeric("Engagements"), numeric("Commitments made"), numeric("Follow-ups")]}
        firstCellIsHeader
        rows={s.byMonth.map((r) => ({
          key: r.month,
          cells: [formatMonth(r.month), figure(r.engagements), figure(r.commitments), figure(r.followUps)],
        }))}
      />

      <Heading level={level}>Commitments and follow-ups</Heading>
      <Table
        head={[{ html: <span className="govuk-visually-hidden">Measure</span> }, numeric("Commitments"), numeric("Follow-ups")]}
        firstCellIsHeader
        rows={(
          [
            ["Made", "made"],
            ["Completed", "completed"],
            ["Dropped", "dropped"],
            ["Still open", "outstanding"],
            [`Overdue on ${formatDate(today)}`, "overdue"],
          ] as const
        ).map(([label, key]) => ({ key, cells: [label, figure(s.commitments[key]), figure(s.followUps[key])] }))}
      />

      <Heading level={level}>Organisations engaged</Heading>
      {s.organisations.length ? (
        <Table
          head={["Organisation", "Kind", numeric("Engagements"), "Last engaged"]}
          firstCellIsHeader
          rows={s.organisations.map((o) => ({
            key: o.name,
            cells: [o.name, organisationKindLabel(o.kind), figure(o.engagements), { classes: "app-nowrap", text: formatDate(o.lastDate) }],
          }))}
        />
      ) : (
        <p className="govuk-body">None.</p>
      )}
    </>
  );
}
