import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import autocompleteCss from "accessible-autocomplete/dist/accessible-autocomplete.min.css";
import { EngagementForm, encodeLoadedActions, type EngagementFailure } from "~/components/engagements/EngagementForm";
import { BackLink } from "~/components/govuk";
import { EngagementConflictNotice } from "~/components/engagements/EngagementConflictNotice";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import type { Aggregate } from "~/models/engagement/aggregate.server";
import { resolveEngagementConflict } from "~/models/engagement/conflict.server";
import { getEngagementFormOptions } from "~/models/engagement/options.server";
import { engagementFormValues } from "~/models/engagement/read.server";
import { updateEngagement } from "~/models/engagement/write.server";
import { postedValues, refusedForm, rowButtonResponse, unseenChanges, withCarriedState } from "~/routes/__engagement-form.server";
import { parseForm } from "~/forms/form-data";
import { notFound, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { requireRole } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import type { EditEngagementInput, EngagementFormValues } from "~/forms/engagement";
import { editEngagementSchema } from "./__engagement-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: autocompleteCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.title}` : "Edit engagement", data?.hasErrors) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const form = engagementFormValues(id);
  if (!form) notFound("Engagement");
  if (form.archived)
    throw await redirectWithNotice(`/engagements/${id}`, {
      title: "Important",
      message: "This engagement is archived: restore it before editing it",
    });
  return json({
    id,
    title: form.title,
    initial: form.values,
    loadedActions: form.loadedActions,
    baseline: form.baseline,
    actionStatus: form.actionStatus,
    options: getEngagementFormOptions(form.keep),
    currentUserId: user.id,
    hasErrors: renderedAfterFailedPost(request) && !new URL(request.url).searchParams.has("restructure"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.engagementId, "Engagement");
  const formData = await request.formData();
  const rowButton = rowButtonResponse(formData, user.id);
  if (rowButton) return rowButton;
  const parsed = parseForm(editEngagementSchema, formData);
  if (!parsed.ok) return refusedForm(parsed, formData);
  try {
    const saved = await updateEngagement({ id, input: parsed.data, actor: user.actor });
    return redirectWithNotice(`/engagements/${saved.id}`, { title: "Success", message: `Engagement “${saved.title}” updated` });
  } catch (error) {
    return refusal(error, formData, parsed.data);
  }
}

/** A save the model refused: a conflict shown in full, anything else with the form's bookkeeping kept. */
async function refusal(error: unknown, formData: FormData, input: EditEngagementInput) {
  const response = modelErrorResponse(error, {
    values: postedValues(formData),
    notFound: "Engagement",
    conflict: (current: Aggregate) => {
      // Nothing was saved. Keep what they typed, merged with what only others changed, and say what differs.
      const posted = postedValues(formData) as EngagementFormValues;
      const resolved = resolveEngagementConflict({ current, input, posted });
      const changes = [
        ...resolved.changes,
        ...unseenChanges({ current, loadedActions: input.loadedActions, posted, listed: resolved.changes }),
      ];
      return json<EngagementFailure>(
        {
          fieldErrors: {},
          values: resolved.values,
          conflict: {
            version: resolved.version,
            actionVersions: resolved.actionVersions,
            baseline: resolved.baseline,
            changes,
          },
        },
        { status: 409 },
      );
    },
  });
  return withCarriedState(response, formData);
}

export default function EditEngagement() {
  const { id, title, initial, loadedActions, baseline, actionStatus, options, currentUserId } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as EngagementFailure | undefined;
  const back = `/engagements/${id}`;
  const conflict = failure?.conflict;
  return (
    <>
      <BackLink to={back}>Back to the engagement</BackLink>
      <EngagementForm
        // After a conflict the form starts again from the person's own input, re-based on what is saved now.
        key={conflict ? `conflict-${conflict.version}-${Object.values(conflict.actionVersions).join(".")}` : "loaded"}
        mode="edit"
        initial={initial}
        failure={failure}
        options={options}
        currentUserId={currentUserId}
        // The version (in the values), the actions and the baseline always describe one state: after a
        // conflict, what is saved now; after any other round trip, what the person last saw (as posted).
        loadedActions={
          conflict ? encodeLoadedActions(conflict.actionVersions) : (failure?.carried?.loadedActions ?? encodeLoadedActions(loadedActions))
        }
        baseline={conflict ? JSON.stringify(conflict.baseline) : (failure?.carried?.baseline ?? JSON.stringify(baseline))}
        actionStatus={actionStatus}
        notice={conflict ? <EngagementConflictNotice changes={conflict.changes} /> : null}
        heading={
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">Edit engagement</span>
            {title}
          </h1>
        }
        submitLabel="Save changes"
        cancelTo={back}
        action={`/engagements/${id}/edit`}
        restructureAction={`/engagements/${id}/edit?restructure`}
      />
    </>
  );
}
