import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// GOV.UK Frontend's compiled CSS sets all text in GDS Transport, a typeface made for GOV.UK and licensed for use
// there only (its copyright note, kept in the CSS, says so). The tracker is an office's internal service, not on
// GOV.UK, so its text is in Arial, as the Design System asks of such services: the same compiled CSS, less its
// two @font-face rules (and that note) and with the typeface's name taken out of its font stacks. Besides, a page
// no longer fetches 65 KB of fonts before its text settles. app/root.tsx and the print pages import the result.
// Run by scripts/copy-govuk-assets.js before every build, and by the integration tests' set-up (they load the
// print pages' modules, which import the file, and may run before any build).
export function writeGovukCss(root) {
  const govukCss = readFileSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css"), "utf8");
  const fontFaces = govukCss.match(/@font-face\{[^}]*\}/g) ?? [];
  const withoutGdsTransport = govukCss
    .replace(/@font-face\{[^}]*\}/g, "")
    .replace(/\/\*! Copyright \(c\) 2011 by Margaret Calvert & Henrik Kubel[^*]*\*\//, "")
    .replaceAll("GDS Transport,", "");
  // A new GOV.UK Frontend that names or loads the typeface differently must not pass unnoticed.
  if (fontFaces.length !== 2 || /GDS Transport|Margaret Calvert/.test(withoutGdsTransport)) {
    throw new Error("GOV.UK Frontend's CSS no longer has the shape scripts/govuk-css.js expects: see its comment");
  }
  const target = path.join(root, "app/styles/govuk-frontend.generated.css");
  const text = "/* Written by scripts/govuk-css.js from govuk-frontend's compiled CSS: do not edit. */\n" + withoutGdsTransport;
  // Unchanged, the file is left alone: a newer app/ would make `npm start` and `npm test` build again.
  if (!existsSync(target) || readFileSync(target, "utf8") !== text) writeFileSync(target, text);
}
