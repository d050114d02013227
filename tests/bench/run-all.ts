// `npm run bench`: every tests/bench/*.bench.ts, one after another (never two at once: each would slow the
// other), with their figures printed as they come. Exits non-zero if one failed.
//   npm run bench                                  (20,000 demo engagements)
//   npm run bench -- --engagements 200000          (ten years of a busy office: seed:demo takes about 40 s)
//   npm run bench -- --only pages --only exports   (some of them)
// The demo database is made once, with `npm run seed:demo`, and handed to each benchmark (BENCH_DATABASE and
// BENCH_ENGAGEMENTS), which works on its own copy. The page and client benchmarks need a build (`npm run build`).
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchEngagements, benchTempDir, seedDemo } from "./bench-support";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const { values } = parseArgs({ options: { engagements: { type: "string" }, only: { type: "string", multiple: true } } });
const engagements = benchEngagements(values.engagements);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !values.only?.length || values.only.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

const dir = benchTempDir("all");
const databasePath = path.join(dir, "demo.db");
let failed = 0;
try {
  seedDemo(databasePath, engagements);
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const started = Date.now();
    const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(here, file)], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, BENCH_DATABASE: databasePath, BENCH_ENGAGEMENTS: String(engagements) },
    });
    if (result.status !== 0) {
      failed++;
      console.log(`${file} failed (exit ${result.status ?? result.signal})`);
    } else console.log(`(${file} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${files.length - failed} of ${files.length} benchmarks ran, at ${engagements.toLocaleString("en-GB")} demo engagements.`);
process.exit(failed ? 1 : 0);
