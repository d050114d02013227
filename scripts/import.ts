// npm run import -- FILE --kind engagements|actions|contacts --as EMAIL [--dry-run]
// A first bulk load from the command line: the same reading, checks and report as the /import pages. Without
// --dry-run a file with no problems is saved in one transaction (all or nothing), audited as the person named.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { IMPORT_KINDS, IMPORT_LIMITS, type ImportKind } from "~/domain/import";
import {
  createImportDraft,
  ImportFileError,
  ImportProblemsError,
  importActorByEmail,
  planFile,
  saveImport,
} from "../app/models/import/import.server";
import type { ImportPlan } from "../app/models/import/plan.server";
import { closeDatabase, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";
import { fail, runCli } from "./lib/cli";

const usage = `Usage: npm run import -- FILE --kind ${IMPORT_KINDS.join("|")} --as EMAIL [--dry-run]`;

function printPlan(fileName: string, notes: string[], plan: ImportPlan) {
  const { counts } = plan;
  console.log(`${fileName}: ${counts.create} rows to import, ${counts.problems} with problems, ${counts.skipped} left out`);
  for (const note of notes) console.log(`  Note: ${note}`);
  if (plan.missingFields.length) console.log(`  No column found for: ${plan.missingFields.join(", ")}`);
  for (const row of plan.rows) {
    for (const p of row.problems) console.log(`  Line ${row.line}${p.cell ? `, cell ${p.cell}` : ""} (${p.field}): ${p.message}`);
    if (row.outcome !== "create" && row.outcome !== "add_action" && row.outcome !== "problem")
      console.log(`  Line ${row.line}: ${row.says}`);
  }
  for (const u of plan.unknownOrganisations)
    if (u.suggestions.length)
      console.log(
        `  “${u.text}” might be: ${u.suggestions.map((s) => s.name).join("; ")} (choose it once on the /import page to remember it)`,
      );
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { kind: { type: "string" }, as: { type: "string" }, "dry-run": { type: "boolean" } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.kind || !values.as) fail(usage);
  if (!(IMPORT_KINDS as readonly string[]).includes(values.kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(", ")}\n${usage}`);
  const kind = values.kind as ImportKind;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    fail(`No file ${file}`);
  }
  if (size > IMPORT_LIMITS.bytes) fail(`${file} is larger than 5 MB: split it into smaller files`);
  const bytes = new Uint8Array(readFileSync(file));
  const fileName = path.basename(file);
  applyMigrations(db());
  const actor = importActorByEmail(values.as);
  if (!actor) fail(`${values.as} is not an active officer, manager or admin`);
  try {
    if (values["dry-run"]) {
      const { notes, plan } = await planFile({ bytes, fileName, kind });
      printPlan(fileName, notes, plan);
      console.log("Dry run: nothing was saved.");
      if (plan.counts.problems || plan.missingFields.length) process.exitCode = 2;
    } else {
      const draft = await createImportDraft({ bytes, fileName, kind, actor });
      const { plan, result } = await saveImport({ id: draft.id, actor });
      printPlan(fileName, draft.notes, plan);
      const made = Object.entries(result.created).filter(([, n]) => n);
      console.log(
        `Saved as import ${draft.id}: ${made.length ? made.map(([what, n]) => `${n} ${what}`).join(", ") : "nothing new"} created, ${result.skipped.length} rows left out.`,
      );
    }
  } catch (error) {
    if (error instanceof ImportFileError) fail(error.message);
    if (error instanceof ImportProblemsError) {
      printPlan(fileName, [], error.plan);
      fail(`Nothing was saved: ${error.message}.`);
    }
    throw error;
  }
  closeDatabase();
}

runCli(main);
