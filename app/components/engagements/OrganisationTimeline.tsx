import { Link } from "@remix-run/react";
import { ButtonLink, SummaryList, Table } from "~/components/govuk";
import { ENGAGEMENT_KIND_LABELS, type ActionStatus, type EngagementKind, type EngagementStatus } from "~/domain/engagement-labels";
import { formatDate, pluralise } from "~/domain/format";
import { ActionStatusTag, EngagementStatusTag } from "~/components/status-tags";

type TimelineData = {
  engagements: {
    id: number;
    title: string;
    date: string;
    kind: EngagementKind;
    status: EngagementStatus;
    summary: string | null;
    resolvesFrom: { id: number; title: string; date: string }[];
    commitments: number;
    followUps: number;
  }[];
  total: number;
  lastEngagedOn: string | null;
  nextPlanned: { id: number; title: string; date: string } | null;
  perYear: { year: string; count: number }[];
  openActions: {
    id: number;
    kind: "commitment" | "follow_up";
    description: string;
    dueDate: string | null;
    status: ActionStatus;
    ownerName: string;
    overdue: boolean;
    engagementId: number;
    engagementTitle: string;
    engagementDate: string;
  }[];
};

/**
 * An organisation's relationship with the office, on its page: when it was last engaged, its open
 * commitments and follow-ups, and its engagements newest first, each linked to the one it followed up.
 */
export function OrganisationTimeline({
  organisation,
  data,
  canRecord,
}: {
  organisation: { slug: string; name: string; archived: boolean };
  data: TimelineData;
  canRecord: boolean;
}) {
  const all = `/engagements?organisation=${encodeURIComponent(organisation.slug)}`;
  return (
    <section aria-labelledby="engagements-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="engagements-heading">
        Engagements
      </h2>
      <SummaryList
        rows={[
          { key: "Last engaged", value: data.lastEngagedOn ? formatDate(data.lastEngagedOn) : "Never recorded" },
          {
            key: "Next planned",
            value: data.nextPlanned ? (
              <>
                <Link className="govuk-link" to={`/engagements/${data.nextPlanned.id}`}>
                  {data.nextPlanned.title}
                </Link>{" "}
                on {formatDate(data.nextPlanned.date)}
              </>
            ) : (
              "Nothing planned"
            ),
          },
          {
            key: "Held per year",
            value: data.perYear.length ? (
              <ul className="govuk-list">
                {data.perYear.map((y) => (
                  <li key={y.year}>
                    {y.year}: {pluralise(y.count, "engagement")}
                  </li>
                ))}
              </ul>
            ) : (
              "None held yet"
            ),
          },
        ]}
      />
      {canRecord && !organisation.archived ? (
        <ButtonLink to={`/engagements/new?organisation=${encodeURIComponent(organisation.slug)}`}>Record an engagement</ButtonLink>
      ) : null}

      <h3 className="govuk-heading-s">Open commitments and follow-ups</h3>
      {data.openActions.length ? (
        <Table
          caption={`Open commitments and follow-ups with ${organisation.name}, soonest due first`}
          captionClasses="govuk-visually-hidden"
          head={["What", "Owner", "Due", "Status"]}
          rows={data.openActions.map((a) => ({
            key: a.id,
            cells: [
              <>
                <span className="govuk-body-s app-timeline__meta">{a.kind === "commitment" ? "Commitment" : "Follow-up"}: </span>
                <span className="app-prewrap">{a.description}</span>
                <br />
                <span className="govuk-body-s">
                  From{" "}
                  <Link className="govuk-link" to={`/engagements/${a.engagementId}`}>
                    {a.engagementTitle}
                  </Link>
                  , {formatDate(a.engagementDate)}
                </span>
              </>,
              a.ownerName,
              { classes: "app-nowrap", text: a.dueDate ? formatDate(a.dueDate) : "None" },
              { html: <ActionStatusTag status={a.status} overdue={a.overdue} /> },
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">None open.</p>
      )}

      <h3 className="govuk-heading-s">Timeline</h3>
      {data.engagements.length ? (
        <>
          <ol className="app-timeline" reversed>
            {data.engagements.map((e) => (
              <li key={e.id} className={`app-timeline__item app-timeline__item--${e.status}`}>
                <p className="govuk-body-s govuk-!-margin-bottom-1 app-timeline__meta">
                  {formatDate(e.date)} · {ENGAGEMENT_KIND_LABELS[e.kind]} <EngagementStatusTag status={e.status} />
                </p>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <Link className="govuk-link govuk-!-font-weight-bold" to={`/engagements/${e.id}`}>
                    {e.title}
                  </Link>
                </p>
                {e.resolvesFrom.map((r) => (
                  <p className="govuk-body-s govuk-!-margin-bottom-1" key={r.id}>
                    Follows up{" "}
                    <Link className="govuk-link" to={`/engagements/${r.id}`}>
                      {r.title}
                    </Link>{" "}
                    ({formatDate(r.date)})
                  </p>
                ))}
                {e.summary ? <p className="govuk-body-s govuk-!-margin-bottom-1 app-prewrap">{e.summary}</p> : null}
                {e.commitments || e.followUps ? (
                  <p className="govuk-body-s govuk-!-margin-bottom-0 app-timeline__meta">
                    {[
                      e.commitments ? pluralise(e.commitments, "commitment") : null,
                      e.followUps ? pluralise(e.followUps, "follow-up") : null,
                    ]
                      .filter(Boolean)
                      .join(", ")}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          {data.total > data.engagements.length ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={all}>
                See all {pluralise(data.total, "engagement")} with {organisation.name}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="govuk-body">No engagements recorded yet.</p>
      )}
    </section>
  );
}
