// Server time of the busiest pages on a realistic database.
//   npx tsx tests/bench/pages.bench.ts                    (20,000 demo engagements, 30 requests a page)
//   npx tsx tests/bench/pages.bench.ts --engagements 5000 --runs 50
// Fills a temporary database with `npm run seed:demo`, starts the real server on it (needs a build:
// `npm run build`, or BUILD_DIR), signs in as the demo manager and times repeated requests of each page,
// one at a time over loopback, each read to its last byte. Prints median and p95; asserts nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { ROOT, TMP } from "../support/paths";
import { startServer } from "../support/server";

const { values } = parseArgs({ options: { engagements: { type: "string", default: "20000" }, runs: { type: "string", default: "30" } } });
const ENGAGEMENTS = Number(values.engagements);
const RUNS = Number(values.runs);

const PAGES: { label: string; path: string }[] = [
  { label: "health check (baseline)", path: "/healthz" },
  { label: "dashboard", path: "/" },
  { label: "actions register (everyone's)", path: "/actions?owner=all" },
  {
    label: "actions register (overdue NCA commitments)",
    path: "/actions?owner=all&due=overdue&kind=commitment&organisation=national-crime-agency",
  },
  { label: "actions register (text search)", path: "/actions?owner=all&q=letter" },
  { label: "police coverage", path: "/coverage" },
  { label: "police coverage (sorted by engagements)", path: "/coverage?sort=engagements" },
];

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("tracker_session="));
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function timeRequest(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

async function main() {
  const buildDir = path.resolve(ROOT, process.env.BUILD_DIR || "build");
  if (!existsSync(path.join(buildDir, "server/index.js"))) {
    console.error(`No build in ${buildDir}: run \`npm run build\` first (or set BUILD_DIR).`);
    process.exit(1);
  }
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, "bench-pages-"));
  const databasePath = path.join(dir, "tracker.db");
  try {
    console.log(`Filling a database with ${ENGAGEMENTS.toLocaleString("en-GB")} demo engagements (npm run seed:demo)…`);
    const seeded = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/seed-demo.ts", "--engagements", String(ENGAGEMENTS)],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: databasePath },
        encoding: "utf8",
      },
    );
    if (seeded.status !== 0) throw new Error(`seed:demo failed:\n${seeded.stderr}${seeded.stdout}`);
    console.log(seeded.stdout.split("\n").slice(0, 2).join("\n"));
    const sqlite = new Database(databasePath, { readonly: true });
    const figures = sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM engagements) AS engagements, (SELECT count(*) FROM actions) AS actions,
                (SELECT count(*) FROM actions WHERE status IN ('open','in_progress')) AS outstanding`,
      )
      .get() as { engagements: number; actions: number; outstanding: number };
    sqlite.close();
    console.log(`Database: ${figures.engagements} engagements, ${figures.actions} actions (${figures.outstanding} outstanding)\n`);

    const server = await startServer({}, { databasePath });
    try {
      const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
      const cookie = await signIn(server.baseUrl, manager.email, DEMO_PASSWORD);
      const rows: string[][] = [];
      let baseline = 0;
      for (const page of PAGES) {
        const url = server.baseUrl + page.path;
        for (let i = 0; i < 3; i++) await timeRequest(url, cookie); // warm the caches
        const times: number[] = [];
        let last = { status: 0, bytes: 0 };
        for (let i = 0; i < RUNS; i++) {
          const t = await timeRequest(url, cookie);
          if (t.status !== 200) throw new Error(`${page.path} answered ${t.status}`);
          times.push(t.ms);
          last = t;
        }
        times.sort((a, b) => a - b);
        const median = quantile(times, 0.5);
        if (!baseline) baseline = median;
        rows.push([
          page.label,
          page.path,
          median.toFixed(1),
          quantile(times, 0.95).toFixed(1),
          (median / baseline).toFixed(1) + "x",
          `${Math.round(last.bytes / 1024)} KB`,
        ]);
      }
      const header = ["page", "path", "median ms", "p95 ms", "vs health", "size"];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
      console.log(`${RUNS} sequential requests per page, as the demo manager, over loopback:`);
      console.log(line(header));
      for (const r of rows) console.log(line(r));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
