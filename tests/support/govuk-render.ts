// Rendering our GOV.UK components for comparison with govuk-frontend's fixtures (see govuk-fixtures.ts).
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";

/**
 * A fixture's `html` options are strings of HTML; our components take React nodes. `slot(html)` stands in
 * for the string while rendering, and `render` puts the string back in its place afterwards.
 */
export function htmlSlots() {
  const strings: string[] = [];
  return {
    slot(html: string): string {
      strings.push(html);
      return `@@html-${strings.length - 1}@@`;
    },
    render(element: ReactElement): string {
      return renderGovuk(element).replace(/@@html-(\d+)@@/g, (_, i: string) => strings[Number(i)]);
    },
  };
}

/**
 * Static markup inside a router (Remix's Link needs one). Remix marks its links data-discover for
 * route discovery, which is the app's, not GOV.UK's markup, so it is left out of the comparison.
 */
export function renderGovuk(element: ReactElement): string {
  return renderToStaticMarkup(createElement(StaticRouter, { location: "/" }, element)).replace(/ data-discover="true"/g, "");
}
