import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { ReportForm } from "~/components/recommendations/ReportForm";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { reportSchema } from "~/forms/recommendations.server";
import { createReport, listReportFormChoices } from "~/models/recommendation/report.server";
import { requireRole } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Add an inspection report", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  return json({ choices: listReportFormChoices(), hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const parsed = parseForm(reportSchema(), formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    const report = await createReport({ input: { ...parsed.data, publishedOn: parsed.data.publishedOn! }, actor: user.actor });
    return redirectWithNotice(
      `/recommendations/reports/${report.id}/import`,
      `Report “${report.title}” added: now bring in its recommendations`,
    );
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData) });
  }
}

export default function NewReport() {
  const { choices } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure));
  return (
    <>
      <BackLink to="/recommendations/reports">Back to inspection reports</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ReportForm
            heading="Add an inspection report"
            failure={failure}
            choices={choices}
            submitLabel="Add report"
            cancelTo="/recommendations/reports"
          />
        </div>
      </div>
    </>
  );
}
