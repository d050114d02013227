import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ColumnChart, InlineBars, SmallMultiples } from "~/components/charts/charts";
import { Button, ButtonLink, Details, Select, Table } from "~/components/govuk";
import { OverdueTag } from "~/components/status-tags";
import { ACTION_KIND_LABELS } from "~/domain/engagement-labels";
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";
import {
  countEngagementsPerMonth,
  listQuietOrganisations,
  listRecentlyLoggedEngagements,
  listMyDueActions,
  listUpcomingEngagements,
  summariseOutstandingActions,
} from "~/models/dashboard.server";
import { DUE_SOON_DAYS } from "~/domain/actions";
import { formatMonth, todayInUk } from "~/domain/dates";
import { formatDate, organisationKindLabel, pluralise } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { requireUser } from "~/server/auth.server";
import { RecommendationFiguresSection } from "~/components/recommendations/RecommendationFiguresSection";
import { recommendationFigures } from "~/models/recommendation/figures.server";

export const meta: MetaFunction = () => [{ title: "Dashboard – Stakeholder Engagement Tracker" }];

const QUIET_CHOICES = [3, 6, 12, 24] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const requested = Number(new URL(request.url).searchParams.get("months"));
  // Any whole number of months from 1 to 60; anything else falls back to 6.
  const months = Number.isInteger(requested) && requested >= 1 && requested <= 60 ? requested : 6;
  const today = todayInUk();
  const summary = summariseOutstandingActions(today);
  const mine = summary.byOwner.find((o) => o.key === String(user.id)) ?? null;
  const ownsActions = hasRole(user.role, "officer");
  return json({
    today,
    me: { id: user.id, name: user.name, ownsActions },
    mine,
    myDue: ownsActions ? listMyDueActions({ userId: user.id, today }) : { rows: [], total: 0 },
    summary,
    upcoming: listUpcomingEngagements({ today }),
    recent: listRecentlyLoggedEngagements(),
    quiet: { months, ...listQuietOrganisations({ months, today }) },
    monthly: countEngagementsPerMonth(today),
    recommendations: recommendationFigures({ today }),
  });
}

