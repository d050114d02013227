// Time to read, preview and save a 10,000-row import (the limit), as .xlsx and as .csv, into a fresh
// database with the reference organisations. Prints figures; asserts nothing.
//   npx tsx tests/bench/import.bench.ts [ROWS]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as XLSX from "@e965/xlsx";

const rows = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "import-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.NODE_ENV = "test";

const { db, closeDatabase } = await import("../../db/connection");
const { applyMigrations } = await import("../../db/migrate");
const { seedReferenceOrganisations } = await import("../../seeds/reference-organisations");
const { createUser } = await import("../../app/models/user.server");
const { createImportDraft, previewImport, saveImport } = await import("../../app/models/import/import.server");

applyMigrations(db());
seedReferenceOrganisations(db());
const user = await createUser({
  input: { email: "bench@example.org", name: "Bench Officer", role: "officer", password: "a long enough passphrase" },
  actor: null,
});
const actor = { id: user.id, email: user.email, role: user.role };

const ORGS = ["NCA", "Border Force", "Greater Manchester Police", "Europol", "Home Office; NPCC", "HMICFRS", "MOPAC"];
const table = [["Date", "Title", "Organisations", "Kind", "Lead officer", "Themes", "Summary", "Action", "Action due date"]];
for (let i = 0; i < rows; i++) {
  const day = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000);
  const ddmmyyyy = `${String(day.getUTCDate()).padStart(2, "0")}/${String(day.getUTCMonth() + 1).padStart(2, "0")}/${day.getUTCFullYear()}`;
  table.push([
    ddmmyyyy,
    `Meeting ${i + 1}`,
    ORGS[i % ORGS.length],
    "Meeting",
    "Bench Officer",
    "Prosecutions",
    `Notes of meeting ${i + 1}. `.repeat(5),
    i % 3 ? "" : `Follow up ${i + 1}`,
    i % 3 ? "" : ddmmyyyy,
  ]);
}
const csv = new TextEncoder().encode(table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n"));
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(table), "Engagements");
const xlsx = new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer);

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

for (const [name, bytes] of [
  ["xlsx", xlsx],
  ["csv", csv],
] as const) {
  const [draft, readMs] = await time(() => createImportDraft({ bytes, fileName: `bench.${name}`, kind: "engagements", actor }));
  const [plan, previewMs] = await time(() => previewImport(draft));
  const [saved, saveMs] = await time(() => saveImport({ id: draft.id, actor }));
  console.log(
    `${rows.toLocaleString("en-GB")} rows as .${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MB): read and keep ${readMs.toFixed(0)} ms, ` +
      `preview ${previewMs.toFixed(0)} ms (${plan.counts.create} to create, ${plan.counts.problems} with problems), ` +
      `save ${saveMs.toFixed(0)} ms (${saved.result.created.engagements} engagements, ${saved.result.created.actions} actions, ${saved.result.skipped.length} left out)`,
  );
}
closeDatabase();
rmSync(dir, { recursive: true, force: true });
