import { Link } from "@remix-run/react";
import { Table } from "~/components/govuk";
import { formatDate } from "~/domain/format";

export type DiscussedAtRow = { id: number; title: string; date: string; how: string[] };

/** The engagements that named a recommendation (an agenda item, a commitment or a follow-up), newest first. */
export function DiscussedAt({ caption, rows, none }: { caption: string; rows: DiscussedAtRow[]; none: string }) {
  return rows.length ? (
    <Table
      caption={caption}
      captionClasses="govuk-table__caption--m"
      firstCellIsHeader
      head={["Date", "Engagement", "Where it was named"]}
      rows={rows.map((e) => ({
        key: e.id,
        cells: [
          formatDate(e.date),
          <Link key="e" className="govuk-link" to={`/engagements/${e.id}`}>
            {e.title}
          </Link>,
          <ul key="h" className="govuk-list govuk-!-margin-bottom-0">
            {e.how.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>,
        ],
      }))}
    />
  ) : (
    <>
      <h2 className="govuk-heading-m">{caption}</h2>
      <p className="govuk-body">{none}</p>
    </>
  );
}
