import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, WarningText } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { withRefusalsRecorded } from "~/models/audit.server";
import { getImport, undoImport } from "~/models/import/import.server";
import { requireRole } from "~/server/auth.server";
import { requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Undo an import", data?.hasErrors) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager");
  const id = requireIdParam(params.importId, "Import");
  try {
    const draft = getImport({ id, actor: user.actor });
    if (draft.status !== "saved") throw new Response("Import not found", { status: 404, statusText: "Not Found" });
    return json({ id, fileName: draft.fileName, created: draft.result?.created ?? {}, hasErrors: renderedAfterFailedPost(request) });
  } catch (error) {
    if (error instanceof Response) throw error;
    return modelErrorResponse(error, { values: {}, notFound: "Import" }) as never;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "manager");
  const id = requireIdParam(params.importId, "Import");
  try {
    const { archived } = await withRefusalsRecorded(user.actor, () => undoImport({ id, actor: user.actor }));
    return redirectWithNotice(`/import/${id}`, `Import undone: ${archived} records archived`);
  } catch (error) {
    return modelErrorResponse(error, {
      values: {},
      notFound: "Import",
      conflictField: "form",
      rule: (e) => json({ fieldErrors: { form: e.message }, values: {} }, { status: 400 }),
    });
  }
}

export default function UndoImportPage() {
  const { id, fileName, created } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  useErrorTitle(Boolean(failure?.fieldErrors));
  const made = Object.entries(created).filter(([, n]) => n);
  return (
    <>
      <BackLink to={`/import/${id}`}>Back to the import</BackLink>
      <ErrorSummary errors={failure?.fieldErrors} />
      <h1 className="govuk-heading-l">Undo the import of {fileName}?</h1>
      <p className="govuk-body">It made {made.length ? made.map(([what, n]) => `${n} ${what}`).join(", ") : "nothing"}.</p>
      <WarningText>
        Its engagements will be archived, its open actions dropped and its contacts marked no longer in post. Nothing is deleted, and each
        change is recorded in the audit trail.
      </WarningText>
      <Form method="post" noValidate>
        <Button variant="warning" id="form">
          Undo the import
        </Button>
      </Form>
    </>
  );
}
