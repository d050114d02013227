import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { ReportForm } from "~/components/recommendations/ReportForm";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { editReportSchema } from "~/forms/recommendations.server";
import { getReport, listReportFormChoices, updateReport } from "~/models/recommendation/report.server";
import { reportFormValues, reportIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse, loadOr404 } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.title}` : "Edit report", data?.hasErrors) },
];

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const report = getReport({ id: reportIdOf(params) });
  return json({
    id: report.id,
    title: report.title,
    saved: reportFormValues(report),
    choices: listReportFormChoices(),
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = reportIdOf(params);
  const formData = await request.formData();
  const parsed = parseForm(editReportSchema(), formData);
  if (!parsed.ok) return badRequest(parsed);
  const { version, ...input } = parsed.data;
  try {
    const report = await updateReport({ id, version, input: { ...input, publishedOn: input.publishedOn! }, actor: user.actor });
    return redirectWithNotice(`/recommendations/reports/${id}`, `Report “${report.title}” saved`);
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Inspection report" });
  }
}

export default function EditReport() {
  const { id, title, saved, choices } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure));
  return (
    <>
      <BackLink to={`/recommendations/reports/${id}`}>Back to the report</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ReportForm
            heading={`Edit ${title}`}
            failure={failure}
            saved={saved}
            choices={choices}
            submitLabel="Save changes"
            cancelTo={`/recommendations/reports/${id}`}
          />
        </div>
      </div>
    </>
  );
}
