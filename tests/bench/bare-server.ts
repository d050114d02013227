// The bare server the page benchmark compares the app with: plain node:http on the same SQLite file, no Express,
// no Remix routing, no React. For each page it calls the very loader of the route that answers it in the app
// (so it runs the same model functions, hence the same SQL, with the one session lookup the loader makes, and
// follows the app as the models change), then writes the loader's data into a template string.
//   node --import tsx --import <css stand-in> tests/bench/bare-server.ts     (PORT, DATABASE_PATH from the environment)
// It prints "bare server listening on PORT" once ready.
import http from "node:http";
import { databaseAnswers } from "~/models/health.server";
import { routeFor } from "./bench-pages";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

const loaders = new Map<string, Loader>();
async function loaderOf(module: string): Promise<Loader> {
  let loader = loaders.get(module);
  if (!loader) {
    loader = ((await import(module)) as { loader: Loader }).loader;
    loaders.set(module, loader);
  }
  return loader;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Any loader data as nested lists: about as much markup per value as a page has, with none of React's work. */
function render(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return `<ul>${value.map((v) => `<li>${render(v)}</li>`).join("")}</ul>`;
  if (typeof value === "object")
    return `<dl>${Object.entries(value)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${render(v)}</dd>`)
      .join("")}</dl>`;
  return escapeHtml(String(value));
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (url.pathname === "/healthz") {
    databaseAnswers();
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end('{"status":"ok"}');
    return;
  }
  const route = routeFor(url.pathname);
  if (!route) {
    res.writeHead(404).end("not a benchmarked page");
    return;
  }
  const headers = new Headers({ "x-tracker-client-ip": req.socket.remoteAddress ?? "" });
  if (req.headers.cookie) headers.set("Cookie", req.headers.cookie);
  let result: unknown;
  try {
    result = await (
      await loaderOf(route.module)
    )({ request: new Request(url, { headers }), params: route.params, context: { cspNonce: "bare" } });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    if (result.status !== 200) {
      res.writeHead(result.status, { Location: result.headers.get("Location") ?? "" }).end();
      return;
    }
    result = await result.json();
  }
  res
    .writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
    .end(
      `<!DOCTYPE html><html lang="en-GB"><head><title>${escapeHtml(url.pathname)}</title></head><body><main>${render(result)}</main></body></html>`,
    );
}

const server = http.createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`bare server listening on ${process.env.PORT}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
