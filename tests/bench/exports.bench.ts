// Time and peak memory of each report export at 1,000 and 10,000 engagements.
//   npx tsx tests/bench/exports.bench.ts            (both sizes)
//   npx tsx tests/bench/exports.bench.ts 2000       (one size)
//   BENCH_HEAP_MB=64 npx tsx tests/bench/exports.bench.ts 10000   (each export with a 64 MB old generation)
// Each export runs in a fresh Node process (the route's own loader, a real Request, the whole body read and
// thrown away), so its peak RSS is its own and not what an earlier export left behind. The data comes from
// `npm run seed:demo`. Prints figures; asserts nothing.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = fileURLToPath(import.meta.url);

type ExportCase = { name: string; route: string; url: (q: string) => string };

const EXPORTS: ExportCase[] = [
  { name: "Word (.docx)", route: "~/routes/reports.summary[.]docx", url: (q) => `/reports/summary.docx?${q}` },
  { name: "engagements CSV", route: "~/routes/reports.engagements[.]csv", url: (q) => `/reports/engagements.csv?${q}` },
  { name: "actions CSV", route: "~/routes/reports.actions[.]csv", url: (q) => `/reports/actions.csv?${q}` },
  { name: "calendar (.ics)", route: "~/routes/reports.calendar[.]ics", url: (q) => `/reports/calendar.ics?${q}` },
  { name: "print (HTML)", route: "~/routes/reports.print", url: (q) => `/reports/print?${q}` },
];

// Route modules import stylesheets, which the Remix compiler turns into URLs; plain Node needs a stand-in.
const CSS_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    `import { register } from "node:module";
     register("data:text/javascript," + encodeURIComponent(
       "export async function load(url, context, next) { if (url.endsWith('.css')) return { format: 'module', source: 'export default \\"/stylesheet.css\\"', shortCircuit: true }; return next(url, context); }"
     ));`,
  );

// ---------------------------------------------------------------------------------------------------------
// Child: run one export and report.

async function runChild(routeModule: string, url: string) {
  const baselineRss = process.resourceUsage().maxRSS;
  const { loader } = (await import(routeModule)) as {
    loader: (args: { request: Request; params: object; context: object }) => Promise<Response>;
  };
  const afterImportRss = process.resourceUsage().maxRSS;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  const request = new Request(new URL(url, "http://localhost:3000"), {
    headers: { Cookie: process.env.BENCH_COOKIE!, "x-tracker-client-ip": "127.0.0.1" },
  });
  const response = await loader({ request, params: {}, context: { cspNonce: "bench" } });
  let bytes = 0;
  let firstByteMs = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!bytes) firstByteMs = performance.now() - started;
    bytes += value.length;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  process.stdout.write(
    JSON.stringify({
      status: response.status,
      ms,
      firstByteMs,
      bytes,
      baselineRss,
      afterImportRss,
      maxRss: process.resourceUsage().maxRSS,
      peakHeap,
    }) + "\n",
  );
}

// ---------------------------------------------------------------------------------------------------------
// Parent: make the data, then run each export in a child.

function seedWithDemoScript(databasePath: string, engagements: number): void {
  const env = { ...process.env, DATABASE_PATH: databasePath };
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  for (const script of ["scripts/db-migrate.ts", "scripts/db-seed.ts"]) {
    const r = spawnSync(process.execPath, [tsx, script], { cwd: ROOT, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  }
  const r = spawnSync(process.execPath, [tsx, "scripts/seed-demo.ts", "--engagements", String(engagements)], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`seed:demo failed: ${r.stderr}${r.stdout}`);
}

async function signedInCookie(databasePath: string): Promise<string> {
  process.env.DATABASE_PATH = databasePath;
  const { createUser } = await import("~/models/user.server");
  const { createSession } = await import("~/models/auth.server");
  const { sessionCookieHeader } = await import("../support/session");
  const { closeDatabase } = await import("../../db/connection");
  const user = await createUser({
    input: { email: `bench-${Date.now()}@example.org`, name: "Bench Viewer", role: "viewer", password: "a long enough passphrase" },
    actor: null,
  });
  const cookie = await sessionCookieHeader(await createSession({ userId: user.id, ip: "127.0.0.1" }));
  closeDatabase();
  return cookie;
}

type Result = {
  status: number;
  ms: number;
  firstByteMs: number;
  bytes: number;
  baselineRss: number;
  afterImportRss: number;
  maxRss: number;
  peakHeap: number;
};

function runExport(databasePath: string, cookie: string, c: ExportCase, query: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    // BENCH_HEAP_MB caps the old generation: an export that held its data whole would run out of memory.
    const heapCap = process.env.BENCH_HEAP_MB ? [`--max-old-space-size=${Number(process.env.BENCH_HEAP_MB)}`] : [];
    const child = spawn(process.execPath, [...heapCap, "--import", "tsx", "--import", CSS_HOOK, SELF, "--child", c.route, c.url(query)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath, BENCH_COOKIE: cookie, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop();
      if (code !== 0 || !line) reject(new Error(`${c.name} failed (${code}): ${err}${out}`));
      else resolve(JSON.parse(line) as Result);
    });
  });
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

async function main() {
  if (process.argv[2] === "--child") return runChild(process.argv[3], process.argv[4]);
  process.env.SESSION_SECRET ||= "bench-session-secret-not-for-production";
  const sizes = process.argv[2] ? [Number(process.argv[2])] : [1000, 10000];
  const rows: string[][] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "exports-bench-"));
    const databasePath = path.join(dir, "bench.db");
    try {
      const t0 = performance.now();
      seedWithDemoScript(databasePath, size);
      const cookie = await signedInCookie(databasePath);
      const { openDatabase } = await import("../../db/connection");
      const database = openDatabase(databasePath);
      const span = database.$client
        .prepare("SELECT min(date) AS first, max(date) AS last, count(*) AS n FROM engagements WHERE archived_at IS NULL")
        .get() as {
        first: string;
        last: string;
        n: number;
      };
      const actionCount = (database.$client.prepare("SELECT count(*) AS n FROM actions").get() as { n: number }).n;
      database.$client.close();
      console.log(
        `\n${size.toLocaleString("en-GB")} engagements (seed:demo, ${span.n} live, ${actionCount} actions, ${span.first} to ${span.last}), data made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      // Every engagement, everything included: the largest report the data allows.
      const query = `from=${span.first}&to=${span.last}`;
      for (const c of EXPORTS) {
        const r = await runExport(databasePath, cookie, c, query);
        if (r.status !== 200) throw new Error(`${c.name} answered ${r.status}`);
        const row = [
          size.toLocaleString("en-GB"),
          c.name,
          (r.ms / 1000).toFixed(2),
          (r.firstByteMs / 1000).toFixed(2),
          (r.bytes / 1024 / 1024).toFixed(1),
          mb(r.maxRss),
          mb(r.maxRss - r.afterImportRss),
          (r.peakHeap / 1024 / 1024).toFixed(0),
        ];
        rows.push(row);
        console.log(`  ${c.name}: ${row[2]} s, ${row[4]} MB out, peak RSS ${row[5]} MB (+${row[6]} MB over the loaded modules)`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const header = [
    "engagements",
    "export",
    "time (s)",
    "first byte (s)",
    "output (MB)",
    "peak RSS (MB)",
    "RSS growth (MB)",
    "peak heap (MB)",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  console.log("\nReport exports: time and peak memory, each export in a fresh process\n");
  console.log(line(header));
  console.log("|" + widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const r of rows) console.log(line(r));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
