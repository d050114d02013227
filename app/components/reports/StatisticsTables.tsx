import { formatMonth } from "~/domain/dates";
import { formatDate, organisationKindLabel, pluralise } from "~/domain/format";
import type { ReportStatistics } from "~/domain/report-types";

type Level = 2 | 3 | 4;

function Heading({ level, children }: { level: Level; children: string }) {
  const Tag = `h${level}` as "h2";
  const size = level === 2 ? "govuk-heading-m" : "govuk-heading-s";
  return <Tag className={size}>{children}</Tag>;
}

function NumberCell({ value }: { value: number }) {
  return <td className="govuk-table__cell govuk-table__cell--numeric">{value.toLocaleString("en-GB")}</td>;
}

/** The report's figures as GOV.UK tables: the same ones the Word document shows. `level` is the heading level of each table. */
export function StatisticsTables({ statistics, today, level }: { statistics: ReportStatistics; today: string; level: Level }) {
  const s = statistics;
  const statusParts = (["held", "planned", "cancelled"] as const).filter((k) => s.byStatus[k] > 0).map((k) => `${s.byStatus[k]} ${k}`);
  return (
    <>
      <p className="govuk-body">
        {pluralise(s.engagements, "engagement")}
        {statusParts.length ? ` (${statusParts.join(", ")})` : ""} with {pluralise(s.organisationsEngaged, "organisation")}.
      </p>

      <Heading level={level}>Engagements by kind of organisation</Heading>
      {s.byOrganisationKind.length ? (
        <>
          <table className="govuk-table">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Kind of organisation
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Engagements
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Organisations engaged
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {s.byOrganisationKind.map((r) => (
                <tr className="govuk-table__row" key={r.kind}>
                  <th scope="row" className="govuk-table__header">
                    {r.label}
                  </th>
                  <NumberCell value={r.engagements} />
                  <NumberCell value={r.organisations} />
                </tr>
              ))}
            </tbody>
          </table>
          <p className="govuk-body-s">An engagement with organisations of several kinds counts once under each kind.</p>
        </>
      ) : (
        <p className="govuk-body">None.</p>
      )}

      <Heading level={level}>Engagements by month</Heading>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Month
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Engagements
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Commitments made
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Follow-ups
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {s.byMonth.map((r) => (
            <tr className="govuk-table__row" key={r.month}>
              <th scope="row" className="govuk-table__header">
                {formatMonth(r.month)}
              </th>
              <NumberCell value={r.engagements} />
              <NumberCell value={r.commitments} />
              <NumberCell value={r.followUps} />
            </tr>
          ))}
        </tbody>
      </table>

      <Heading level={level}>Commitments and follow-ups</Heading>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <td className="govuk-table__header">
              <span className="govuk-visually-hidden">Measure</span>
            </td>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Commitments
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Follow-ups
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {(
            [
              ["Made", "made"],
              ["Completed", "completed"],
              ["Dropped", "dropped"],
              ["Still open", "outstanding"],
              [`Overdue on ${formatDate(today)}`, "overdue"],
            ] as const
          ).map(([label, key]) => (
            <tr className="govuk-table__row" key={key}>
              <th scope="row" className="govuk-table__header">
                {label}
              </th>
              <NumberCell value={s.commitments[key]} />
              <NumberCell value={s.followUps[key]} />
            </tr>
          ))}
        </tbody>
      </table>

      <Heading level={level}>Organisations engaged</Heading>
      {s.organisations.length ? (
        <table className="govuk-table">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
              <th scope="col" className="govuk-table__header">
                Kind
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Engagements
              </th>
              <th scope="col" className="govuk-table__header">
                Last engaged
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {s.organisations.map((o) => (
              <tr className="govuk-table__row" key={o.name}>
                <th scope="row" className="govuk-table__header">
                  {o.name}
                </th>
                <td className="govuk-table__cell">{organisationKindLabel(o.kind)}</td>
                <NumberCell value={o.engagements} />
                <td className="govuk-table__cell app-nowrap">{formatDate(o.lastDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">None.</p>
      )}
    </>
  );
}
