// npm start: build when the sources changed since the last build (or there is none), then serve with plain
// node. Production may instead build once, `npm ci --omit=dev`, and run `npm run serve`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildNeeded, root } from "./build-state.js";

const reason = buildNeeded();
if (reason && !existsSync(path.join(root, "node_modules/@remix-run/dev")) && existsSync(path.join(root, "build/server.js"))) {
  console.log(`Note: ${reason}, but this install cannot build (no dev dependencies); serving the existing build.`);
} else if (reason) {
  console.log(`Building (${reason})…`);
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.env.NODE_ENV = "production";
await import(pathToFileURL(path.join(root, "build/server.js")).href);
