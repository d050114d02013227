// The database every benchmark works on: `npm run seed:demo` at the size asked for, made once per `npm run bench`
// (run-all.ts passes it on in BENCH_DATABASE) and copied by each benchmark before use, since the server migrates
// and writes sessions and audit events.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, TMP } from "../support/paths";

/** How many demo engagements: --engagements N, else BENCH_ENGAGEMENTS (from run-all.ts), else 20,000. */
export function benchEngagements(flag: string | undefined): number {
  const n = Number(flag ?? process.env.BENCH_ENGAGEMENTS ?? 20_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--engagements must be a whole number, not ${flag}`);
  return n;
}

export function benchTempDir(name: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(path.join(TMP, `bench-${name}-`));
}

/** Fill a new database at `databasePath` with `npm run seed:demo -- --engagements N`. */
export function seedDemo(databasePath: string, engagements: number): void {
  console.log(`Filling a database with ${engagements.toLocaleString("en-GB")} demo engagements (seed:demo)…`);
  const seeded = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/seed-demo.ts", "--engagements", String(engagements)],
    { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: "utf8" },
  );
  if (seeded.status !== 0) throw new Error(`seed:demo failed:\n${seeded.stderr}${seeded.stdout}`);
  console.log(seeded.stdout.split("\n")[0]);
}

/**
 * A demo database of `engagements` at `databasePath`: a copy of BENCH_DATABASE when run-all.ts made one of that
 * size, otherwise filled here.
 */
export function demoDatabase(databasePath: string, engagements: number): void {
  const shared = process.env.BENCH_DATABASE;
  if (shared && existsSync(shared) && Number(process.env.BENCH_ENGAGEMENTS) === engagements) {
    copyFileSync(shared, databasePath);
    return;
  }
  seedDemo(databasePath, engagements);
}

/** utime + stime of a process, in milliseconds (from /proc/PID/stat: robust to other load on the machine). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

let ticks = 0;
function clockTicks(): number {
  if (!ticks) ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
  return ticks;
}

/** A module hook for plain Node running route modules: they import stylesheets, which the Remix compiler turns into URLs. */
export const CSS_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    `import { register } from "node:module";
     register("data:text/javascript," + encodeURIComponent(
       "export async function load(url, context, next) { if (url.endsWith('.css')) return { format: 'module', source: 'export default \\"/stylesheet.css\\"', shortCircuit: true }; return next(url, context); }"
     ));`,
  );

export function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Sign in through the login form; the session cookie ("name=value"). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
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

/** One GET read to its last byte: wall time, status and size. */
export async function timeRequest(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

/** A Markdown table, numbers right-aligned (columns from `numericFrom` on). */
export function markdownTable(header: string[], rows: string[][], numericFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    "| " + cells.map((c, i) => (i < numericFrom ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i < numericFrom ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}
