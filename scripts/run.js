// npm run <script>: run a command-line script compiled into build/scripts/, building first when the
// sources changed (as `npm start` does). Usage: node scripts/run.js NAME [ARGS...]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildNeeded, root } from "./build-state.js";

const [name, ...args] = process.argv.slice(2);
const compiled = path.join(root, "build/scripts", `${name}.js`);
const reason = buildNeeded();
if (reason) {
  // Without dev dependencies (a production install) the build cannot run: use the build already there.
  if (!existsSync(path.join(root, "node_modules/@remix-run/dev")) && existsSync(compiled)) {
    console.error(`Note: ${reason}, but this install cannot build (no dev dependencies); using the existing build.`);
  } else {
    console.error(`Building first (${reason})…`);
    const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
process.argv = [process.argv[0], compiled, ...args];
await import(pathToFileURL(compiled).href);
