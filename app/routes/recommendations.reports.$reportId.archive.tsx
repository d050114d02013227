import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { archivalSchema } from "~/forms/recommendations.server";
import { getReport, setReportArchived } from "~/models/recommendation/report.server";
import { reportIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse, loadOr404 } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

// One page archives a live report and restores an archived one: the confirmation says which.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.archivedAt ? "Restore" : "Archive"} ${data.title}` : "Archive report", data?.hasErrors) },
];

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const report = getReport({ id: reportIdOf(params) });
  return json({
    id: report.id,
    title: report.title,
    version: report.version,
    archivedAt: report.archivedAt,
    hasErrors: renderedAfterFailedPost(request),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = reportIdOf(params);
  const formData = await request.formData();
  const parsed = parseForm(archivalSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  const archived = formData.get("intent") !== "restore";
  try {
    const report = await setReportArchived({ id, version: parsed.data.version, archived, actor: user.actor });
    return redirectWithNotice(`/recommendations/reports/${id}`, `Report “${report.title}” ${archived ? "archived" : "restored"}`);
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Inspection report" });
  }
}

export default function ArchiveReport() {
  const { id, title, version, archivedAt } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure));
  const restore = Boolean(archivedAt);
  return (
    <>
      <BackLink to={`/recommendations/reports/${id}`}>Back to the report</BackLink>
      <ErrorSummary errors={failure?.fieldErrors} />
      <h1 className="govuk-heading-l">
        {restore ? "Restore" : "Archive"} {title}
      </h1>
      <p className="govuk-body">
        {restore
          ? "The report and its recommendations will show in the lists again."
          : "The report and its recommendations leave the lists. Nothing is deleted: you can restore it later."}
      </p>
      <Form method="post">
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="intent" value={restore ? "restore" : "archive"} />
        <div className="govuk-button-group">
          <Button variant={restore ? undefined : "warning"}>{restore ? "Restore report" : "Archive report"}</Button>
          <Link className="govuk-link" to={`/recommendations/reports/${id}`}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}