type EngagementItem = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function EngagementList({ items, empty, showLogged }: { items: EngagementItem[]; empty: string; showLogged?: boolean }) {
  if (!items.length) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list app-engagement-list">
      {items.map((e) => (
        <li key={e.id} className="app-engagement-list__item">
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/engagements/${e.id}`}>
            {e.title}
          </Link>
          <br />
          <span className="govuk-body-s">
            {formatDate(e.date)}
            {e.startTime ? ` at ${e.startTime}` : ""}
            {e.organisations ? ` · ${e.organisations}` : ""}
            {showLogged && e.leadName ? ` · led by ${e.leadName}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

function OutstandingTable({
  caption,
  firstHeader,
  rows,
}: {
  caption: string;
  firstHeader: string;
  rows: { key: string; label: string; query: string; overdue: number; dueSoon: number; outstanding: number }[];
}) {
  const figure = (n: number, query: string, what: string, label: string, alert = false) =>
    n ? (
      <Link className={`govuk-link${alert ? " app-text-alert" : ""}`} to={`/actions?${query}`}>
        {n.toLocaleString("en-GB")}
        <span className="govuk-visually-hidden">
          {" "}
          {what}: {label}
        </span>
      </Link>
    ) : (
      "0"
    );
  const max = Math.max(1, ...rows.map((r) => Math.max(r.overdue, r.dueSoon)));
  return (
    <Table
      classes="app-outstanding-table"
      caption={caption}
      captionClasses="govuk-table__caption--s"
      head={[
        firstHeader,
        { text: "Overdue", format: "numeric" },
        { text: `Due in ${DUE_SOON_DAYS} days`, format: "numeric" },
        { text: "All outstanding", format: "numeric" },
        { classes: "app-outstanding-table__bars", attributes: { "aria-hidden": true } },
      ]}
      firstCellIsHeader
      rows={rows.map((r) => ({
        key: r.key,
        cells: [
          { classes: "app-table-row-header", text: r.label },
          { format: "numeric", html: figure(r.overdue, `${r.query}&due=overdue`, "overdue", r.label, true) },
          { format: "numeric", html: figure(r.dueSoon, `${r.query}&due=week`, `due in the next ${DUE_SOON_DAYS} days`, r.label) },
          { format: "numeric", html: figure(r.outstanding, r.query, "outstanding", r.label) },
          { classes: "app-outstanding-table__bars", html: <InlineBars overdue={r.overdue} soon={r.dueSoon} max={max} width={200} /> },
        ],
      }))}
    />
  );
}

export default function Dashboard() {
  const { today, me, mine, myDue, summary, upcoming, recent, quiet, monthly, recommendations } = useLoaderData<typeof loader>();
  const ownerQuery = (key: string) => `owner=${encodeURIComponent(key)}`;
  const monthLabels = monthly.months.map((m) => formatMonth(m, "short").replace(/ (\d{2})(\d{2})$/, " ’$2"));
  const monthInitials = monthly.months.map((m) => formatMonth(m, "short").slice(0, 3));
  const longMonths = monthly.months.map((m) => formatMonth(m));
  const busiest = monthly.totals.reduce((best, n, i) => (n > monthly.totals[best] ? i : best), 0);
  const yearTotal = monthly.totals.reduce((a, b) => a + b, 0);

  return (
    <>
      <span className="govuk-caption-l">{formatDate(today)}</span>
      <h1 className="govuk-heading-l">Dashboard</h1>

      {me.ownsActions ? (
        <>
          <ButtonLink to="/engagements/new">Record an engagement</ButtonLink>
          <section className="app-section" aria-labelledby="mine-heading">
            <h2 className="govuk-heading-m" id="mine-heading">
              Your actions due now
            </h2>
            {myDue.total ? (
              <>
                <p className="govuk-body">
                  You have <strong>{pluralise(mine?.overdue ?? 0, "overdue action")}</strong> and {pluralise(mine?.dueSoon ?? 0, "action")}{" "}
                  due in the next {DUE_SOON_DAYS} days.
                </p>
                <ul className="govuk-list app-engagement-list">
                  {myDue.rows.map((a) => (
                    <li key={a.id} className="app-engagement-list__item">
                      <span className="govuk-caption-s app-register-table__kind">{ACTION_KIND_LABELS[a.kind]}</span>
                      <Link className="govuk-link app-prewrap" to={`/actions/${a.id}?returnTo=/`}>
                        {a.description}
                      </Link>
                      <br />
                      <span className="govuk-body-s">
                        {a.overdue ? (
                          <>
                            <OverdueTag />{" "}
                          </>
                        ) : null}
                        Due {formatDate(a.dueDate)}
                        {a.organisationName ? (
                          <>
                            {" · "}
                            <span
                              title={fullNameBeyondShort({ name: a.organisationName, shortName: a.organisationShortName }) ?? undefined}
                            >
                              {shortNameOf({ name: a.organisationName, shortName: a.organisationShortName })}
                            </span>
                          </>
                        ) : null}
                        {" · from "}
                        <Link className="govuk-link" to={`/engagements/${a.engagementId}`}>
                          {a.engagementTitle}
                        </Link>
                      </span>
                    </li>
                  ))}
                </ul>
                {myDue.total > myDue.rows.length ? (
                  <p className="govuk-body">
                    <Link className="govuk-link" to="/actions?owner=me&due=week">
                      And {pluralise(myDue.total - myDue.rows.length, "more")}
                    </Link>
                  </p>
                ) : null}
              </>
            ) : (
              <p className="govuk-body">Nothing of yours is overdue or due in the next {DUE_SOON_DAYS} days.</p>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" to="/actions?owner=mine">
                See my actions and those of my meetings
              </Link>
            </p>
          </section>
          <h2 className="govuk-heading-m">Across the office</h2>
        </>
      ) : null}

      <ul className="app-figures" aria-label="Outstanding actions at a glance">
        {[
          { to: "/actions?owner=all&due=overdue", count: summary.totals.overdue, label: <>Overdue actions</>, alert: true },
          { to: "/actions?owner=all&due=week", count: summary.totals.dueSoon, label: <>Due in the next {DUE_SOON_DAYS} days</> },
          { to: "/actions?owner=all", count: summary.totals.outstanding, label: <>Outstanding actions</> },
        ].map((figure) => (
          <li key={figure.to} className={figure.alert ? "app-figure app-figure--alert" : "app-figure"}>
            <Link className="govuk-link govuk-link--no-visited-state app-figure__link" to={figure.to}>
              <span className="app-figure__number">{figure.count.toLocaleString("en-GB")}</span>
              <span className="app-figure__label">{figure.label}</span>
            </Link>
          </li>
        ))}
        <li className="app-figure">
          <a className="govuk-link govuk-link--no-visited-state app-figure__link" href="#quiet-heading">
            <span className="app-figure__number">{quiet.organisations.length.toLocaleString("en-GB")}</span>
            <span className="app-figure__label">Organisations not engaged in {pluralise(quiet.months, "month")}</span>
          </a>
        </li>
      </ul>

      <section className="app-section" aria-labelledby="outstanding-heading">
        <h2 className="govuk-heading-m" id="outstanding-heading">
          Overdue and due soon
        </h2>
        {summary.totals.outstanding === 0 ? (
          <p className="govuk-body">There are no outstanding actions.</p>
        ) : (
          <div>
            <OutstandingTable
              caption="By owner"
              firstHeader="Owner"
              rows={summary.byOwner.map((o) => ({
                ...o,
                label: o.key === String(me.id) ? `${o.name} (you)` : o.name,
                query: ownerQuery(o.key),
              }))}
            />
            <OutstandingTable
              caption="By kind of organisation"
              firstHeader="Kind of organisation"
              rows={summary.byOrganisationKind.map((k) => ({
                ...k,
                key: k.kind ?? "none",
                label: k.kind ? organisationKindLabel(k.kind) : "No organisation",
                query: k.kind ? `owner=all&orgKind=${k.kind}` : "owner=all",
              }))}
            />
          </div>
        )}
        <p className="govuk-body-s app-legend">
          <span className="app-legend__swatch app-legend__swatch--alert" aria-hidden="true"></span> Overdue{" "}
          <span className="app-legend__swatch app-legend__swatch--soon" aria-hidden="true"></span> Due in the next {DUE_SOON_DAYS} days
        </p>
      </section>

      <div className="govuk-grid-row app-section">
        <section className="govuk-grid-column-one-half" aria-labelledby="upcoming-heading">
          <h2 className="govuk-heading-m" id="upcoming-heading">
            Coming up
          </h2>
          <EngagementList items={upcoming} empty="No engagements are planned." />
        </section>
        <section className="govuk-grid-column-one-half" aria-labelledby="recent-heading">
          <h2 className="govuk-heading-m" id="recent-heading">
            Recently logged
          </h2>
          <EngagementList items={recent} empty="No engagements have been logged yet." showLogged />
          <p className="govuk-body">
            <Link className="govuk-link" to="/engagements">
              All engagements
            </Link>
          </p>
        </section>
      </div>

      <RecommendationFiguresSection figures={recommendations} />

      <section className="app-section" aria-labelledby="monthly-heading">
        <h2 className="govuk-heading-m" id="monthly-heading">
          Engagements per month
        </h2>
        <p className="govuk-body">
          {pluralise(yearTotal, "engagement")} held or planned from {longMonths[0]} to today
          {yearTotal ? `; the busiest month was ${longMonths[busiest]} with ${monthly.totals[busiest]}` : ""}.
        </p>
        <ColumnChart
          id="chart-monthly-total"
          title="Engagements per month, last 12 months"
          description={monthly.months.map((_, i) => `${longMonths[i]}: ${monthly.totals[i]}`).join("; ")}
          labels={monthLabels}
          values={monthly.totals}
          width={960}
        />
        {monthly.byKind.length ? (
          <>
            <h3 className="govuk-heading-s govuk-!-margin-top-6">By kind of organisation</h3>
            <p className="govuk-body-s">An engagement with bodies of two kinds counts once in each kind's row. All rows share one scale.</p>
            <SmallMultiples
              id="chart-monthly-kinds"
              title="Engagements per month by kind of organisation, last 12 months"
              description={monthly.byKind.map((k) => `${organisationKindLabel(k.kind)}: ${k.total} in total`).join("; ")}
              labels={monthInitials}
              series={monthly.byKind.map((k) => ({ name: organisationKindLabel(k.kind), values: k.counts }))}
              width={960}
            />
          </>
        ) : null}
        <Details summary="Show these figures as a table">
          <div className="app-table-scroll">
            <Table
              classes="govuk-table--small-text-until-tablet app-monthly-table"
              caption="Engagements per month by kind of organisation"
              captionClasses="govuk-table__caption--s"
              head={[
                "Month",
                { text: "All", format: "numeric" },
                ...monthly.byKind.map((k) => ({ text: organisationKindLabel(k.kind), format: "numeric" }) as const),
              ]}
              firstCellIsHeader
              rows={monthly.months.map((m, i) => ({
                key: m,
                cells: [
                  longMonths[i],
                  { text: monthly.totals[i], format: "numeric" },
                  ...monthly.byKind.map((k) => ({ text: k.counts[i], format: "numeric" }) as const),
                ],
              }))}
            />
          </div>
        </Details>
      </section>

      <section className="app-section" aria-labelledby="quiet-heading">
        <h2 className="govuk-heading-m" id="quiet-heading">
          Not engaged in the last {pluralise(quiet.months, "month")}
        </h2>
        <p className="govuk-body">
          Organisations the office has engaged before, but not since {formatDate(quiet.since)}. Longest silent first.
        </p>
        <Form method="get" action="/" className="app-inline-form">
          <Select
            name="months"
            label="Not engaged in the last"
            labelClassName="govuk-label--s"
            options={[...new Set([...QUIET_CHOICES, quiet.months])]
              .sort((a, b) => a - b)
              .map((n) => ({ value: String(n), label: pluralise(n, "month") }))}
            defaultValue={String(quiet.months)}
          />
          <Button variant="secondary">Show</Button>
        </Form>
        {quiet.organisations.length ? (
          <Table
            caption={`Organisations not engaged since ${formatDate(quiet.since)}`}
            captionClasses="govuk-visually-hidden"
            head={["Organisation", "Kind", "Last engaged", me.ownsActions && <span className="govuk-visually-hidden">Log</span>]}
            rows={quiet.organisations.map((o) => ({
              key: o.id,
              cells: [
                {
                  html: (
                    <Link className="govuk-link" to={`/organisations/${o.slug}`} title={fullNameBeyondShort(o) ?? undefined}>
                      {shortNameOf(o)}
                    </Link>
                  ),
                },
                organisationKindLabel(o.kind),
                { classes: "app-nowrap", text: formatDate(o.lastEngaged) },
                me.ownsActions && (
                  <Link className="govuk-link" to={`/engagements/new?organisation=${o.slug}`}>
                    Log an engagement<span className="govuk-visually-hidden"> with {shortNameOf(o)}</span>
                  </Link>
                ),
              ],
            }))}
          />
        ) : (
          <p className="govuk-body">Every organisation engaged before has been engaged since {formatDate(quiet.since)}.</p>
        )}
      </section>
    </>
  );
}
