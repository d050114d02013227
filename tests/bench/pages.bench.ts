// Server CPU and wall time of each main page, the app against a bare server on the same rows.
//   npm run bench                                        (every benchmark at 20,000 demo engagements)
//   npm run bench -- --engagements 200000
//   npx tsx tests/bench/pages.bench.ts [--engagements N] [--runs R] [--only /coverage]
// Fills a database with `npm run seed:demo` (or copies the one run-all.ts made), starts the real built server
// (`npm run build` first) and the bare server (tests/bench/bare-server.ts: node:http calling the same route
// loaders, hence the same SQL and session lookup, rendering a template string) on that file, signs in as the
// demo manager, warms both servers on each page, and times it one request at a time, alternating app and bare.
// CPU per request is the server process's utime+stime (from /proc) over all its requests of that page, divided by
// their number: robust on a busy machine, where wall time is not. Prints figures; asserts nothing.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { ROOT } from "../support/paths";
import { startServer } from "../support/server";
import { BENCH_PAGES } from "./bench-pages";
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

const { values } = parseArgs({
  options: { engagements: { type: "string" }, runs: { type: "string", default: "20" }, only: { type: "string", multiple: true } },
});
const ENGAGEMENTS = benchEngagements(values.engagements);
/** At least this many requests of each page to each server… */
const MIN_RUNS = Number(values.runs);
/** …and more, while a page's total CPU is too few clock ticks to divide well, up to this long per page. */
const MIN_CPU_MS = 400;
/** Requests of each page to each server before it is measured (see main). */
const WARM_REQUESTS = 40;
const PAGE_BUDGET_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startBareServer(databasePath: string): Promise<{ baseUrl: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", CSS_HOOK, path.join(ROOT, "tests/bench/bare-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      output += d;
      if (output.includes("bare server listening")) resolve();
    });
    child.stderr!.on("data", (d) => (output += d));
    child.once("exit", (code) => reject(new Error(`bare server exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Fill in a page path's placeholders from the data. */
function concretePath(pagePath: string, databasePath: string): string {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    const engagementId = (
      sqlite.prepare("SELECT engagement_id AS id FROM actions ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined
    )?.id;
    const slug = (
      sqlite.prepare("SELECT slug FROM organisations WHERE slug = 'national-crime-agency'").get() as { slug: string } | undefined
    )?.slug;
    const last = (sqlite.prepare("SELECT max(date) AS d FROM engagements WHERE date <= date('now')").get() as { d: string }).d;
    // The recommendation addressed to the most bodies, and its report: the largest take-up list and a full grid.
    const takeUp = sqlite
      .prepare(
        `SELECT r.report_id AS reportId, a.recommendation_id AS recommendationId, min(a.organisation_id) AS bodyId
         FROM recommendation_addressees a JOIN recommendations r ON r.id = a.recommendation_id
         GROUP BY a.recommendation_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { reportId: number; recommendationId: number; bodyId: number } | undefined;
    const from = `${Number(last.slice(0, 4)) - 1}${last.slice(4)}`;
    return pagePath
      .replace("ENGAGEMENT_ID", String(engagementId))
      .replace("ORGANISATION_SLUG", slug ?? "national-crime-agency")
      .replace("REPORT_ID", String(takeUp?.reportId))
      .replace("RECOMMENDATION_ID", String(takeUp?.recommendationId))
      .replace("TAKE_UP_BODY_ID", String(takeUp?.bodyId))
      .replace("FROM", from)
      .replace("TO", last);
  } finally {
    sqlite.close();
  }
}

type Side = { times: number[]; cpuMs: number; bytes: number };

async function main() {
  const buildDir = path.resolve(ROOT, process.env.BUILD_DIR || "build");
  if (!existsSync(path.join(buildDir, "server/index.js"))) {
    console.error(`No build in ${buildDir}: run \`npm run build\` first (or set BUILD_DIR).`);
    process.exit(1);
  }
  const dir = benchTempDir("pages");
  const databasePath = path.join(dir, "tracker.db");
  try {
    demoDatabase(databasePath, ENGAGEMENTS);
    const sqlite = new Database(databasePath, { readonly: true });
    const figures = sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM engagements) AS engagements, (SELECT count(*) FROM actions) AS actions,
                (SELECT count(*) FROM actions WHERE status IN ('open','in_progress')) AS outstanding`,
      )
      .get() as { engagements: number; actions: number; outstanding: number };
    sqlite.close();
    const n = (x: number) => x.toLocaleString("en-GB");
    console.log(`Database: ${n(figures.engagements)} engagements, ${n(figures.actions)} actions (${n(figures.outstanding)} outstanding)\n`);

    // The app first: it migrates the file and writes the session secret beside it, which the bare server reads.
    const app = await startServer({}, { databasePath });
    const bare = await startBareServer(databasePath);
    try {
      const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
      const cookie = await signIn(app.baseUrl, manager.email, DEMO_PASSWORD);
      const rows: string[][] = [];
      const pages = BENCH_PAGES.filter((p) => !values.only?.length || values.only.includes(p.path));
      for (const page of pages) {
        const pagePath = concretePath(page.path, databasePath);
        const sides = { app: { base: app.baseUrl, pid: app.pid }, bare: { base: bare.baseUrl, pid: bare.pid } };
        // Warm each server on the page first, as a server that has been up a while is: V8 compiles a page's code on
        // the requests that first run it, in threads whose CPU counts as the process's. Measured from the fourth
        // request on, the dashboard cost half as much again as from the fortieth. What warming costs is shown apart.
        const warming = { app: 0, bare: 0 };
        for (const [name, side] of Object.entries(sides) as ["app" | "bare", (typeof sides)["app"]][]) {
          const before = cpuMs(side.pid);
          for (let i = 0; i < WARM_REQUESTS; i++) {
            const warm = await timeRequest(side.base + pagePath, cookie);
            if (warm.status !== 200) throw new Error(`${side.base}${pagePath} answered ${warm.status}`);
          }
          warming[name] = (cpuMs(side.pid) - before) / WARM_REQUESTS;
        }
        const measured: Record<"app" | "bare", Side> = { app: { times: [], cpuMs: 0, bytes: 0 }, bare: { times: [], cpuMs: 0, bytes: 0 } };
        const cpuBefore = { app: cpuMs(app.pid), bare: cpuMs(bare.pid) };
        const started = performance.now();
        for (let round = 0; ; round++) {
          const spentApp = cpuMs(app.pid) - cpuBefore.app;
          const spentBare = cpuMs(bare.pid) - cpuBefore.bare;
          const enough = round >= MIN_RUNS && Math.min(spentApp, spentBare) >= MIN_CPU_MS;
          if (enough || (round >= MIN_RUNS && performance.now() - started > PAGE_BUDGET_MS)) break;
          for (const side of ["app", "bare"] as const) {
            const t = await timeRequest(sides[side].base + pagePath, cookie);
            if (t.status !== 200) throw new Error(`${sides[side].base}${pagePath} answered ${t.status}`);
            measured[side].times.push(t.ms);
            measured[side].bytes = t.bytes;
          }
        }
        measured.app.cpuMs = cpuMs(app.pid) - cpuBefore.app;
        measured.bare.cpuMs = cpuMs(bare.pid) - cpuBefore.bare;
        const requests = measured.app.times.length;
        const appCpu = measured.app.cpuMs / requests;
        const bareCpu = measured.bare.cpuMs / requests;
        const median = (s: Side) =>
          quantile(
            [...s.times].sort((a, b) => a - b),
            0.5,
          );
        const row = [
          page.label,
          page.path.replace("FROM", "…").replace("TO", "…"),
          appCpu.toFixed(1),
          bareCpu.toFixed(1),
          bareCpu > 0 ? (appCpu / bareCpu).toFixed(1) : "–",
          median(measured.app).toFixed(1),
          median(measured.bare).toFixed(1),
          `${Math.round(measured.app.bytes / 1024)} KB`,
          String(requests),
          warming.app.toFixed(1),
        ];
        rows.push(row);
        console.log(`  ${pagePath}: app ${row[2]} ms CPU, bare ${row[3]} ms CPU (${requests} requests each)`);
      }
      console.log(
        `\nPages at ${n(figures.engagements)} engagements, as the demo manager: CPU of each server process per request ` +
          `(utime+stime over all its requests of the page, after ${WARM_REQUESTS} to warm it), wall-clock median over loopback ` +
          `(noisy on a shared machine), and the app's CPU per request while it warmed:\n`,
      );
      console.log(
        markdownTable(
          [
            "page",
            "path",
            "app CPU ms/req",
            "bare CPU ms/req",
            "app ÷ bare",
            "app median ms",
            "bare median ms",
            "app size",
            "requests",
            `app CPU ms/req, first ${WARM_REQUESTS}`,
          ],
          rows,
          2,
        ),
      );
      console.log("\nTargets (issue 13): at most 10 ms of CPU per request and at most 3× the bare server; /healthz under 1 ms.");
    } finally {
      await bare.stop();
      await app.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
