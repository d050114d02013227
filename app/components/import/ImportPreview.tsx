// The import check page: the file's notes, the column mapping, organisations to choose for names we do not
// know, every problem at its line and cell, every row with what it will create, and save. Then, once saved,
// what was made and left out, with undo for a manager.
import { Form, Link } from "@remix-run/react";
import {
  Button,
  ButtonLink,
  ErrorMessage,
  InsetText,
  PrevNextPagination,
  Select,
  Table,
  Tag,
  TextInput,
  WarningText,
} from "~/components/govuk";
import { IMPORT_KIND_LABELS, type ImportField, type ImportKind } from "~/domain/import";
import type { FieldErrors } from "~/forms/form-data";

type Draft = {
  id: number;
  kind: ImportKind;
  status: "draft" | "saved" | "undone";
  fileName: string;
  headers: string[];
  notes: string[];
  mapping: Record<string, number>;
  rowCount: number;
  savedAt: string | null;
  undoneAt: string | null;
  result: { created: Record<string, number>; skipped: { line: number; says: string }[] } | null;
};
type Problem = { field: string; cell: string | null; message: string };
type CellToFix = Problem & { line: number; column: number | null; value: string };
type Preview = {
  counts: { create: number; skipped: number; problems: number };
  missingFields: string[];
  unknownOrganisations: { text: string; lines: number[]; suggestions: { id: number; name: string }[] }[];
  problems: { line: number; page: number; problems: Problem[] }[];
  moreProblems: number;
  rows: { line: number; outcome: string; says: string; problems: Problem[] }[];
  page: number;
  pages: number;
  organisations: { id: number; name: string }[];
  fixes: { cells: CellToFix[]; people: { text: string; lines: number[] }[]; staff: { id: number; name: string }[] };
};

function linesOf(lines: number[]) {
  return `${lines.length === 1 ? "line" : "lines"} ${lines.slice(0, 10).join(", ")}${lines.length > 10 ? "…" : ""}`;
}

