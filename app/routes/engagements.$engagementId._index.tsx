import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionsTable, EngagementDetailsView, MarkingBanner } from "~/components/engagements/EngagementView";
import { EngagementStatusTag } from "~/components/status-tags";
import { BackLink, Button, ButtonLink, Tag } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { mayChangeAction } from "~/models/action.server";
import { getEngagement } from "~/models/engagement/read.server";
import { todayInUk } from "~/domain/dates";
import { ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { formatDate, formatDateTime } from "~/domain/format";
import { notFound, requireIdParam } from "~/server/http.server";
import { hasRole } from "~/domain/permissions";
import { requireUser } from "~/server/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? data.details.engagement.title : "Engagement") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireIdParam(params.engagementId, "Engagement");
  const details = getEngagement(id);
  if (!details) notFound("Engagement");
  // Who may change each action is the register's rule (its owner, the engagement's lead or recorder, or a manager).
  const facts = { engagementLeadUserId: details.engagement.leadUserId, engagementCreatedById: details.engagement.createdById };
  const withPermission = <T extends { ownerUserId: number | null }>(list: T[]) =>
    list.map((a) => ({ ...a, canChange: mayChangeAction({ user, facts: { ownerUserId: a.ownerUserId, ...facts } }) }));
  return json({
    details: { ...details, commitments: withPermission(details.commitments), followUps: withPermission(details.followUps) },
    today: todayInUk(),
    canEdit: hasRole(user.role, "officer"),
  });
}

export default function EngagementPage() {
  const { details, today, canEdit } = useLoaderData<typeof loader>();
  const e = details.engagement;
  const archived = Boolean(e.archivedAt);
  const multipleOrgs = details.organisations.length > 1;
  return (
    <>
      <BackLink to="/engagements">All engagements</BackLink>
      <MarkingBanner marking={e.marking} position="top" />
      <span className="govuk-caption-l">
        {ENGAGEMENT_KIND_LABELS[e.kind]} on {formatDate(e.date)}
      </span>
      <h1 className="govuk-heading-l">
        {e.title} <EngagementStatusTag status={e.status} />
        {archived ? (
          <>
            {" "}
            <Tag colour="grey">Archived</Tag>
          </>
        ) : null}
      </h1>

      {archived ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            Archived on {formatDateTime(e.archivedAt)}. It is left out of lists and timelines, and nothing about it can change until it is
            restored.
          </p>
          {canEdit ? (
            <Form method="post" action={`/engagements/${e.id}/restore`}>
              <input type="hidden" name="version" value={e.version} />
              <Button variant="secondary" className="govuk-!-margin-bottom-0">
                Restore engagement
              </Button>
            </Form>
          ) : null}
        </div>
      ) : canEdit ? (
        <div className="govuk-button-group">
          <ButtonLink to={`/engagements/${e.id}/edit`}>{e.status === "planned" ? "Complete or edit" : "Edit engagement"}</ButtonLink>
        </div>
      ) : null}
      <ul className="govuk-list app-action-links">
        <li>
          <Link className="govuk-link" to={`/engagements/${e.id}/history`}>
            History
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/engagements/${e.id}/print`} reloadDocument>
            Printable summary
          </Link>
        </li>
        <li>
          {/* A download, not a page: a plain link so the browser saves it. */}
          <a className="govuk-link" href={`/engagements/${e.id}/summary.docx`} download>
            Download as a Word document
          </a>
        </li>
      </ul>

      <EngagementDetailsView details={details} />

      {details.commitments.length ? (
        <ActionsTable
          caption="Commitments"
          items={details.commitments}
          engagementId={e.id}
          today={today}
          canEdit={canEdit && !archived}
          showOrganisation={multipleOrgs}
        />
      ) : (
        <>
          <h2 className="govuk-heading-m">Commitments</h2>
          <p className="govuk-body">No commitments recorded.</p>
        </>
      )}
      {details.followUps.length ? (
        <ActionsTable
          caption="Follow-ups the office owes"
          items={details.followUps}
          engagementId={e.id}
          today={today}
          canEdit={canEdit && !archived}
          showOrganisation={multipleOrgs}
        />
      ) : (
        <>
          <h2 className="govuk-heading-m">Follow-ups the office owes</h2>
          <p className="govuk-body">No follow-ups recorded.</p>
        </>
      )}

      {canEdit && !archived ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/engagements/${e.id}/archive`}>
            Archive this engagement
          </Link>
        </p>
      ) : null}
      <MarkingBanner marking={e.marking} position="bottom" />
    </>
  );
}
