// Time, CPU and peak memory of each report export of everything, and how other people's pages fare while a
// large Word summary is being made.
//   npm run bench                                                (with the others, 20,000 demo engagements)
//   npx tsx tests/bench/exports.bench.ts [--engagements N]
//   BENCH_HEAP_MB=64 npx tsx tests/bench/exports.bench.ts        (each export with a 64 MB old generation)
// Each export runs in a fresh Node process (the route's own loader, a real Request, the whole body read and
// thrown away), so its peak RSS is its own and not what an earlier export left behind. A summary larger than
// its format allows (app/domain/report-limits.ts) is refused: the row says how fast. Then the real built server
// serves the largest Word summary allowed while /healthz and the dashboard are timed, against the same pages
// idle. The data comes from `npm run seed:demo`. Prints figures; asserts nothing.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SUMMARY_EXPORT_LIMITS } from "~/domain/report-limits";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { ROOT } from "../support/paths";
import { startServer } from "../support/server";
import {
  benchEngagements,
  benchTempDir,
  cpuMs,
  CSS_HOOK,
  demoDatabase,
  markdownTable,
  quantile,
  signIn,
  timeRequest,
} from "./bench-support";

const SELF = fileURLToPath(import.meta.url);

type ExportCase = { name: string; route: string; url: (q: string) => string };

