import { Link } from "@remix-run/react";
import { ButtonLink, SummaryList, Table } from "~/components/govuk";
import { ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { formatDate, pluralise } from "~/domain/format";
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";
import { ActionStatusTag, EngagementStatusTag } from "~/components/status-tags";
import type { OrganisationEngagementSummary } from "~/models/organisation/timeline.server";

type EngagementLink = { id: number; title: string; date: string };

/** As the model reads it: the newest engagements, the counts, and the first few open actions (openActions) of openActionCount. */
type TimelineData = OrganisationEngagementSummary;

type OrganisationView = { slug: string; name: string; archived: boolean };

function EngagementOn({ engagement }: { engagement: EngagementLink }) {
  return (
    <>
      <Link className="govuk-link" to={`/engagements/${engagement.id}`}>
        {engagement.title}
      </Link>{" "}
      on {formatDate(engagement.date)}
    </>
  );
}

/**
 * What matters first about an organisation: the next and last engagement, a way to record one, and
 * this body's own open commitments and follow-ups (not those of other bodies at a shared meeting): the
 * soonest due, and the register for the rest.
 */
export function OrganisationAtAGlance({
  organisation,
  data,
  canRecord,
}: {
  organisation: OrganisationView;
  data: TimelineData;
  canRecord: boolean;
}) {
  const overdue = data.overdueActionCount;
  const register = `/actions?owner=all&organisation=${encodeURIComponent(organisation.slug)}`;
  return (
    <section aria-labelledby="glance-heading">
      <h2 className="govuk-visually-hidden" id="glance-heading">
        At a glance
      </h2>
      <SummaryList
        rows={[
          {
            key: "Next engagement",
            value: data.nextPlanned ? <EngagementOn engagement={data.nextPlanned} /> : "Nothing planned",
          },
          {
            key: "Last engagement",
            value: data.lastEngagement ? <EngagementOn engagement={data.lastEngagement} /> : "None held yet",
          },
          {
            key: "Open actions",
            value: data.openActionCount ? (
              <a className="govuk-link" href="#open-actions-heading">
                {pluralise(data.openActionCount, "open action")}
                {overdue ? `, ${overdue.toLocaleString("en-GB")} overdue` : ""}
              </a>
            ) : (
              "None open"
            ),
          },
        ]}
      />
      {canRecord && !organisation.archived ? (
        <ButtonLink to={`/engagements/new?organisation=${encodeURIComponent(organisation.slug)}`}>
          Record an engagement<span className="govuk-visually-hidden"> with {organisation.name}</span>
        </ButtonLink>
      ) : null}

      <h2 className="govuk-heading-m" id="open-actions-heading">
        Open commitments and follow-ups
      </h2>
      {data.openActions.length ? (
        <>
          {data.openActionCount > data.openActions.length ? (
            <p className="govuk-body">
              The {data.openActions.length} due soonest of {data.openActionCount.toLocaleString("en-GB")}:
            </p>
          ) : null}
          <Table
            caption={`Open commitments and follow-ups with ${organisation.name}, soonest due first`}
            captionClasses="govuk-visually-hidden"
            head={["What", "Owner", "Due", "Status"]}
            rows={data.openActions.map((a) => ({
              key: a.id,
              cells: [
                <>
                  <span className="govuk-body-s app-timeline__meta">{a.kind === "commitment" ? "Commitment" : "Follow-up"}: </span>
                  <Link
                    className="govuk-link app-prewrap"
                    to={`/actions/${a.id}?returnTo=${encodeURIComponent(`/organisations/${organisation.slug}`)}`}
                  >
                    {a.description}
                  </Link>
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
          {data.openActionCount > data.openActions.length ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={register}>
                See all {pluralise(data.openActionCount, "open commitment and follow-up", "open commitments and follow-ups")} with{" "}
                {organisation.name} in the actions register
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="govuk-body">None open.</p>
      )}
    </section>
  );
}

/**
 * The organisation's engagements newest first: each with who else was there, its marking, the
 * follow-up it resolved, and this body's commitments and follow-ups from it.
 */
export function OrganisationTimeline({ organisation, data }: { organisation: OrganisationView; data: TimelineData }) {
  const all = `/engagements?organisation=${encodeURIComponent(organisation.slug)}`;
  return (
    <section aria-labelledby="engagements-heading" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m" id="engagements-heading">
        Engagements
      </h2>
      {data.perYear.length ? (
        <p className="govuk-body-s app-timeline__meta">
          Held: {data.perYear.map((y) => `${pluralise(y.count, "engagement")} in ${y.year}`).join(", ")}.
        </p>
      ) : null}
      {data.engagements.length ? (
        <>
          <ol className="app-timeline" reversed>
            {data.engagements.map((e) => (
              <li key={e.id} className={`app-timeline__item app-timeline__item--${e.status}`}>
                <p className="govuk-body-s govuk-!-margin-bottom-1 app-timeline__meta">
                  {formatDate(e.date)} · {ENGAGEMENT_KIND_LABELS[e.kind]} <EngagementStatusTag status={e.status} />
                  {e.marking === "OFFICIAL-SENSITIVE" ? (
                    <>
                      {" "}
                      · <strong className="app-timeline__marking">OFFICIAL-SENSITIVE</strong>
                    </>
                  ) : (
                    " · OFFICIAL"
                  )}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <Link className="govuk-link govuk-!-font-weight-bold" to={`/engagements/${e.id}`}>
                    {e.title}
                  </Link>
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {e.otherOrganisations.length ? (
                    <>
                      With{" "}
                      {e.otherOrganisations.map((o, i) => (
                        <span key={o.slug}>
                          {i > 0 ? (i === e.otherOrganisations.length - 1 ? " and " : ", ") : null}
                          <Link className="govuk-link" to={`/organisations/${o.slug}`} title={fullNameBeyondShort(o) ?? undefined}>
                            {shortNameOf(o)}
                          </Link>
                        </span>
                      ))}
                    </>
                  ) : (
                    "No other organisation"
                  )}
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
                      .join(", ")}{" "}
                    with this organisation
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
