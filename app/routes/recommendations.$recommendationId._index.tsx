import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink, SummaryList, Table, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { TakeUpTag } from "~/components/recommendations/tags";
import { OverdueTag } from "~/components/status-tags";
import { formatDate, organisationKindLabel } from "~/domain/format";
import { hasRole } from "~/domain/permissions";
import { ADDRESSEE_GROUP_RULES, RECOMMENDATION_KIND_LABELS } from "~/domain/recommendations";
import { getRecommendation } from "~/models/recommendation/read.server";
import { engagementsOfRecommendation, referenceOf } from "~/models/recommendation/links.server";
import { DiscussedAt } from "~/components/recommendations/DiscussedAt";
import { fullNameBeyondShort, shortNameOf } from "~/domain/organisation-names";
import { recommendationIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { loadOr404 } from "~/server/model-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Recommendation ${data.recommendation.number} of ${data.recommendation.reportTitle}` : "Recommendation") },
];

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "viewer");
  const id = recommendationIdOf(params);
  return json({
    recommendation: getRecommendation({ id }),
    reference: referenceOf(id),
    discussedAt: engagementsOfRecommendation({ recommendationId: id }),
    canEdit: hasRole(user.role, "officer"),
  });
}

export default function RecommendationPage() {
  const { recommendation: r, canEdit, reference, discussedAt } = useLoaderData<typeof loader>();
  const groups = [...new Set(r.addressees.map((a) => a.viaGroup).filter((g) => g !== null))];
  return (
    <>
      <BackLink to={`/recommendations/reports/${r.reportId}`}>Back to {r.reportTitle}</BackLink>
      <span className="govuk-caption-l">{r.reportTitle}</span>
      <h1 className="govuk-heading-l">
        {RECOMMENDATION_KIND_LABELS[r.kind]} {r.number}
      </h1>
      {r.archivedAt || r.reportArchivedAt ? (
        <WarningText>This recommendation {r.archivedAt ? "is" : "belongs to a report that is"} archived.</WarningText>
      ) : null}
      <p className="govuk-body-l app-prewrap">{r.text}</p>
      <SummaryList
        rows={[
          { key: "Reference", value: reference ?? "" },
          { key: "Date to be met by", value: r.dueOn ? formatDate(r.dueOn) : "None given" },
          {
            key: "Addressed to",
            value: `${r.addressees.length} ${r.addressees.length === 1 ? "body" : "bodies"}${groups.length ? ` (${groups.map((g) => ADDRESSEE_GROUP_RULES[g].label.toLowerCase()).join(", ")})` : ""}`,
          },
          { key: "Implemented", value: r.percentImplemented === null ? "Not addressed to any body" : `${r.percentImplemented}%` },
          { key: "Marking", value: r.marking },
        ]}
      />
      {canEdit ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/recommendations/${r.id}/edit`}>
            Edit or archive this recommendation
          </Link>
        </p>
      ) : null}
      <Table
        caption="Take-up by body"
        captionClasses="govuk-table__caption--m"
        firstCellIsHeader
        head={["Body", "Kind", "Status", "Since", "Source"]}
        rows={r.addressees.map((a) => ({
          key: a.id,
          cells: [
            // A plain link, not Remix's <Link>: one a body, up to every force, each <Link> several hooks to render.
            <a
              key="b"
              className="govuk-link"
              href={`/recommendations/${r.id}/bodies/${a.organisationId}`}
              title={fullNameBeyondShort(a) ?? undefined}
            >
              {shortNameOf(a)}
            </a>,
            organisationKindLabel(a.kind),
            <>
              <TakeUpTag status={a.status} /> {a.overdue ? <OverdueTag /> : null}
            </>,
            a.statusOn ? formatDate(a.statusOn) : "",
            a.source ?? "",
          ],
        }))}
      />
      {r.removedAddressees.length ? (
        <>
          <h2 className="govuk-heading-m">Bodies taken off it</h2>
          <p className="govuk-body">Their take-up is kept but not counted.</p>
          <ul className="govuk-list">
            {r.removedAddressees.map((a) => (
              <li key={a.id}>
                <Link className="govuk-link" to={`/recommendations/${r.id}/bodies/${a.organisationId}`}>
                  {shortNameOf(a)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <DiscussedAt
        caption="Discussed at"
        rows={discussedAt}
        none="No engagement has named this recommendation yet: name it on an agenda item, commitment or follow-up with its reference."
      />
    </>
  );
}