const EXPORTS: ExportCase[] = [
  { name: "Word (.docx)", route: "~/routes/reports.summary[.]docx", url: (q) => `/reports/summary.docx?${q}` },
  { name: "engagements CSV", route: "~/routes/reports.engagements[.]csv", url: (q) => `/reports/engagements.csv?${q}` },
  { name: "actions CSV", route: "~/routes/reports.actions[.]csv", url: (q) => `/reports/actions.csv?${q}` },
  { name: "calendar (.ics)", route: "~/routes/reports.calendar[.]ics", url: (q) => `/reports/calendar.ics?${q}` },
  { name: "print (HTML)", route: "~/routes/reports.print", url: (q) => `/reports/print?${q}` },
];

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
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const request = new Request(new URL(url, "http://localhost:3000"), {
    headers: { Cookie: process.env.BENCH_COOKIE!, "x-tracker-client-ip": "127.0.0.1" },
  });
  let response: Response;
  try {
    response = await loader({ request, params: {}, context: { cspNonce: "bench" } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown; // a redirect: refused
  }
  let bytes = 0;
  let firstByteMs = 0;
  const reader = response.body?.getReader();
  for (;;) {
    if (!reader) break;
    const { done, value } = await reader.read();
    if (done) break;
    if (!bytes) firstByteMs = performance.now() - started;
    bytes += value.length;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  process.stdout.write(
    JSON.stringify({
      status: response.status,
      location: response.headers.get("Location"),
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
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
// Parent: make the data, run each export in a child, then time pages while the server makes a Word summary.

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
  location: string | null;
  ms: number;
  cpuMs: number;
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
const n = (x: number) => x.toLocaleString("en-GB");

type Span = { first: string; last: string; n: number };

async function readSpan(databasePath: string): Promise<{ span: Span; actions: number; largestWord: Span }> {
  const { openDatabase } = await import("../../db/connection");
  const database = openDatabase(databasePath);
  try {
    const sqlite = database.$client;
    const span = sqlite
      .prepare("SELECT min(date) AS first, max(date) AS last, count(*) AS n FROM engagements WHERE archived_at IS NULL")
      .get() as Span;
    const actions = (sqlite.prepare("SELECT count(*) AS n FROM actions").get() as { n: number }).n;
    // The latest period a Word summary may hold whole: from the day after the (limit + 1)th latest engagement.
    const cutoff = sqlite
      .prepare("SELECT date FROM engagements WHERE archived_at IS NULL ORDER BY date DESC LIMIT 1 OFFSET ?")
      .get(SUMMARY_EXPORT_LIMITS.docx) as { date: string } | undefined;
    const from = cutoff ? (sqlite.prepare("SELECT date(?, '+1 day') AS d").get(cutoff.date) as { d: string }).d : span.first;
    const inWord = sqlite
      .prepare("SELECT count(*) AS n FROM engagements WHERE archived_at IS NULL AND date BETWEEN ? AND ?")
      .get(from, span.last) as { n: number };
    return { span, actions, largestWord: { first: from, last: span.last, n: inWord.n } };
  } finally {
    database.$client.close();
  }
}

/** Time /healthz and the dashboard one after the other until `done()` (at least `minRounds` rounds). */
async function timePages(baseUrl: string, cookie: string, done: () => boolean, minRounds: number) {
  const times: Record<string, number[]> = { "/healthz": [], "/": [] };
  for (let round = 0; round < minRounds || !done(); round++) {
    for (const page of Object.keys(times)) {
      const t = await timeRequest(baseUrl + page, cookie);
      if (t.status !== 200) throw new Error(`${page} answered ${t.status}`);
      times[page].push(t.ms);
    }
    if (minRounds === 0 && done()) break;
  }
  return times;
}

async function pagesDuringWordExport(databasePath: string, query: string, engagements: number): Promise<void> {
  const server = await startServer({}, { databasePath });
  try {
    const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
    const cookie = await signIn(server.baseUrl, manager.email, DEMO_PASSWORD);
    await timePages(server.baseUrl, cookie, () => true, 3); // warm
    const idle = await timePages(server.baseUrl, cookie, () => true, 20);
    const cpuBefore = cpuMs(server.pid);
    const started = performance.now();
    let finished = false;
    let bytes = 0;
    const download = fetch(`${server.baseUrl}/reports/summary.docx?${query}`, { headers: { Cookie: cookie } })
      .then(async (response) => {
        if (response.status !== 200) throw new Error(`the Word summary answered ${response.status}`);
        bytes = (await response.arrayBuffer()).byteLength;
      })
      .finally(() => (finished = true));
    const during = await timePages(server.baseUrl, cookie, () => finished, 0);
    await download;
    const exportMs = performance.now() - started;
    const serverCpu = cpuMs(server.pid) - cpuBefore;
    console.log(
      `\nThe server made a Word summary of ${n(engagements)} engagements (${(bytes / 1024 / 1024).toFixed(1)} MB) in ` +
        `${(exportMs / 1000).toFixed(1)} s, using ${(serverCpu / 1000).toFixed(1)} s of its CPU (with the pages below). ` +
        `Wall time of other requests, one at a time, idle and meanwhile:\n`,
    );
    const rows = Object.keys(idle).map((page) => {
      const a = [...idle[page]].sort((x, y) => x - y);
      const b = [...during[page]].sort((x, y) => x - y);
      return [
        page,
        quantile(a, 0.5).toFixed(1),
        quantile(a, 0.95).toFixed(1),
        quantile(b, 0.5).toFixed(1),
        quantile(b, 0.95).toFixed(1),
        b[b.length - 1].toFixed(1),
        String(b.length),
      ];
    });
    console.log(
      markdownTable(
        ["page", "idle median ms", "idle p95 ms", "during median ms", "during p95 ms", "during max ms", "requests during"],
        rows,
        1,
      ),
    );
  } finally {
    await server.stop();
  }
}

async function main() {
  if (process.argv[2] === "--child") return runChild(process.argv[3], process.argv[4]);
  // --export Word --export print: only those (by the start of their name); --during-only: only the pages timed
  // while the server makes a Word summary.
  const { values } = parseArgs({
    options: { engagements: { type: "string" }, export: { type: "string", multiple: true }, "during-only": { type: "boolean" } },
  });
  const engagements = benchEngagements(values.engagements);
  process.env.SESSION_SECRET ||= "bench-session-secret-not-for-production";
  const dir = benchTempDir("exports");
  const databasePath = path.join(dir, "tracker.db");
  const rows: string[][] = [];
  try {
    demoDatabase(databasePath, engagements);
    const cookie = await signedInCookie(databasePath);
    const { span, actions, largestWord } = await readSpan(databasePath);
    console.log(`\n${n(engagements)} engagements (seed:demo, ${n(span.n)} live, ${n(actions)} actions, ${span.first} to ${span.last})`);
    // Every engagement, everything included: the largest report the data allows; then the largest Word summary allowed.
    const everything = `from=${span.first}&to=${span.last}`;
    const cases: [string, ExportCase, string][] = EXPORTS.map((c) => [`everything (${n(span.n)})`, c, everything]);
    if (largestWord.n < span.n)
      cases.push([`${largestWord.first} on (${n(largestWord.n)})`, EXPORTS[0], `from=${largestWord.first}&to=${largestWord.last}`]);
    const chosen = cases.filter(([, c]) => !values.export?.length || values.export.some((name) => c.name.startsWith(name)));
    for (const [what, c, query] of values["during-only"] ? [] : chosen) {
      const r = await runExport(databasePath, cookie, c, query);
      const refused = r.status >= 300 && r.status < 400 && r.location?.includes("refused=");
      if (r.status !== 200 && !refused) throw new Error(`${c.name} answered ${r.status}`);
      const row = [
        what,
        c.name,
        refused ? "refused" : "made",
        (r.ms / 1000).toFixed(2),
        (r.cpuMs / 1000).toFixed(2),
        (r.firstByteMs / 1000).toFixed(2),
        (r.bytes / 1024 / 1024).toFixed(1),
        mb(r.maxRss),
        mb(r.maxRss - r.afterImportRss),
        (r.peakHeap / 1024 / 1024).toFixed(0),
      ];
      rows.push(row);
      console.log(`  ${what}, ${c.name}: ${row[2]} in ${row[3]} s (${row[4]} s CPU), ${row[6]} MB out, peak RSS ${row[7]} MB`);
    }
    if (rows.length) console.log("\nReport exports: time and peak memory, each export in a fresh process\n");
    if (rows.length)
      console.log(
        markdownTable(
          [
            "engagements",
            "export",
            "",
            "time (s)",
            "CPU (s)",
            "first byte (s)",
            "output (MB)",
            "peak RSS (MB)",
            "RSS growth (MB)",
            "peak heap (MB)",
          ],
          rows,
          3,
        ),
      );
    const wordQuery = largestWord.n < span.n ? `from=${largestWord.first}&to=${largestWord.last}` : everything;
    await pagesDuringWordExport(databasePath, wordQuery, Math.min(largestWord.n, span.n));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
