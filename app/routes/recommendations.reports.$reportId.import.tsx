import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useFileSizeCheck } from "~/components/file-size-check";
import { BackLink, Button, Choices, ErrorSummary, Select, TextInput, Textarea } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import {
  ADDRESSEE_GROUP_RULES,
  ADDRESSEE_GROUPS,
  MAX_RECOMMENDATIONS_PER_IMPORT,
  RECOMMENDATION_KIND_LABELS,
  RECOMMENDATION_KINDS,
  RECOMMENDATIONS_CSV_MAX_BYTES,
  RECOMMENDATIONS_CSV_TOO_LARGE,
} from "~/domain/recommendations";
import { parseForm, type FieldErrors } from "~/forms/form-data";
import { importRowsSchema } from "~/forms/recommendations.server";
import { RuleError } from "~/models/errors";
import { getReport } from "~/models/recommendation/report.server";
import { importRecommendations, previewRecommendations, type RecommendationRowInput } from "~/models/recommendation/write.server";
import { readImport, reportIdOf } from "~/routes/__recommendation-pages.server";
import { requireRole } from "~/server/auth.server";
import { modelErrorResponse, loadOr404 } from "~/server/model-errors.server";
import { redirectWithNotice } from "~/server/notices.server";

// Bringing a report's recommendations in: paste them (or choose a CSV file), check the preview, fix, save. The preview
// is a server-rendered form, so all of it works without JavaScript; nothing is saved until "Save recommendations".

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Add recommendations to ${data.title}` : "Add recommendations", data?.hasErrors) },
];

export const loader = (args: LoaderFunctionArgs) => loadOr404(() => readPage(args));

async function readPage({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const report = getReport({ id: reportIdOf(params) });
  return json({ id: report.id, title: report.title, archived: Boolean(report.archivedAt), hasErrors: renderedAfterFailedPost(request) });
}

type Preview = { stage: "preview"; rows: RecommendationRowInput[]; fieldErrors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const reportId = reportIdOf(params);
  await loadOr404(async () => getReport({ id: reportId }));
  const formData = await request.formData();
  if (formData.get("intent") !== "save") {
    const read = await readImport(formData);
    if (!read.ok)
      return json(
        {
          stage: "start" as const,
          fieldErrors: { [read.field]: read.message },
          values: { pasted: String(formData.get("pasted") ?? ""), addressees: String(formData.get("addressees") ?? "") },
        },
        { status: 400 },
      );
    return json<Preview>({ stage: "preview", rows: read.rows, fieldErrors: previewRecommendations({ reportId, rows: read.rows }) });
  }
  const parsed = parseForm(importRowsSchema, formData);
  if (!parsed.ok)
    return json({ stage: "start" as const, fieldErrors: { pasted: Object.values(parsed.fieldErrors)[0] }, values: {} }, { status: 400 });
  const rows = parsed.data.rows
    .filter((r) => !r.leaveOut)
    .map((r) => ({ number: r.number ?? "", text: r.text ?? "", kind: r.kind ?? "", addressees: r.addressees ?? "", due: r.due ?? "" }));
  try {
    const saved = await importRecommendations({ reportId, rows, actor: user.actor });
    return redirectWithNotice(
      `/recommendations/reports/${reportId}`,
      `${saved.added} ${saved.added === 1 ? "recommendation" : "recommendations"} added, addressed to ${saved.addressees} ${saved.addressees === 1 ? "body" : "bodies"} in all`,
    );
  } catch (error) {
    if (error instanceof RuleError) return json<Preview>({ stage: "preview", rows, fieldErrors: error.fieldErrors }, { status: 400 });
    return modelErrorResponse(error, { values: {} });
  }
}

const GROUP_WORDS = ADDRESSEE_GROUPS.map((g) => `“${ADDRESSEE_GROUP_RULES[g].label}”`).join(", ");

function StartForm({
  errors,
  values,
  onSubmit,
}: {
  errors?: FieldErrors;
  values?: { pasted?: string; addressees?: string };
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="read" />
      <Textarea
        name="pasted"
        label="Paste the recommendations"
        labelClassName="govuk-label--m"
        hint={`One a paragraph, each starting with its number as printed (1., 3, R7, AFI 2). Up to ${MAX_RECOMMENDATIONS_PER_IMPORT} at a time. You can check and correct each one before it is saved.`}
        rows={12}
        error={errors?.pasted}
        defaultValue={values?.pasted ?? ""}
      />
      <div className={`govuk-form-group${errors?.file ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--m" htmlFor="file">
          Or choose a CSV file
        </label>
        <div id="file-hint" className="govuk-hint">
          With a header row and the columns number, text, kind (recommendation or AFI), addressees (separated by ;) and due (like 31/3/2027)
        </div>
        {errors?.file ? (
          <p id="file-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {errors.file}
          </p>
        ) : null}
        <input
          className={`govuk-file-upload${errors?.file ? " govuk-file-upload--error" : ""}`}
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`file-hint${errors?.file ? " file-error" : ""}`}
        />
      </div>
      <TextInput
        name="addressees"
        label="Addressed to (for every recommendation that does not name its bodies)"
        hint={`Names or short names of organisations separated by ;, or a group: ${GROUP_WORDS}`}
        defaultValue={values?.addressees ?? ""}
        spellCheck={false}
      />
      <Button>Check the recommendations</Button>
    </Form>
  );
}

