// Is build/ older than the sources it was made from? Compares modification times, so a checkout, a pull
// or an edit triggers a build and an unchanged tree starts at once.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SOURCES = ["app", "db", "seeds", "scripts", "server.ts", "remix.config.js", "tsconfig.json", "package.json", "package-lock.json"];

function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, name)));
  return latest;
}

/** Why a build is needed, or null when build/ is up to date. */
export function buildNeeded() {
  const info = path.join(root, "build/build-info.json");
  if (!existsSync(info)) return "no build yet";
  const builtAt = statSync(info).mtimeMs;
  for (const source of SOURCES) if (newest(path.join(root, source)) > builtAt) return `${source} changed since the last build`;
  return null;
}
