// Server CPU of the browser's route discovery: after a page loads, Remix's client asks `/__manifest?p=…` for the
// routes its links need. For each of a few pages this asks for every link the page holds (an upper bound of what
// the client sends) and prints, per request:
// - the built server's CPU over HTTP (utime+stime from /proc, as the page benchmark measures);
// - in one separate process on the same build, the CPU of Remix's own `/__manifest` handler and of the app's
//   `discoveryPatches` (app/server/render-manifest.server.ts), which the server answers with instead (decision 0036).
//   npx tsx tests/bench/route-discovery.bench.ts [--engagements N] [--runs R]
// Needs a build (`npm run build`). Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { ROOT } from "../support/paths";
import { startServer } from "../support/server";
import { benchEngagements, benchTempDir, cpuMs, demoDatabase, markdownTable, signIn } from "./bench-support";

const { values } = parseArgs({ options: { engagements: { type: "string" }, runs: { type: "string", default: "200" } } });
const ENGAGEMENTS = benchEngagements(values.engagements);
const RUNS = Number(values.runs);

/** Remix's handler and the app's answer, each asked RUNS times for each query, in a process of their own. */
function inProcessCpu(queries: string[]): { remix: number; app: number }[] {
  const script = `
    import { createRequestHandler } from "@remix-run/node";
    import { pathToFileURL } from "node:url";
    const build = await import(pathToFileURL("build/server/index.js").href);
    const handle = createRequestHandler(build, "production");
    const { discoveryPatches } = build.entry.module.runtime;
    const [queries, runs] = [JSON.parse(process.argv[1]), Number(process.argv[2])];
    const cpu = async (work) => {
      for (let i = 0; i < 20; i++) await work();
      const before = process.cpuUsage();
      for (let i = 0; i < runs; i++) await work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / runs;
    };
    const figures = [];
    for (const query of queries) {
      const url = new URL("http://localhost/__manifest?" + query);
      figures.push({
        remix: await cpu(async () => (await handle(new Request(url))).text()),
        app: await cpu(async () => JSON.stringify(discoveryPatches(build.assets, build.basename, url.searchParams.getAll("p")))),
      });
    }
    console.log(JSON.stringify(figures));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(queries), String(RUNS)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  return JSON.parse(output);
}

async function main() {
  const dir = benchTempDir("route-discovery");
  const databasePath = path.join(dir, "tracker.db");
  try {
    demoDatabase(databasePath, ENGAGEMENTS);
    const sqlite = new Database(databasePath, { readonly: true });
    const engagementId = (sqlite.prepare("SELECT max(id) AS id FROM engagements").get() as { id: number }).id;
    sqlite.close();
    const pages = ["/", "/engagements", `/engagements/${engagementId}`, "/actions?owner=all", "/organisations", "/coverage"];

    const server = await startServer({}, { databasePath });
    try {
      const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
      const cookie = await signIn(server.baseUrl, manager.email, DEMO_PASSWORD);
      const asked: { page: string; paths: number; query: string }[] = [];
      for (const page of pages) {
        const html = await (await fetch(server.baseUrl + page, { headers: { cookie } })).text();
        const version = /window\.__remixManifest = \{[\s\S]*?"version":\s*"([^"]+)"/.exec(html)?.[1];
        if (!version) throw new Error(`${page} sent no route manifest version`);
        const links = [...new Set([...html.matchAll(/href="(\/[^"?#]*)/g)].map((m) => m[1]).filter((p) => !p.startsWith("/build/")))];
        const query = new URLSearchParams([...links.map((p) => ["p", p]), ["version", version]]).toString();
        asked.push({ page, paths: links.length, query });
      }
      const rows: string[][] = [];
      for (const { page, paths, query } of asked) {
        const url = `${server.baseUrl}/__manifest?${query}`;
        for (let i = 0; i < 20; i++) {
          const response = await fetch(url, { headers: { cookie } });
          if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
          await response.arrayBuffer();
        }
        const before = cpuMs(server.pid);
        for (let i = 0; i < RUNS; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
        rows.push([page, String(paths), ((cpuMs(server.pid) - before) / RUNS).toFixed(2)]);
      }
      inProcessCpu(asked.map((a) => a.query)).forEach((figures, i) => rows[i].push(figures.remix.toFixed(2), figures.app.toFixed(2)));
      console.log(
        `\nRoute discovery for every link of a page, at ${ENGAGEMENTS.toLocaleString("en-GB")} engagements, ${RUNS} requests each: ` +
          `CPU ms per request of the server over HTTP, and in-process of Remix's own handler and of the app's answer:\n`,
      );
      console.log(markdownTable(["page", "paths", "server CPU ms/req", "Remix's handler ms", "app's answer ms"], rows, 1));
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
