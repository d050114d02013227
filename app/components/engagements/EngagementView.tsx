import type { EngagementDetails } from "~/models/engagement/read.server";
import { RecommendationRefs } from "~/components/recommendations/RecommendationRefs";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SummaryList, Table } from "~/components/govuk";
import { ActionStatusTag, EngagementStatusTag } from "~/components/status-tags";
import { isOutstanding, isOverdue } from "~/domain/actions";
import {
  ACTION_STATUS_LABELS,
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  formatTimeRange,
  type ActionStatus,
} from "~/domain/engagement-labels";
import { formatDate, formatDateTime } from "~/domain/format";
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";

/** The protective marking, shown prominently at the top and bottom of an engagement's page. */
export function MarkingBanner({ marking, position }: { marking: string; position: "top" | "bottom" }) {
  return (
    <div className={`app-marking${position === "bottom" ? " app-marking-banner--bottom" : ""}`}>
      <p className="govuk-body govuk-!-font-weight-bold app-marking-banner">
        <span className="govuk-visually-hidden">Protective marking: </span>
        {marking}
      </p>
    </div>
  );
}

type ActionItem = {
  id: number;
  kind: "commitment" | "follow_up";
  description: string;
  organisationName: string | null;
  ownerName: string;
  ownerType: "office" | "stakeholder";
  dueDate: string | null;
  status: ActionStatus;
  closingNote: string | null;
  closedAt: string | null;
  closedByName: string | null;
  agendaItem: { number: number; title: string } | null;
  resolvedBy: { id: number; title: string; date: string } | null;
  /** The inspection recommendations it works towards. */
  recommendations?: { id: number; reference: string }[];
  /** Whether the person looking may change its status (the register's rule). */
  canChange?: boolean;
};

/** Commitments or follow-ups as a GOV.UK table with status tags, and what can be done with each. */
export function ActionsTable({
  caption,
  items,
  engagementId,
  today,
  canEdit,
  showOrganisation,
}: {
  caption: string;
  items: ActionItem[];
  engagementId: number;
  today: string;
  canEdit: boolean;
  showOrganisation: boolean;
}) {
  const noun = items[0]?.kind === "follow_up" ? "follow-up" : "commitment";
  return (
    <Table
      caption={caption}
      captionClasses="govuk-table__caption--m"
      head={[
        "What",
        showOrganisation && "Organisation",
        "Owner",
        "Due",
        "Status",
        canEdit && <span className="govuk-visually-hidden">Actions</span>,
      ]}
      rows={items.map((a) => {
        const open = isOutstanding(a.status);
        const overdue = isOverdue(a, today);
        return {
          key: a.id,
          cells: [
            {
              classes: "app-prewrap",
              html: (
                <>
                  {a.description}
                  {a.agendaItem ? (
                    <span className="govuk-body-s app-timeline__meta">
                      <br />
                      From agenda item {a.agendaItem.number}
                    </span>
                  ) : null}
                  <RecommendationRefs refs={a.recommendations} />
                  {a.closingNote ? (
                    <span className="govuk-body-s">
                      <br />
                      <strong>Closing note:</strong> {a.closingNote}
                      {a.closedByName && a.closedAt ? ` (${a.closedByName}, ${formatDateTime(a.closedAt)})` : null}
                    </span>
                  ) : null}
                  {a.resolvedBy ? (
                    <span className="govuk-body-s">
                      <br />
                      Resolved by{" "}
                      <Link className="govuk-link" to={`/engagements/${a.resolvedBy.id}`}>
                        {a.resolvedBy.title}
                      </Link>
                      {a.resolvedBy.date ? ` on ${formatDate(a.resolvedBy.date)}` : null}
                    </span>
                  ) : null}
                </>
              ),
            },
            showOrganisation && (a.organisationName ?? ""),
            <>
              {a.ownerName}
              {a.kind === "commitment" ? (
                <span className="govuk-body-s app-timeline__meta"> ({a.ownerType === "office" ? "office" : "stakeholder"})</span>
              ) : null}
            </>,
            { classes: "app-nowrap", text: a.dueDate ? formatDate(a.dueDate) : "None" },
            <>
              <ActionStatusTag status={a.status} overdue={overdue} />
              {overdue ? <span className="govuk-visually-hidden"> ({ACTION_STATUS_LABELS[a.status]})</span> : null}
            </>,
            canEdit && (
              <div className="app-action-links">
                {a.canChange !== false ? (
                  <Link className="govuk-link" to={`/actions/${a.id}?returnTo=${encodeURIComponent(`/engagements/${engagementId}`)}`}>
                    {open ? "Update or close" : "Reopen"}
                    <span className="govuk-visually-hidden">
                      {" "}
                      {noun} “{a.description.slice(0, 40)}”
                    </span>
                  </Link>
                ) : null}
                {a.kind === "follow_up" && !a.resolvedBy && open && a.canChange !== false ? (
                  <Link className="govuk-link" to={`/engagements/new?resolves=${a.id}`}>
                    Log the engagement that resolves it
                    <span className="govuk-visually-hidden"> (“{a.description.slice(0, 40)}”)</span>
                  </Link>
                ) : null}
              </div>
            ),
          ],
        };
      })}
    />
  );
}

