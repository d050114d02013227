// GOV.UK Frontend's CSS refers to /assets/fonts and /assets/images: copy them
// from the package at build time instead of committing a copy. Pages sent without React (app/root.tsx) load
// GOV.UK Frontend's own script from here too, with scripts/govuk-init.js.
import { copyFileSync, cpSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, "node_modules/govuk-frontend/dist/govuk/assets");
const to = path.join(root, "public/assets");
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
copyFileSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js"), path.join(to, "govuk-frontend.min.js"));
copyFileSync(path.join(root, "scripts/govuk-init.js"), path.join(to, "govuk-init.js"));
