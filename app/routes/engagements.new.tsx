import { newCreateKey } from "~/models/create-keys.server";
import { createKeyOf } from "~/forms/field-checks";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import autocompleteCss from "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { EngagementForm, type EngagementFailure } from "~/components/engagements/EngagementForm";
import { newEngagementValues, type ResolvedContext } from "~/components/engagements/form-values";
import { BackLink, WarningText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { checkMayChangeAction } from "~/models/action.server";
import { getEngagementFormOptions, getOrganisationIdBySlug } from "~/models/engagement/options.server";
import { engagementFormValues, getFollowUpToResolve } from "~/models/engagement/read.server";
import { recordEngagement } from "~/models/engagement/write.server";
import { todayInUk } from "~/domain/dates";
import { postedValues, refusedForm, rowButtonResponse } from "~/routes/__engagement-form.server";
import { parseForm } from "~/forms/form-data";
import { notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { newEngagementSchema } from "./__engagement-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: autocompleteCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.quick ? "Log a call or email" : "Record an engagement", data?.hasErrors) },
];

const UK = ["England", "Wales", "Scotland", "Northern Ireland", "UK", "United Kingdom", "Great Britain"];

/**
 * ?organisation=SLUG starts the form with that organisation; ?resolves=ID from an open follow-up, with
 * the organisations, marking, themes and country of the meeting it came from; ?quick is "Log a call or email".
 */
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
  const quick = url.searchParams.has("quick");
  let resolves = null;
  let context: ResolvedContext | undefined;
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
      const original = engagementFormValues(followUp.engagementId);
      context = {
        organisationIds: organisationIds.length ? organisationIds : followUp.organisationIds,
        marking: original?.values.marking ?? "OFFICIAL",
        themeIds: original?.values.themeIds ?? [],
        country: original?.values.country || country || "",
        description: followUp.description,
        engagementTitle: followUp.engagementTitle,
      };
      from = `/engagements/${followUp.engagementId}`;
    }
  }
  const today = todayInUk();
  return json({
    createKey: newCreateKey(),
    initial: newEngagementValues({
      userId: user.id,
      today,
      organisationIds,
      country,
      resolves: context,
      resolvesActionId: resolves?.id,
      quick,
    }),
    options: getEngagementFormOptions(),
    quick,
    // The form posts to its own address with its query (?resolves=, ?organisation=, ?quick), so the page
    // handed back after a failed save still knows what it resolves; the other form keeps them too.
    ...formAddresses(url, quick),
    resolves,
    alreadyResolvedBy,
    currentUserId: user.id,
    back: from ?? "/engagements",
    // A failed post shown without JavaScript is titled "Error: "; a row button ("?restructure") is not a failure.
    hasErrors: renderedAfterFailedPost(request) && !url.searchParams.has("restructure"),
  });
}

function formAddresses(url: URL, quick: boolean) {
  const keep = [...url.searchParams].filter(([k]) => k !== "restructure" && k !== "quick");
  const address = (params: string[][]) => `/engagements/new${params.length ? `?${new URLSearchParams(params)}` : ""}`;
  const own = address(quick ? [...keep, ["quick", "1"]] : keep);
  return {
    formAction: own,
    restructureAction: `${own}${own.includes("?") ? "&" : "?"}restructure`,
    otherForm: address(quick ? keep : [...keep, ["quick", "1"]]),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const rowButton = rowButtonResponse(formData, user.id);
  if (rowButton) return rowButton;
  const parsed = parseForm(newEngagementSchema, formData);
  if (!parsed.ok) return refusedForm(parsed, formData);
  try {
    const engagement = await recordEngagement({ input: parsed.data, actor: user.actor, createKey: createKeyOf(formData) });
    return redirectWithNotice(`/engagements/${engagement.id}`, { title: "Success", message: `Engagement “${engagement.title}” recorded` });
  } catch (error) {
    return modelErrorResponse(error, { values: postedValues(formData) });
  }
}

export default function NewEngagement() {
  const { createKey, initial, options, resolves, alreadyResolvedBy, currentUserId, back, quick, formAction, restructureAction, otherForm } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EngagementFailure | undefined;
  return (
    <>
      <BackLink to={back} />
      <EngagementForm
        // After "Copy from the last meeting" the form starts again from the values handed back.
        key={failure?.copied && "id" in failure.copied ? `copied-${failure.copied.id}` : "form"}
        mode="new"
        createKey={createKey}
        initial={initial}
        failure={failure}
        options={options}
        currentUserId={currentUserId}
        resolves={resolves}
        quick={quick}
        heading={<h1 className="govuk-heading-l">{quick ? "Log a call or email" : "Record an engagement"}</h1>}
        intro={
          <>
            {alreadyResolvedBy ? (
              <WarningText>
                That follow-up was already resolved by{" "}
                <a className="govuk-link" href={`/engagements/${alreadyResolvedBy}`}>
                  engagement #{alreadyResolvedBy}
                </a>
                . This engagement will not be linked to it.
              </WarningText>
            ) : quick ? (
              <p className="govuk-body">A short call or an email: who with, when, what was said, and anything the office now owes.</p>
            ) : (
              <p className="govuk-body">
                Record what happened while it is fresh. Only the title, organisation, kind, status and date are needed; you can complete the
                rest later.
              </p>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" to={otherForm}>
                {quick ? "Record a meeting, visit or conference instead (the full form)" : "Log a call or email instead (fewer fields)"}
              </Link>
            </p>
          </>
        }
        submitLabel="Save engagement"
        cancelTo={back}
        action={formAction}
        restructureAction={restructureAction}
      />
    </>
  );
}
