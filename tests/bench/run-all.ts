// `npm run bench`: every tests/bench/*.bench.ts, one after another (never two at once: each
// would slow the other), with their figures printed as they come. Exits non-zero if one failed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(here, file)], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) {
    failed++;
    console.log(`${file} failed (exit ${result.status ?? result.signal})`);
  } else console.log(`(${file} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
console.log(`\n${files.length - failed} of ${files.length} benchmarks ran.`);
process.exit(failed ? 1 : 0);
