// Compile the server entry and the command-line scripts to plain JavaScript in build/, so that production
// runs them with `node` (no TypeScript loader, which is a dev dependency). App code the scripts use is
// bundled into each script; packages stay in node_modules. The server imports no app code at all: it
// reaches the app through the Remix build (see server.ts).
import { build } from "esbuild";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_BUILD_OPTIONS } from "./esbuild-node-options.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scripts = readdirSync(path.join(root, "scripts")).filter((name) => name.endsWith(".ts"));

await build({
  absWorkingDir: root,
  // The Word summary's worker thread sits beside the app's bundle, which starts it (app/routes/__report-docx-job.server.ts).
  entryPoints: { server: "server.ts", "report-docx-worker": "app/routes/__report-docx.worker.server.ts", ...Object.fromEntries(scripts.map((name) => [`scripts/${name.replace(/\.ts$/, "")}`, `scripts/${name}`])) },
  outdir: "build",
  ...NODE_BUILD_OPTIONS,
});

// `npm start` compares this file's time with the sources' to decide whether to build again.
writeFileSync(path.join(root, "build/build-info.json"), JSON.stringify({ builtAt: new Date().toISOString() }) + "\n");
