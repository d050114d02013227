// GOV.UK Frontend's CSS refers to /assets/images: copy them from the package at build time instead of committing
// a copy, and write the CSS the app imports (scripts/govuk-css.js). Pages sent without React (app/root.tsx) load
// GOV.UK Frontend's own script from here too, with scripts/govuk-init.js.
import { copyFileSync, cpSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { writeGovukCss } from "./govuk-css.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, "node_modules/govuk-frontend/dist/govuk/assets");
const to = path.join(root, "public/assets");
mkdirSync(to, { recursive: true });
// Not the fonts, which the tracker does not use (scripts/govuk-css.js).
rmSync(path.join(to, "fonts"), { recursive: true, force: true });
cpSync(from, to, { recursive: true, filter: (source) => path.relative(from, source) !== "fonts" });
copyFileSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js"), path.join(to, "govuk-frontend.min.js"));
copyFileSync(path.join(root, "scripts/govuk-init.js"), path.join(to, "govuk-init.js"));

writeGovukCss(root);
