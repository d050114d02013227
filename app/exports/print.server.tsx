// Printable summaries streamed as HTML: the page's shell is rendered once and cut where the body goes,
// then the body is rendered a batch at a time, so a summary of ten thousand engagements never exists as
// one React tree or one string.
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PrintDocument } from "~/components/reports/PrintDocument";
import type { Marking } from "~/domain/enums";
import { toWebStream } from "./export.server";

const BODY = "@@print-body-goes-here@@";

type PrintShell = { title: string; marking: Marking; stylesheets: string[]; back: { href: string; text: string }; exitUrl: string };

/** The page before and after its body. */
function shell(props: PrintShell): { before: string; after: string } {
  const html = "<!DOCTYPE html>" + renderToStaticMarkup(<PrintDocument {...props}>{BODY}</PrintDocument>);
  const at = html.indexOf(BODY);
  return { before: html.slice(0, at), after: html.slice(at + BODY.length) };
}

/** A printable page whose body arrives as parts (each a React element rendered on its own). */
export function printResponse(props: PrintShell, parts: Iterable<ReactElement> | AsyncIterable<ReactElement>): Response {
  const { before, after } = shell(props);
  async function* html() {
    yield before;
    for await (const part of parts) {
      yield renderToStaticMarkup(part);
      await new Promise((resolve) => setImmediate(resolve)); // let other requests in between batches
    }
    yield after;
  }
  return new Response(toWebStream(html()), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
