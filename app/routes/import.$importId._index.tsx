import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, ErrorSummary } from "~/components/govuk";
import { ImportPreview, ImportSaved } from "~/components/import/ImportPreview";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { IMPORT_FIELDS, normaliseName } from "~/domain/import";
import { hasRole } from "~/domain/permissions";
import { formDataToObject, parseForm } from "~/forms/form-data";
import { importAliasSchema, importCellsSchema, importMappingSchema, importPersonSchema } from "~/forms/import.server";
import {
  choosePersonInImport,
  correctImportCells,
  getImport,
  ImportProblemsError,
  listOrganisationChoices,
  listStaffChoices,
  previewImport,
  rememberOrganisationAlias,
  saveImport,
  setImportMapping,
} from "~/models/import/import.server";
import { requireRole } from "~/server/auth.server";
import { badRequest, requireIdParam } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data?.draft.status === "draft" ? `Check the import of ${data.draft.fileName}` : `Import of ${data?.draft.fileName ?? "a file"}`,
      data?.hasErrors,
    ),
  },
];

const ROWS_PER_PAGE = 200;
/** At most this many problems listed above the rows (a file with more needs fixing at source first). */
const PROBLEMS_LISTED = 500;
/** At most this many cells to type again on the page at once (the next ones appear once these are right). */
const CELLS_TO_FIX = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.importId, "Import");
  let draft;
  try {
    draft = getImport({ id, actor: user.actor });
  } catch (error) {
    return modelErrorResponse(error, { values: {}, notFound: "Import" }) as never;
  }
  const { rows: _rows, ...summary } = draft;
  const base = {
    draft: summary,
    fields: IMPORT_FIELDS[draft.kind],
    canUndo: hasRole(user.role, "manager"),
    hasErrors: renderedAfterFailedPost(request),
  };
  if (draft.status !== "draft") return json({ ...base, preview: null });
  const plan = previewImport(draft);
  const pages = Math.max(1, Math.ceil(plan.rows.length / ROWS_PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1));
  const cells = plan.rows
    .flatMap((r) => r.problems.filter((p) => p.fix === "cell" && p.column !== null).map((p) => ({ line: r.line, ...p })))
    .slice(0, CELLS_TO_FIX);
  const people = new Map<string, { text: string; lines: number[] }>();
  for (const r of plan.rows)
    for (const p of r.problems.filter((x) => x.fix === "person")) {
      const person = people.get(normaliseName(p.value)) ?? { text: p.value, lines: [] };
      if (!person.lines.includes(r.line)) person.lines.push(r.line);
      people.set(normaliseName(p.value), person);
    }
  const withProblems = plan.rows.flatMap((r, index) => (r.problems.length ? [{ ...r, page: Math.floor(index / ROWS_PER_PAGE) + 1 }] : []));
  return json({
    ...base,
    preview: {
      counts: plan.counts,
      missingFields: plan.missingFields,
      unknownOrganisations: plan.unknownOrganisations,
      problems: withProblems.slice(0, PROBLEMS_LISTED).map((r) => ({ line: r.line, page: r.page, problems: r.problems })),
      moreProblems: Math.max(0, withProblems.length - PROBLEMS_LISTED),
      rows: plan.rows
        .slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)
        .map(({ line, outcome, says, problems }) => ({ line, outcome, says, problems })),
      page,
      pages,
      organisations: plan.unknownOrganisations.length ? listOrganisationChoices() : [],
      fixes: { cells, people: [...people.values()], staff: people.size ? listStaffChoices() : [] },
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const id = requireIdParam(params.importId, "Import");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = formDataToObject(formData);
  try {
    if (intent === "map") {
      const parsed = parseForm(importMappingSchema, formData);
      if (!parsed.ok) return badRequest(parsed);
      const mapping = Object.fromEntries(Object.entries(parsed.data.column).filter((e): e is [string, number] => e[1] !== undefined));
      await setImportMapping({ id, mapping, actor: user.actor });
      return redirect(`/import/${id}#preview`);
    }
    if (intent === "alias") {
      const parsed = parseForm(importAliasSchema, formData);
      if (!parsed.ok) return badRequest(parsed);
      await rememberOrganisationAlias({ alias: parsed.data.alias, organisationId: parsed.data.organisationId, actor: user.actor });
      return redirectWithNotice(
        `/import/${id}`,
        `“${parsed.data.alias}” will be read as the organisation you chose, in this import and later ones`,
      );
    }
    if (intent === "cells") {
      const parsed = parseForm(importCellsSchema, formData);
      if (!parsed.ok) return badRequest(parsed);
      await correctImportCells({ id, cells: parsed.data.cell, actor: user.actor });
      return redirectWithNotice(`/import/${id}`, "Checked again with your changes: any cell still not right is shown below");
    }
    if (intent === "person") {
      const parsed = parseForm(importPersonSchema, formData);
      if (!parsed.ok) return badRequest(parsed);
      await choosePersonInImport({ id, text: parsed.data.text, userId: parsed.data.userId, actor: user.actor });
      return redirectWithNotice(
        `/import/${id}`,
        `“${parsed.data.text}” is now the member of staff you chose, in every row of this file and in later imports`,
      );
    }
    if (intent === "save") {
      const { result } = await saveImport({ id, actor: user.actor });
      const made = Object.entries(result.created)
        .filter(([, n]) => n)
        .map(([what, n]) => `${n} ${what}`)
        .join(", ");
      return redirectWithNotice(
        `/import/${id}`,
        `Imported: ${made || "nothing new"} created${result.skipped.length ? `, ${result.skipped.length} rows left out` : ""}`,
      );
    }
    return badRequest({ fieldErrors: { form: "Choose what to do" }, values });
  } catch (error) {
    if (error instanceof ImportProblemsError) return badRequest({ fieldErrors: { save: error.message }, values });
    return modelErrorResponse(error, { values, notFound: "Import" });
  }
}

export default function ImportCheckPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure?.fieldErrors;
  useErrorTitle(Boolean(errors && Object.keys(errors).length));
  return (
    <>
      <BackLink to="/import">Back to import</BackLink>
      <ErrorSummary errors={errors} />
      {data.preview ? (
        <ImportPreview draft={data.draft} fields={data.fields} preview={data.preview} errors={errors} />
      ) : (
        <ImportSaved draft={data.draft} canUndo={data.canUndo} />
      )}
    </>
  );
}