const OUTCOME_TAGS: Record<string, { label: string; colour: "green" | "grey" | "red" | "blue" }> = {
  create: { label: "New", colour: "green" },
  add_action: { label: "New action", colour: "green" },
  duplicate: { label: "Duplicate", colour: "grey" },
  already_imported: { label: "Already imported", colour: "grey" },
  already_in_tracker: { label: "Already in tracker", colour: "grey" },
  problem: { label: "Problem", colour: "red" },
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

export function ImportPreview({
  draft,
  fields,
  preview,
  errors,
}: {
  draft: Draft;
  fields: ImportField[];
  preview: Preview;
  errors?: FieldErrors;
}) {
  const { counts } = preview;
  const ready = !preview.missingFields.length && counts.problems === 0;
  return (
    <>
      <span className="govuk-caption-l">{IMPORT_KIND_LABELS[draft.kind]}</span>
      <h1 className="govuk-heading-l">Check the import of {draft.fileName}</h1>
      <p className="govuk-body" id="preview-counts">
        {plural(draft.rowCount, "row")}: {plural(counts.create, "row")} to import, {plural(counts.problems, "row")} with problems,{" "}
        {plural(counts.skipped, "row")} left out. Nothing is saved until you save the import.
      </p>
      {draft.notes.length ? (
        <InsetText>
          <ul className="govuk-list">
            {draft.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </InsetText>
      ) : null}

      <h2 className="govuk-heading-m">Columns</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="map" />
        <p className="govuk-body">
          Which column holds each of the tracker’s fields. Your choices are remembered for the next file of this kind.
        </p>
        <div className="govuk-grid-row">
          {fields.map((field) => (
            <div className="govuk-grid-column-one-half" key={field.key}>
              <Select
                name={`column.${field.key}`}
                label={`${field.label}${field.required ? "" : " (optional)"}`}
                error={preview.missingFields.includes(field.label) ? `Choose the column that holds ${field.label}` : undefined}
                defaultValue={draft.mapping[field.key] === undefined ? "" : String(draft.mapping[field.key])}
                placeholder="Not in this file"
                options={draft.headers.map((header, column) => ({ value: String(column), label: header }))}
              />
            </div>
          ))}
        </div>
        <Button variant="secondary">Update the preview</Button>
      </Form>

      {preview.unknownOrganisations.length ? (
        <>
          <h2 className="govuk-heading-m">Organisations we do not know</h2>
          <p className="govuk-body">Choose the organisation each name means. The tracker remembers the name for later imports.</p>
          {errors?.organisationId ? <ErrorMessage id="organisationId-error">{errors.organisationId}</ErrorMessage> : null}
          {preview.unknownOrganisations.map((unknown, i) => (
            <Form method="post" key={unknown.text} className="govuk-!-margin-bottom-6" noValidate>
              <input type="hidden" name="intent" value="alias" />
              <input type="hidden" name="alias" value={unknown.text} />
              <Select
                name="organisationId"
                id={i === 0 ? "organisationId" : `organisationId-${i + 1}`}
                label={`“${unknown.text}” (${unknown.lines.length === 1 ? "line" : "lines"} ${unknown.lines.slice(0, 10).join(", ")}${unknown.lines.length > 10 ? "…" : ""})`}
                labelClassName="govuk-label--s"
                hint={
                  unknown.suggestions.length
                    ? `Closest: ${unknown.suggestions.map((s) => s.name).join("; ")}`
                    : "No close match: choose from the list"
                }
                defaultValue={unknown.suggestions[0] ? String(unknown.suggestions[0].id) : ""}
                placeholder="Choose an organisation"
                options={[
                  ...unknown.suggestions.map((s) => ({ value: `${s.id}`, label: `${s.name} (suggested)` })),
                  ...preview.organisations
                    .filter((o) => !unknown.suggestions.some((s) => s.id === o.id))
                    .map((o) => ({ value: `${o.id}`, label: o.name })),
                ]}
              />
              <Button variant="secondary" className="govuk-!-margin-bottom-0">
                Use this organisation for “{unknown.text}”
              </Button>
            </Form>
          ))}
          <p className="govuk-body">
            Not in the tracker yet?{" "}
            <Link to="/organisations/new" className="govuk-link">
              Add the organisation
            </Link>
            , then come back to this page.
          </p>
        </>
      ) : null}

      {preview.fixes.people.length ? (
        <>
          <h2 className="govuk-heading-m">People we do not know</h2>
          <p className="govuk-body">
            Choose the member of staff each name means. Every row of this file that names them so will use them, and later imports will read
            the name the same way.
          </p>
          {preview.fixes.people.map((person, i) => (
            <Form method="post" key={person.text} className="govuk-!-margin-bottom-6" noValidate>
              <input type="hidden" name="intent" value="person" />
              <input type="hidden" name="text" value={person.text} />
              <Select
                name="userId"
                id={i === 0 ? "userId" : `userId-${i + 1}`}
                label={`“${person.text}” (${linesOf(person.lines)})`}
                labelClassName="govuk-label--s"
                error={i === 0 ? errors?.userId : undefined}
                placeholder="Choose a member of staff"
                options={preview.fixes.staff.map((u) => ({ value: `${u.id}`, label: u.name }))}
              />
              <Button variant="secondary" className="govuk-!-margin-bottom-0">
                Use this member of staff for “{person.text}”
              </Button>
            </Form>
          ))}
        </>
      ) : null}

      {preview.fixes.cells.length ? (
        <>
          <h2 className="govuk-heading-m" id="fix-cells">
            Cells to write again
          </h2>
          <p className="govuk-body">
            Write dates day first, like 31/03/2024. The file is checked again with your changes, and again when you save.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cells" />
            {preview.fixes.cells.map((d) => (
              <TextInput
                key={`${d.line}-${d.column}`}
                name={`cell.L${d.line}-C${d.column}`}
                label={`Line ${d.line}, cell ${d.cell} (${d.field})`}
                labelClassName="govuk-label--s"
                error={d.message}
                defaultValue={d.value}
                widthClass="govuk-input--width-10"
                spellCheck={false}
              />
            ))}
            <Button variant="secondary">Check these cells again</Button>
          </Form>
        </>
      ) : null}

      {preview.problems.length ? (
        <>
          <h2 className="govuk-heading-m" id="problems">
            Problems to put right
          </h2>
          <p className="govuk-body">Put them right above (organisations, people, dates, columns), or in the file and upload it again.</p>
          <ul className="govuk-list govuk-list--bullet">
            {preview.problems.flatMap((row) =>
              row.problems.map((p, j) => (
                <li key={`${row.line}-${j}`}>
                  <Link className="govuk-link" to={`?page=${row.page}#line-${row.line}`}>
                    Line {row.line}
                    {p.cell ? `, cell ${p.cell}` : ""}
                  </Link>{" "}
                  ({p.field}): {p.message}
                </li>
              )),
            )}
          </ul>
          {preview.moreProblems ? <p className="govuk-body">And {plural(preview.moreProblems, "more row")} with problems.</p> : null}
        </>
      ) : null}

      <div id="preview">
        <Table
          caption={`Every row${preview.pages > 1 ? ` (page ${preview.page} of ${preview.pages})` : ""}`}
          captionClasses="govuk-table__caption--m"
          classes="govuk-table--small-text-until-tablet"
          head={[{ text: "Line" }, { text: "Will" }, { text: "What" }, { text: "Problems" }]}
          rows={preview.rows.map((row) => ({
            key: row.line,
            cells: [
              { text: row.line, attributes: { id: `line-${row.line}` } },
              { html: <Tag colour={OUTCOME_TAGS[row.outcome].colour}>{OUTCOME_TAGS[row.outcome].label}</Tag> },
              { text: row.says },
              {
                html: row.problems.length ? (
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {row.problems.map((p, j) => (
                      <li key={j}>
                        <strong>{p.cell ?? p.field}</strong>: {p.message}
                      </li>
                    ))}
                  </ul>
                ) : null,
              },
            ],
          }))}
        />
        {preview.pages > 1 ? (
          <PrevNextPagination
            previous={preview.page > 1 ? `?page=${preview.page - 1}#preview` : null}
            next={preview.page < preview.pages ? `?page=${preview.page + 1}#preview` : null}
          />
        ) : null}
      </div>

      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <div className={`govuk-form-group${errors?.save ? " govuk-form-group--error" : ""}`}>
          {errors?.save ? <ErrorMessage id="save-error">{errors.save}</ErrorMessage> : null}
          {!ready ? <WarningText>The import cannot be saved until every row’s problems are put right.</WarningText> : null}
          <Button id="save">Save the import ({plural(counts.create, "row")})</Button>
        </div>
      </Form>
    </>
  );
}

export function ImportSaved({ draft, canUndo }: { draft: Draft; canUndo: boolean }) {
  const created = Object.entries(draft.result?.created ?? {}).filter(([, n]) => n);
  return (
    <>
      <span className="govuk-caption-l">{IMPORT_KIND_LABELS[draft.kind]}</span>
      <h1 className="govuk-heading-l">Import of {draft.fileName}</h1>
      {draft.status === "undone" ? (
        <InsetText>This import was undone on {draft.undoneAt?.slice(0, 10)}: what it made is archived.</InsetText>
      ) : null}
      <p className="govuk-body">
        Saved on {draft.savedAt?.slice(0, 10)} from {plural(draft.rowCount, "row")}:{" "}
        {created.length ? created.map(([what, n]) => `${n} ${what}`).join(", ") : "nothing new"} created.
      </p>
      {draft.result?.skipped.length ? (
        <Table
          caption={`Left out (${draft.result.skipped.length})`}
          captionClasses="govuk-table__caption--m"
          head={[{ text: "Line" }, { text: "Why" }]}
          rows={draft.result.skipped.slice(0, 500).map((s) => ({ key: s.line, cells: [{ text: s.line }, { text: s.says }] }))}
        />
      ) : null}
      {canUndo && draft.status === "saved" ? (
        <ButtonLink to={`/import/${draft.id}/undo`} variant="warning">
          Undo this import
        </ButtonLink>
      ) : null}
    </>
  );
}
