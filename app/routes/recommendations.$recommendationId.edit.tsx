import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, DateInput, ErrorSummary, Select, TextInput, Textarea } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { ADDRESSEE_GROUP_RULES, ADDRESSEE_GROUPS, RECOMMENDATION_KIND_LABELS, RECOMMENDATION_KINDS } from "~/domain/recommendations";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { formDataToObject, parseForm, valueAt } from "~/forms/form-data";
import { archivalSchema, recommendationSchema } from "~/forms/recommendations.server";
import { getRecommendation } from "~/models/recommendation/read.server";
import { setRecommendationArchived, updateRecommendation } from "~/models/recommendation/write.server";
import { recommendationIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse, loadOr404 } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit recommendation ${data.saved.number}` : "Edit recommendation", data?.hasErrors) },
];

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const r = getRecommendation({ id: recommendationIdOf(params) });
  return json({
    id: r.id,
    reportTitle: r.reportTitle,
    archivedAt: r.archivedAt,
    saved: { number: r.number, text: r.text, kind: r.kind, dueOn: r.dueOn ?? "", addAddressees: "", version: r.version },
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = recommendationIdOf(params);
  const formData = await request.formData();
  const values = formDataToObject(formData);
  const intent = formData.get("intent");
  try {
    if (intent === "archive" || intent === "restore") {
      const parsed = parseForm(archivalSchema, formData);
      if (!parsed.ok) return badRequest(parsed);
      const saved = await setRecommendationArchived({
        id,
        version: parsed.data.version,
        archived: intent === "archive",
        actor: user.actor,
      });
      return redirectWithNotice(
        `/recommendations/${id}`,
        `Recommendation ${saved.number} ${intent === "archive" ? "archived" : "restored"}`,
      );
    }
    const parsed = parseForm(recommendationSchema, formData);
    if (!parsed.ok) return badRequest(parsed);
    const { version, ...input } = parsed.data;
    const saved = await updateRecommendation({
      id,
      version,
      input: { ...input, addAddressees: input.addAddressees ?? "" },
      actor: user.actor,
    });
    return redirectWithNotice(`/recommendations/${id}`, `Recommendation ${saved.number} saved`);
  } catch (error) {
    return modelErrorResponse(error, { values, notFound: "Recommendation" });
  }
}

export default function EditRecommendation() {
  const { id, reportTitle, archivedAt, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure));
  const values = failure?.values ?? saved;
  const errors = failure?.fieldErrors ?? {};
  const text = (name: string) => valueAt(values, name) ?? "";
  const due = datePartsOf(values, "dueOn");
  return (
    <>
      <BackLink to={`/recommendations/${id}`}>Back to the recommendation</BackLink>
      <ErrorSummary errors={failure?.fieldErrors} order={["number", "kind", "text", "dueOn", "addAddressees", "version"]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{reportTitle}</span>
          <h1 className="govuk-heading-l">Edit recommendation {saved.number}</h1>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={saved.version} />
            <TextInput
              name="number"
              label="Number as printed"
              widthClass="govuk-input--width-5"
              error={errors.number}
              defaultValue={text("number")}
            />
            <Select
              name="kind"
              label="Kind"
              options={RECOMMENDATION_KINDS.map((k) => ({ value: k, label: RECOMMENDATION_KIND_LABELS[k] }))}
              error={errors.kind}
              defaultValue={text("kind")}
            />
            <Textarea name="text" label="Text" error={errors.text} defaultValue={text("text")} />
            <DateInput
              name="dueOn"
              legend="Date to be met by (optional)"
              legendClassName="govuk-fieldset__legend--s"
              values={due}
              error={errors.dueOn}
              errorParts={datePartsInError(due, errors.dueOn)}
            />
            <TextInput
              name="addAddressees"
              label="Address it to more bodies (optional)"
              hint={`Organisations or a group separated by ;, such as ${ADDRESSEE_GROUPS.map((g) => `“${ADDRESSEE_GROUP_RULES[g].label}”`).join(" or ")}`}
              error={errors.addAddressees}
              defaultValue={text("addAddressees")}
              spellCheck={false}
            />
            {errors.version ? (
              <p className="govuk-error-message" id="version">
                {errors.version}
              </p>
            ) : null}
            <div className="govuk-button-group">
              <Button name="intent" value="save">
                Save changes
              </Button>
              <Link className="govuk-link" to={`/recommendations/${id}`}>
                Cancel
              </Link>
            </div>
          </Form>
          <h2 className="govuk-heading-m">{archivedAt ? "Restore" : "Archive"} this recommendation</h2>
          <p className="govuk-body">
            {archivedAt ? "It will show in the lists again." : "It leaves the lists; its take-up is kept and it can be restored."}
          </p>
          <Form method="post">
            <input type="hidden" name="version" value={saved.version} />
            <Button name="intent" value={archivedAt ? "restore" : "archive"} variant={archivedAt ? "secondary" : "warning"}>
              {archivedAt ? "Restore recommendation" : "Archive recommendation"}
            </Button>
          </Form>
        </div>
      </div>
    </>
  );
}