/** What the engagement page shows: the model's details of one engagement. */
type Details = Pick<EngagementDetails, "engagement" | "organisations" | "themes" | "attendees" | "agenda" | "resolves">;

const none = <span className="app-timeline__meta">Not recorded</span>;

function text(value: string | null | undefined): ReactNode {
  return value ? <span className="app-prewrap">{value}</span> : none;
}

/** The engagement's details: summary list, attendees, agenda. */
export function EngagementDetailsView({ details }: { details: Details }) {
  const { engagement: e } = details;
  const time = formatTimeRange(e.startTime, e.endTime);
  return (
    <>
      <SummaryList
        rows={[
          { key: "Date", value: `${formatDate(e.date)}${time ? `, ${time}` : ""}` },
          { key: "Kind", value: ENGAGEMENT_KIND_LABELS[e.kind] },
          { key: "Status", value: <EngagementStatusTag status={e.status} /> },
          {
            key: details.organisations.length === 1 ? "Organisation" : "Organisations",
            value: (
              <ul className="govuk-list">
                {details.organisations.map((o) => (
                  <li key={o.id}>
                    <Link className="govuk-link" to={`/organisations/${o.slug}`} title={fullNameBeyondShort(o) ?? undefined}>
                      {shortNameOf(o)}
                    </Link>
                    {o.archivedAt ? " (archived)" : null}
                    {fullNameBeyondShort(o) ? <span className="govuk-body-s app-timeline__meta"> · {o.name}</span> : null}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "Format", value: e.format ? ENGAGEMENT_FORMAT_LABELS[e.format] : none },
          { key: "Location", value: e.location || e.country ? [e.location, e.country].filter(Boolean).join(", ") : none },
          { key: "Lead officer", value: e.leadName ?? none },
          { key: "Purpose", value: text(e.purpose) },
          {
            key: "Themes",
            value: details.themes.length ? (
              <ul className="govuk-list">
                {details.themes.map((t) => (
                  <li key={t.id}>
                    <Link className="govuk-link" to={`/engagements?theme=${t.id}`}>
                      {t.name}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              none
            ),
          },
          details.resolves.length > 0 && {
            key: "Resolves",
            value: (
              <ul className="govuk-list">
                {details.resolves.map((r) => (
                  <li key={r.actionId}>
                    The follow-up “{r.description}” from{" "}
                    <Link className="govuk-link" to={`/engagements/${r.engagementId}`}>
                      {r.engagementTitle}
                    </Link>{" "}
                    on {formatDate(r.engagementDate)}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "Protective marking", value: e.marking },
          {
            key: "Recorded",
            value: `${e.createdByName ? `By ${e.createdByName}, ` : ""}${formatDateTime(e.createdAt)}${e.updatedAt !== e.createdAt ? `; last changed ${formatDateTime(e.updatedAt)}` : ""}`,
          },
        ]}
      />

      <h2 className="govuk-heading-m">Summary of outcomes</h2>
      <p className="govuk-body app-prewrap">{e.summary || "No summary recorded."}</p>

      {details.attendees.length ? (
        <Table
          caption="Attendees"
          captionClasses="govuk-table__caption--m"
          head={["Name", "Role", "Side"]}
          rows={details.attendees.map((a) => [
            a.name,
            [a.roleTitle, a.organisationName].filter(Boolean).join(", "),
            ATTENDEE_SIDE_LABELS[a.side],
          ])}
        />
      ) : (
        <>
          <h2 className="govuk-heading-m">Attendees</h2>
          <p className="govuk-body">No attendees recorded.</p>
        </>
      )}

      <h2 className="govuk-heading-m">Agenda</h2>
      {details.agenda.length ? (
        <ol className="govuk-list govuk-list--number">
          {details.agenda.map((item) => (
            <li key={item.id} className="govuk-!-margin-bottom-4">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{item.title}</h3>
              {item.notes ? <p className="govuk-body app-prewrap govuk-!-margin-bottom-1">{item.notes}</p> : null}
              {item.outcome ? (
                <p className="govuk-body app-prewrap">
                  <strong>Outcome:</strong> {item.outcome}
                </p>
              ) : null}
              {item.recommendations.length ? (
                <p className="govuk-body">
                  <RecommendationRefs refs={item.recommendations} className="" />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="govuk-body">No agenda recorded.</p>
      )}
    </>
  );
}
