// GOV.UK Frontend ships, for each component, the HTML its Nunjucks macro renders for a set of options
// (dist/govuk/components/NAME/fixtures.json). Our React components are checked against that markup:
// both sides are reduced to a canonical form (white space folded, attributes and classes sorted) and compared.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type GovukFixture = { name: string; options: Record<string, unknown>; html: string; hidden?: boolean };

const require = createRequire(import.meta.url);
const componentsDir = path.join(path.dirname(require.resolve("govuk-frontend/package.json")), "dist/govuk/components");

/** The fixtures govuk-frontend publishes for one component, e.g. "table" or "date-input". */
export function govukFixtures(component: string): GovukFixture[] {
  const file = path.join(componentsDir, component, "fixtures.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { fixtures: GovukFixture[] }).fixtures;
}

export function govukFixture(component: string, name: string): GovukFixture {
  const found = govukFixtures(component).find((f) => f.name === name);
  if (!found) throw new Error(`govuk-frontend has no "${name}" fixture for ${component}`);
  return found;
}

const VOID = new Set(["input", "br", "img", "hr", "meta", "link", "col", "source"]);

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * A canonical form of an HTML fragment: one token per line, text trimmed with white space folded,
 * attributes sorted by name, class lists sorted, boolean attributes written bare, void elements unclosed.
 */
export function normaliseHtml(html: string): string {
  const out: string[] = [];
  const tokenRe = /<!--[\s\S]*?-->|<\/?([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|[^<]+/g;
  for (const match of html.matchAll(tokenRe)) {
    const [token, tag, attrs = ""] = match;
    if (token.startsWith("<!--")) continue;
    if (!tag) {
      const text = decode(token).replace(/\s+/g, " ").trim();
      if (text) out.push(text);
      continue;
    }
    const name = tag.toLowerCase();
    if (token.startsWith("</")) {
      if (!VOID.has(name)) out.push(`</${name}>`);
      continue;
    }
    const pairs: string[] = [];
    for (const a of attrs.matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const key = a[1].toLowerCase();
      let value = decode(a[2] ?? a[3] ?? a[4] ?? "");
      if (key === "class") value = value.split(/\s+/).filter(Boolean).sort().join(" ");
      else value = value.replace(/\s+/g, " ").trim();
      pairs.push(value === "" ? key : `${key}="${value}"`);
    }
    pairs.sort();
    out.push(`<${[name, ...pairs].join(" ")}>`);
  }
  return out.join("\n");
}
