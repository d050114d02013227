import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useFileSizeCheck } from "~/components/file-size-check";
import { Button, Choices, ErrorMessage, ErrorSummary, Table } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { megabytes } from "~/domain/format";
import { IMPORT_FILE_TOO_LARGE, IMPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_LIMITS } from "~/domain/import";
import { importUploadSchema } from "~/forms/import.server";
import { parseForm } from "~/forms/form-data";
import { createImportDraft, ImportFileError, listSavedImports } from "~/models/import/import.server";
import { requireRole } from "~/server/auth.server";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Import a spreadsheet", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  return json({ recent: listSavedImports(), hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return badRequest({ fieldErrors: { file: "The upload did not arrive whole: choose the file and try again" }, values: {} });
  }
  const parsed = parseForm(importUploadSchema, formData);
  const file = formData.get("file");
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (!(file instanceof File) || (file.size === 0 && !file.name)) fieldErrors.file = "Select a .xlsx or .csv file";
  if (!parsed.ok || Object.keys(fieldErrors).length || !(file instanceof File))
    return badRequest({ fieldErrors, values: { kind: formData.get("kind") ?? "" } });
  try {
    const draft = await createImportDraft({
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || "upload",
      kind: parsed.data.kind,
      actor: user.actor,
    });
    return redirect(`/import/${draft.id}`);
  } catch (error) {
    if (error instanceof ImportFileError) return badRequest({ fieldErrors: { file: error.message }, values: { kind: parsed.data.kind } });
    return modelErrorResponse(error, { values: { kind: parsed.data.kind } });
  }
}

export default function ImportPage() {
  const { recent } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const sizeCheck = useFileSizeCheck("file", IMPORT_LIMITS.bytes, IMPORT_FILE_TOO_LARGE);
  const errors = sizeCheck.error ? { ...failure?.fieldErrors, file: sizeCheck.error } : failure?.fieldErrors;
  useErrorTitle(Boolean(errors && Object.keys(errors).length));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["file", "kind"]} />
        <h1 className="govuk-heading-l">Import a spreadsheet</h1>
        <p className="govuk-body">
          Bring engagements, actions or contacts in from a spreadsheet. You will match its columns to the tracker’s fields and see every
          row, and every problem, before anything is saved.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={sizeCheck.onSubmit}>
          <div className={`govuk-form-group${errors?.file ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="file">
              Upload a file
            </label>
            <div id="file-hint" className="govuk-hint">
              A .xlsx workbook (its first sheet) or a .csv file, up to {megabytes(IMPORT_LIMITS.bytes)} and{" "}
              {IMPORT_LIMITS.rows.toLocaleString("en-GB")} rows. The first row holds the column headings.
            </div>
            {errors?.file ? <ErrorMessage id="file-error">{errors.file}</ErrorMessage> : null}
            <input
              className={`govuk-file-upload${errors?.file ? " govuk-file-upload--error" : ""}`}
              id="file"
              name="file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`file-hint${errors?.file ? " file-error" : ""}`}
            />
          </div>
          <Choices
            type="radio"
            name="kind"
            legend="What does the file hold?"
            error={errors?.kind}
            defaultValue={String(failure?.values?.kind ?? "engagements")}
            items={IMPORT_KINDS.map((kind) => ({ value: kind, label: IMPORT_KIND_LABELS[kind] }))}
          />
          <Button>Upload and check</Button>
        </Form>
        {recent.length ? (
          <Table
            caption="Recent imports"
            captionClasses="govuk-table__caption--m"
            head={[{ text: "File" }, { text: "Holds" }, { text: "Rows", format: "numeric" }, { text: "Status" }]}
            rows={recent.map((r) => ({
              key: r.id,
              cells: [
                {
                  html: (
                    <Link to={`/import/${r.id}`} className="govuk-link">
                      {r.fileName}
                    </Link>
                  ),
                },
                { text: IMPORT_KIND_LABELS[r.kind] },
                { text: r.rowCount, format: "numeric" },
                { text: r.status === "undone" ? "Undone" : `Saved ${r.savedAt?.slice(0, 10) ?? ""}` },
              ],
            }))}
          />
        ) : null}
      </div>
    </div>
  );
}
