import { newCreateKey } from "~/models/create-keys.server";
import { createKeyOf } from "~/forms/fields";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import autocompleteCss from "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { EngagementForm, type EngagementFailure } from "~/components/engagements/EngagementForm";
import { newEngagementValues } from "~/components/engagements/form-values";
import { BackLink, WarningText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { checkMayChangeAction } from "~/models/action.server";
import { getEngagementFormOptions, getOrganisationIdBySlug } from "~/models/engagement/options.server";
import { getFollowUpToResolve } from "~/models/engagement/read.server";
import { recordEngagement } from "~/models/engagement/write.server";
import { todayInUk } from "~/domain/dates";
import { postedValues, rowButtonResponse } from "~/routes/__engagement-form.server";
import { parseForm } from "~/forms/form-data";
import { badRequest, notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newEngagementSchema } from "~/forms/engagement";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: autocompleteCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Record an engagement", data?.hasErrors) }];

const UK = ["England", "Wales", "Scotland", "Northern Ireland", "UK", "United Kingdom", "Great Britain"];

/** ?organisation=SLUG starts the form with that organisation; ?resolves=ID from an open follow-up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const url = new URL(request.url);
  const slug = url.searchParams.get("organisation");
  const resolvesParam = url.searchParams.get("resolves");
  let organisationIds: number[] = [];
  let country: string | undefined;
  let from: string | null = null;
  if (slug) {
    const organisation = getOrganisationIdBySlug(slug);
    if (!organisation) notFound("Organisation");
    if (!organisation.archived) {
      organisationIds = [organisation.id];
      country = UK.includes(organisation.nation)
        ? "United Kingdom"
        : organisation.nation === "International"
          ? undefined
          : organisation.nation;
      from = `/organisations/${slug}`;
    }
  }
  let resolves = null;
  let alreadyResolvedBy: number | null = null;
  if (resolvesParam !== null) {
    const followUp = getFollowUpToResolve(requireIdParam(resolvesParam, "Follow-up"));
    if (!followUp) notFound("Follow-up");
    if (followUp.resolvedByEngagementId) alreadyResolvedBy = followUp.resolvedByEngagementId;
    else {
      // Saving it closes the follow-up: offered only to whom may close it (a 403, recorded, otherwise).
      await checkMayChangeAction({ user: user.actor, id: followUp.id, what: "open the form that resolves it" }).catch((error) =>
        modelErrorResponse(error, { values: {}, notFound: "Follow-up" }),
      );
      resolves = {
        id: followUp.id,
        description: followUp.description,
        engagementId: followUp.engagementId,
        engagementTitle: followUp.engagementTitle,
        engagementDate: followUp.engagementDate,
      };
      if (!organisationIds.length) organisationIds = followUp.organisationIds;
      from = `/engagements/${followUp.engagementId}`;
    }
  }
  const today = todayInUk();
  return json({
    createKey: newCreateKey(),
    initial: newEngagementValues({ userId: user.id, today, organisationIds, country, resolvesActionId: resolves?.id }),
    options: getEngagementFormOptions(),
    resolves,
    alreadyResolvedBy,
    currentUserId: user.id,
    back: from ?? "/engagements",
    // A failed post shown without JavaScript is titled "Error: "; a row button ("?restructure") is not a failure.
    hasErrors: renderedAfterFailedPost(request) && !url.searchParams.has("restructure"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const rowButton = rowButtonResponse(formData, user.id);
  if (rowButton) return rowButton;
  const parsed = parseForm(newEngagementSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const engagement = await recordEngagement({ input: parsed.data, actor: user.actor, createKey: createKeyOf(formData) });
    return redirectWithNotice(`/engagements/${engagement.id}`, { title: "Success", message: `Engagement “${engagement.title}” recorded` });
  } catch (error) {
    return modelErrorResponse(error, { values: postedValues(formData) });
  }
}

export default function NewEngagement() {
  const { createKey, initial, options, resolves, alreadyResolvedBy, currentUserId, back } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EngagementFailure | undefined;
  return (
    <>
      <BackLink to={back} />
      <EngagementForm
        mode="new"
        createKey={createKey}
        initial={initial}
        failure={failure}
        options={options}
        currentUserId={currentUserId}
        resolves={resolves}
        heading={<h1 className="govuk-heading-l">Record an engagement</h1>}
        intro={
          alreadyResolvedBy ? (
            <WarningText>
              That follow-up was already resolved by{" "}
              <a className="govuk-link" href={`/engagements/${alreadyResolvedBy}`}>
                engagement #{alreadyResolvedBy}
              </a>
              . This engagement will not be linked to it.
            </WarningText>
          ) : (
            <p className="govuk-body">
              Record what happened while it is fresh. Only the title, organisation, kind, status and date are needed; you can complete the
              rest later.
            </p>
          )
        }
        submitLabel="Save engagement"
        cancelTo={back}
        action="/engagements/new"
        restructureAction="/engagements/new?restructure"
      />
    </>
  );
}
