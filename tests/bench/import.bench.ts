// Time to read, preview and save ROWS rows of engagements (20,000 by default: two files at the limit of
// 10,000 rows a file), as .xlsx and as .csv, into a fresh database with the reference organisations. Prints
// the figures for each file and rows/s for each format; fails only if a row would not be created.
//   npx tsx tests/bench/import.bench.ts [ROWS]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as XLSX from "@e965/xlsx";

const rows = Number(process.argv[2] ?? 20_000);
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

const { IMPORT_LIMITS } = await import("../../app/domain/import");

const ORGS = ["NCA", "Border Force", "Greater Manchester Police", "Europol", "Home Office; NPCC", "HMICFRS", "MOPAC"];
const HEADER = ["Date", "Title", "Organisations", "Kind", "Lead officer", "Themes", "Summary", "Action", "Action due date"];
/** Rows `from` to `to` of the office's spreadsheet; `label` keeps each format's engagements distinct. */
function tableOf(label: string, from: number, to: number): string[][] {
  const table = [HEADER];
  for (let i = from; i < to; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000);
    const ddmmyyyy = `${String(day.getUTCDate()).padStart(2, "0")}/${String(day.getUTCMonth() + 1).padStart(2, "0")}/${day.getUTCFullYear()}`;
    table.push([
      ddmmyyyy,
      `${label} meeting ${i + 1}`,
      ORGS[i % ORGS.length],
      "Meeting",
      "Bench Officer",
      "Prosecutions",
      `Notes of meeting ${i + 1}. `.repeat(5),
      i % 3 ? "" : `Follow up ${i + 1}`,
      i % 3 ? "" : ddmmyyyy,
    ]);
  }
  return table;
}
const encode = {
  csv: (table: string[][]) => new TextEncoder().encode(table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n")),
  xlsx: (table: string[][]) => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(table), "Engagements");
    return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer);
  },
};

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString("en-GB");
// A file holds at most IMPORT_LIMITS.rows rows: more than that is imported as the office would, in several files.
for (const name of ["xlsx", "csv"] as const) {
  const total = { read: 0, preview: 0, save: 0, engagements: 0 };
  for (let from = 0; from < rows; from += IMPORT_LIMITS.rows) {
    const to = Math.min(rows, from + IMPORT_LIMITS.rows);
    const bytes = encode[name](tableOf(name, from, to));
    const [draft, readMs] = await time(() => createImportDraft({ bytes, fileName: `bench-${from}.${name}`, kind: "engagements", actor }));
    const [plan, previewMs] = await time(() => previewImport(draft));
    const [saved, saveMs] = await time(() => saveImport({ id: draft.id, actor }));
    if (plan.counts.create !== to - from) throw new Error(`expected ${to - from} rows to create, planned ${plan.counts.create}`);
    console.log(
      `${(to - from).toLocaleString("en-GB")} rows as .${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MB): read and keep ${readMs.toFixed(0)} ms, ` +
        `preview ${previewMs.toFixed(0)} ms (${plan.counts.create} to create, ${plan.counts.problems} with problems), ` +
        `save ${saveMs.toFixed(0)} ms (${saved.result.created.engagements} engagements, ${saved.result.created.actions} actions, ${saved.result.skipped.length} left out)`,
    );
    Object.assign(total, {
      read: total.read + readMs,
      preview: total.preview + previewMs,
      save: total.save + saveMs,
      engagements: total.engagements + saved.result.created.engagements,
    });
  }
  console.log(
    `import .${name}, ${rows.toLocaleString("en-GB")} rows: preview ${perSecond(rows, total.read + total.preview)} rows/s (read, keep and check), ` +
      `save ${perSecond(rows, total.save)} rows/s, whole ${perSecond(rows, total.read + total.preview + total.save)} rows/s`,
  );
}
closeDatabase();
rmSync(dir, { recursive: true, force: true });
