// The command-line scripts as `npm run <script>` runs them: compiled to plain JavaScript (bundled with the app
// code they use, packages left in node_modules, as scripts/build-server.js compiles them into build/scripts/)
// and started with `node`. Compiled once per test run by the global setup, into tmp/ so a run never depends
// on whether build/ is up to date. Starting one costs about a third of starting it through tsx, which
// compiles every module again in each process.
import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { NODE_BUILD_OPTIONS } from "../../scripts/esbuild-node-options.js";
import { ROOT, TMP } from "./paths";

const COMPILED = path.join(TMP, "scripts");

export async function compileScripts(): Promise<void> {
  const scripts = readdirSync(path.join(ROOT, "scripts")).filter((name) => name.endsWith(".ts"));
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(scripts.map((name) => [name.replace(/\.ts$/, ""), `scripts/${name}`])),
    outdir: COMPILED,
    ...NODE_BUILD_OPTIONS,
  });
}

/** Run scripts/<name>.ts, compiled, from the project folder: its exit status and output. */
export function runScript(name: string, args: string[], options: Omit<SpawnSyncOptionsWithStringEncoding, "encoding"> = {}) {
  return spawnSync(process.execPath, [path.join(COMPILED, `${name}.js`), ...args], { cwd: ROOT, ...options, encoding: "utf8" });
}
