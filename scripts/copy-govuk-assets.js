// GOV.UK Frontend's CSS refers to /assets/fonts and /assets/images: copy them
// from the package at build time instead of committing a copy.
import { cpSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, "node_modules/govuk-frontend/dist/govuk/assets");
const to = path.join(root, "public/assets");
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
