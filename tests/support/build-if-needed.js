// Before `npm test`: build when the sources changed since the last build (or there is none), as `npm start`
// does; an unchanged tree goes straight to the tests. The browser tests run the compiled server and scripts.
import { spawnSync } from "node:child_process";
import { buildNeeded, root } from "../../scripts/build-state.js";

const reason = buildNeeded();
if (reason) {
  console.log(`Building (${reason})…`);
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else console.log("The build is up to date.");
