import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce";
import { isDatabaseUnavailable } from "./server/database-errors.server";
import { renderManifest } from "./server/render-manifest.server";
import { markDatabaseUnavailable, wasDatabaseUnavailable } from "./server/runtime.server";

// The production server reaches the app's start-up and shut-down work through the build (one copy of each module).
export { runtime } from "./server/runtime.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  if (wasDatabaseUnavailable(request)) {
    // A loader or action could not reach the database (locked, read-only, disk full): the error page says
    // "try again", and the status says the same to machines.
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "30");
  }
  // Replaced on this request's context (a new object for each request; Remix reads the same object back if it has
  // to render the page again with an error).
  remixContext.manifest = renderManifest(remixContext, new URL(request.url));
  // The whole document is rendered before anything is sent, and sent as one buffer: no route streams (no
  // Suspense, no deferred data), so waiting costs no time to first byte, and one chunk through the response
  // and compression costs far less than React's hundreds of small ones (issue 13).
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const collected = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timeout);
        const page = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        // The length marks the page as whole: server.ts compresses it in one call (docs/decisions/0039).
        responseHeaders.set("Content-Length", String(page.length));
        resolve(new Response(page, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(collected);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timeout = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // An address no route matches (a mistyped link, a scanner trying paths) is answered with the "Page not found"
  // page; a stack trace in the log for each would bury the errors that need reading.
  if (isRouteErrorResponse(error) && error.status === 404) return;
  if (isDatabaseUnavailable(error)) {
    markDatabaseUnavailable(request);
    console.error(`${request.method} ${new URL(request.url).pathname}: the database could not be written (${(error as Error).message})`);
    return;
  }
  console.error(error);
}