function PreviewForm({ preview }: { preview: Preview }) {
  const errors = preview.fieldErrors;
  const problemRows = new Set(Object.keys(errors).map((k) => k.split(".")[1]));
  const kindOptions = RECOMMENDATION_KINDS.map((k) => ({ value: k, label: RECOMMENDATION_KIND_LABELS[k] }));
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <p className="govuk-body">
        {preview.rows.length} {preview.rows.length === 1 ? "recommendation" : "recommendations"} found
        {problemRows.size ? `; ${problemRows.size} need${problemRows.size === 1 ? "s" : ""} correcting before they can be saved` : ""}.
        Nothing is saved until you save them.
      </p>
      {errors.rows ? <p className="govuk-error-message">{errors.rows}</p> : null}
      {preview.rows.map((row, i) => (
        <fieldset key={i} className="govuk-fieldset app-import-row">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Row {i + 1}
            {problemRows.has(String(i)) ? " (needs correcting)" : ""}
          </legend>
          <TextInput
            name={`rows[${i}].number`}
            label="Number as printed"
            widthClass="govuk-input--width-5"
            defaultValue={row.number}
            error={errors[`rows.${i}.number`]}
          />
          <Select name={`rows[${i}].kind`} label="Kind" options={kindOptions} defaultValue={row.kind} error={errors[`rows.${i}.kind`]} />
          <Textarea name={`rows[${i}].text`} label="Text" rows={3} defaultValue={row.text} error={errors[`rows.${i}.text`]} />
          <TextInput
            name={`rows[${i}].addressees`}
            label="Addressed to"
            hint="Organisations or a group, separated by ;"
            defaultValue={row.addressees}
            error={errors[`rows.${i}.addressees`]}
            spellCheck={false}
          />
          <TextInput
            name={`rows[${i}].due`}
            label="Date to be met by (optional)"
            hint="For example, 31 3 2027"
            widthClass="govuk-input--width-10"
            defaultValue={row.due}
            error={errors[`rows.${i}.due`]}
          />
          <Choices
            type="checkbox"
            small
            legend={<span className="govuk-visually-hidden">Row {i + 1}</span>}
            name={`rows[${i}].leaveOut`}
            id={`rows-${i}-leaveOut`}
            items={[{ value: "on", label: "Leave this row out" }]}
          />
        </fieldset>
      ))}
      <Button>Save recommendations</Button>
    </Form>
  );
}

export default function ImportRecommendations() {
  const { id, title, archived } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const preview = result && "stage" in result && result.stage === "preview" ? (result as Preview) : null;
  const start =
    result && "stage" in result && result.stage === "start"
      ? (result as { fieldErrors: FieldErrors; values: { pasted?: string; addressees?: string } })
      : null;
  const sizeCheck = useFileSizeCheck("file", RECOMMENDATIONS_CSV_MAX_BYTES, RECOMMENDATIONS_CSV_TOO_LARGE);
  const startErrors = sizeCheck.error ? { ...start?.fieldErrors, file: sizeCheck.error } : start?.fieldErrors;
  const errors = preview?.fieldErrors ?? startErrors;
  useErrorTitle(Boolean(errors && Object.keys(errors).length));
  return (
    <>
      <BackLink to={`/recommendations/reports/${id}`}>Back to the report</BackLink>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">{preview ? "Check the recommendations" : "Add recommendations"}</h1>
      {archived ? (
        <p className="govuk-body">This report is archived: restore it before adding recommendations.</p>
      ) : preview ? (
        <>
          <PreviewForm key={JSON.stringify(preview.rows).length + Object.keys(preview.fieldErrors).join()} preview={preview} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/recommendations/reports/${id}/import`} reloadDocument>
              Start again
            </Link>
          </p>
        </>
      ) : (
        <StartForm errors={startErrors} values={start?.values} onSubmit={sizeCheck.onSubmit} />
      )}
      {navigation.state === "submitting" ? <p className="govuk-body">Reading…</p> : null}
    </>
  );
}
