// The production server: Express in front of the Remix build, adding what Remix does not do itself
// (security headers with a CSP nonce, the same-origin check on writes, a body limit enforced as the body
// streams, static files, a graceful shutdown) and the start-up work (settings, secret, migrations,
// reference data, housekeeping, scheduled backups, the first-run setup link).
//
// It imports no app code: everything it needs from the app comes through the Remix build
// (`build.entry.module.runtime`), so the server and the routes share one copy of every module and one
// database connection. `npm run build` compiles this file to build/server.js, run with plain `node`.
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { randomBytes, randomFillSync } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerRuntime } from "./app/server/runtime.server";

/** The largest request body: the largest file the import takes (5 MB) with room for the form around it. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
/**
 * gzip's fastest level: a page's HTML comes out about a seventh larger than at the default level 6, for a third of
 * the CPU (docs/decisions/0026-request-overhead.md).
 */
const GZIP_LEVEL = 1;
/**
 * Brotli's fastest quality, for the browsers that take it (all of the office's): on the app's pages it comes out
 * smaller than gzip level 1 for less CPU, and costs several times less than the compression middleware's default,
 * quality 4 (docs/decisions/0039-pages-compressed-whole.md).
 */
const BROTLI_QUALITY = 1;
/** A page up to this size is compressed in one call (sendRemixResponse); larger bodies stream. */
const WHOLE_PAGE_MAX_BYTES = 4 * 1024 * 1024;
/** Below this, compressing does not pay (the compression middleware's threshold too). */
const COMPRESS_MIN_BYTES = 1024;
const HOUSEKEEPING_INTERVAL_MS = 24 * 60 * 60_000;
const OVERDUE_CUTOFF_INTERVAL_MS = 60 * 60_000;

/** The project folder: the nearest folder above this file (server.ts, or build/server.js) holding package.json. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * The build's scripts and styles as the build compressed them (scripts/compress-assets.js): brotli where the
 * browser takes it, else gzip, else the file itself (express.static, after this). The compression middleware leaves
 * a response that already has a Content-Encoding alone. Looked up in the files found at start: the build's names
 * carry their content's hash, so a file never changes under a running server.
 */
/** Brotli if the client takes it, else gzip if it takes that, else neither. */
function preferredEncoding(req: express.Request): "br" | "gzip" | null {
  // Each on its own: asked for both with equal weight, the negotiation would pick the browser's first, gzip.
  return req.acceptsEncodings("br") ? "br" : req.acceptsEncodings("gzip") ? "gzip" : null;
}

function sendPrecompressed(dir: string): express.RequestHandler {
  const names = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }) : [];
  const stored = new Set(names.map((name) => "/" + name.split(path.sep).join("/")));
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const encoding = preferredEncoding(req);
    const suffix = encoding === "br" ? ".br" : ".gz";
    res.vary("Accept-Encoding");
    // Which files have stored copies is the build's choice (scripts/compress-assets.js): the names found say it.
    if (!encoding || !stored.has(req.path + suffix)) return next();
    res.type(path.extname(req.path)); // the file's own type, not the compressed copy's
    res.set("Content-Encoding", encoding);
    req.url = req.path + suffix;
    next();
  };
}

/** Stop before serving, with one line a person can act on. */
function cannotStart(message: string): never {
  console.error(`Cannot start: ${message}`);
  process.exit(1);
}

function sqliteCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_")) return e.code;
  }
  return undefined;
}

function ensureSessionSecret(runtime: ServerRuntime) {
  if (process.env.SESSION_SECRET) return;
  const file = runtime.sessionSecretFile();
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

/** `formTargets`: other origins a form may send the browser to (the office's sign-in provider, when configured). */
function contentSecurityPolicy(nonce: string, formTargets: string[]) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ["form-action 'self'", ...formTargets].join(" "),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * A fresh CSP nonce (16 random bytes, base64) for each response, cut from a pool filled 256 nonces at a time:
 * the same randomness as one randomBytes(16) a request, for a fraction of the calls into the crypto library.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolUsed = noncePool.length;
function nextNonce(): string {
  if (noncePoolUsed === noncePool.length) {
    randomFillSync(noncePool);
    noncePoolUsed = 0;
  }
  noncePoolUsed += NONCE_BYTES;
  return noncePool.toString("base64", noncePoolUsed - NONCE_BYTES, noncePoolUsed);
}

/** Same-site check on anything that can change state: Origin first, else Sec-Fetch-Site. */
function isCrossSite(req: express.Request): boolean {
  const origin = req.get("origin");
  if (origin) {
    try {
      return new URL(origin).host !== req.get("host");
    } catch {
      return true; // "null" or garbage
    }
  }
  const site = req.get("sec-fetch-site");
  return Boolean(site) && site !== "same-origin" && site !== "none";
}

/** How long the rest of a refused body is read and thrown away before its connection is cut. */
const REFUSED_BODY_DRAIN_MS = 5_000;
/** The page (app/routes/too-large.tsx) a person's browser is shown, with the 413, when what it sent is too large. */
const TOO_LARGE_PAGE = "/too-large";

type RemixHandle = ReturnType<typeof createRequestHandler>;

/** Each request's id, given as it arrives (see remixRequest). */
const requestIds = new WeakMap<express.Request, number>();

/**
 * A web Request for Remix from Express's request: the same method, address and headers, the body as given. Two
 * headers are the server's own, set over any copy the caller sent: the client's address, for the audit trail and the
 * sign-in throttle, and the request's id, with which the loaders of one request share one session lookup
 * (app/server/request.server.ts and session.server.ts read them).
 */
function remixRequest(req: express.Request, init: RequestInit & { duplex?: "half" } = {}, pathname?: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  headers.set("x-tracker-client-ip", req.socket.remoteAddress ?? "");
  headers.set("x-tracker-request-id", String(requestIds.get(req) ?? ""));
  const url = new URL(pathname ?? (req.originalUrl || req.url), `http://${req.get("host") ?? "localhost"}`);
  if (pathname) for (const name of ["content-length", "content-type", "transfer-encoding"]) headers.delete(name);
  return new Request(url, { method: req.method, headers, ...init });
}

/**
 * Sends Remix's response through Express's. A page (app/entry.server.tsx renders each whole and gives its length) is
 * compressed here in one call; the compression middleware would pass it through a zlib stream a chunk at a time, for
 * about twice the CPU. Anything else (data for the browser's navigations, downloads, printable summaries) streams
 * through the middleware as before.
 */
async function sendRemixResponse(response: Response, res: express.Response, status = response.status) {
  res.statusMessage = status === response.status ? response.statusText : "";
  res.status(status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (!response.body) {
    res.end();
    return;
  }
  const length = Number(response.headers.get("Content-Length"));
  if (/^text\/html\b/.test(response.headers.get("Content-Type") ?? "") && length > 0 && length <= WHOLE_PAGE_MAX_BYTES) {
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    res.end(compressedPage(res.req, res, Buffer.concat(chunks)));
    return;
  }
  await writeReadableStreamToWritable(response.body, res);
}

/** The page in the encoding the client prefers of brotli and gzip (or as it is), with the headers that say so. */
function compressedPage(req: express.Request, res: express.Response, page: Buffer): Buffer {
  res.vary("Accept-Encoding");
  if (req.method === "HEAD" || page.length < COMPRESS_MIN_BYTES) return page;
  const encoding = preferredEncoding(req);
  if (!encoding) return page;
  const compressed =
    encoding === "br"
      ? brotliCompressSync(page, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: page.length },
        })
      : gzipSync(page, { level: GZIP_LEVEL });
  res.set("Content-Encoding", encoding);
  res.set("Content-Length", String(compressed.length));
  return compressed;
}

/** Whether the client takes gzip (Accept-Encoding names it, or `*`, with a quality above 0). */
function acceptsGzip(header: string | undefined): boolean {
  const qualities = new Map(
    (header ?? "").split(",").map((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      return [coding, q === undefined ? 1 : Number(q.slice(2)) || 0] as const;
    }),
  );
  return (qualities.get("gzip") ?? qualities.get("*") ?? 0) > 0;
}

/**
 * Answers 413 to a body over MAX_BODY_BYTES, before or while it streams. A browser gets the app's page saying so
 * (a person signed in, that is: anyone else, and any other client, gets a line of text). The rest of the body is read
 * and thrown away (memory stays flat), not left unread on a closed connection: closing a connection with data
 * unread resets it, and the reset can reach the sender before the 413 and erase it (a browser then shows
 * "connection reset"). A body still coming after a few seconds is cut off.
 */
function refuseTooLarge(req: express.Request, res: express.Response, handle: RemixHandle) {
  if (res.headersSent || res.locals.refusedTooLarge) return;
  res.locals.refusedTooLarge = true;
  req.unpipe();
  req.resume();
  const cutOff = setTimeout(() => req.socket.destroy(), REFUSED_BODY_DRAIN_MS);
  cutOff.unref();
  req.once("end", () => clearTimeout(cutOff));
  req.socket.once("close", () => clearTimeout(cutOff));
  const inText = () => {
    if (!res.headersSent) res.status(413).type("text/plain").send("The submission is too large.");
  };
  if (req.accepts(["text/plain", "text/html"]) !== "text/html") return inText();
  handle(remixRequest(req, { method: "GET" }, TOO_LARGE_PAGE), { cspNonce: res.locals.cspNonce as string })
    .then((page) => (page.status === 200 && !res.headersSent ? sendRemixResponse(page, res, 413) : inText()))
    .catch(inText);
}

/**
 * The Remix request handler, with the request body counted as it streams: past MAX_BODY_BYTES the request
 * is aborted and answered 413, whatever Content-Length said (or whether it was sent at all), so a large or
 * endless body is never held in memory.
 */
function remixHandler(handle: RemixHandle): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const init: RequestInit & { duplex?: "half" } = { signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") {
        let bytes = 0;
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            if (bytes <= MAX_BODY_BYTES) return done(null, chunk);
            controller.abort();
            refuseTooLarge(req, res, handle);
            done(new Error("request body too large"));
          },
        });
        req.pipe(counted);
        init.body = createReadableStreamFromReadable(counted);
        init.duplex = "half";
      }
      const response = await handle(remixRequest(req, init), { cspNonce: res.locals.cspNonce as string });
      if (res.headersSent || res.locals.refusedTooLarge) return;
      await sendRemixResponse(response, res);
    } catch (error) {
      if (res.headersSent || res.locals.refusedTooLarge) return;
      next(error);
    }
  };
}

/** How many sets of routes get a handler of their own (handlerPerRouteSet). */
const ROUTE_SETS_KEPT = 500;

/**
 * Remix's request handler, given for each request a build holding only the routes that request can need: those its
 * address matches, and those its parent paths match (which its page tells the browser about). Remix matches each
 * request twice (its own handler, then its router's query), and each match flattens and ranks every route of the
 * build: about ninety here. With the matched routes among a few, in the build's own order, the best match is the same
 * one, and so are the loaders, actions and error boundaries. One handler per set: as many sets as the shapes of
 * address the routes tell apart (a few dozen), bounded all the same. An address that matches no route, or whose set
 * would pass the bound, goes to the handler of the whole build, which answers as before.
 */
function handlerPerRouteSet(build: ServerBuild, mode: string, runtime: ServerRuntime): RemixHandle {
  const wholeBuild = createRequestHandler(build, mode);
  const handlers = new Map<string, RemixHandle>();
  return (request, loadContext) => {
    let ids: string[];
    try {
      ids = runtime.routeIdsReachedFrom(build.assets.routes, new URL(request.url).pathname, build.basename);
    } catch {
      return wholeBuild(request, loadContext);
    }
    if (!ids.length) return wholeBuild(request, loadContext);
    const key = ids.sort().join("\n");
    let handle = handlers.get(key);
    if (!handle && handlers.size >= ROUTE_SETS_KEPT) return wholeBuild(request, loadContext);
    if (!handle) {
      const reached = new Set(ids);
      const routes = Object.fromEntries(Object.entries(build.routes).filter(([id]) => reached.has(id)));
      handle = createRequestHandler({ ...build, routes }, mode);
      handlers.set(key, handle);
    }
    return handle(request, loadContext);
  };
}

async function main() {
  const root = projectRoot();
  const envFile = path.resolve(".env"); // in the folder it is started from, as npm scripts do: the project folder
  if (existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (error) {
      cannotStart(`.env cannot be read: ${(error as Error).message}`);
    }
  }
  process.env.NODE_ENV ||= "production";

  const buildDir = path.resolve(root, process.env.BUILD_DIR || "build");
  const buildFile = path.join(buildDir, "server/index.js");
  if (!existsSync(buildFile)) cannotStart(`no build at ${buildFile}: run \`npm run build\` first`);
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const runtime = (build.entry.module as unknown as { runtime?: ServerRuntime }).runtime;
  if (!runtime) cannotStart(`the build at ${buildFile} is out of date: run \`npm run build\``);

  let settings: ReturnType<ServerRuntime["checkSettings"]>;
  try {
    settings = runtime.checkSettings();
  } catch (error) {
    if (error instanceof runtime.SettingsError) cannotStart(error.message);
    throw error;
  }
  ensureSessionSecret(runtime);

  const databaseFile = path.resolve(runtime.databasePathSetting());
  let seeded: { added: number; total: number };
  try {
    seeded = runtime.prepareDatabase({
      writeWaitMs: settings.DATABASE_WRITE_WAIT_SECONDS * 1000,
      onUpdate: (message) => console.log(message),
    });
  } catch (error) {
    const code = sqliteCode(error);
    if (code?.startsWith("SQLITE_READONLY")) cannotStart(`the database file ${databaseFile} is read-only (${code})`);
    if (code?.startsWith("SQLITE_BUSY")) cannotStart(`the database file ${databaseFile} is locked by another process (${code}); try again`);
    if (code) cannotStart(`the database file ${databaseFile} cannot be opened or written (${code}: ${(error as Error).message})`);
    throw error;
  }

  // Work the server repeats on a timer: a failure is logged, and the next run tries again.
  const repeated = (failure: string, work: () => Promise<void>) => async (): Promise<void> => {
    try {
      await work();
    } catch (error) {
      console.error(`${failure} failed: ${(error as Error).message}`);
    }
  };

  const housekeeping = repeated("Housekeeping", async () => {
    const removed = await runtime.purgeExpiredRecords();
    if (removed.sessions || removed.signInFailures)
      console.log(`Housekeeping: removed ${removed.sessions} expired sessions and ${removed.signInFailures} old failed sign-ins`);
  });
  await housekeeping();

  // The counters' overdue class follows the day (docs/decisions/0037): moved to today at start, then checked hourly,
  // so after midnight the register's overdue counts read the counters alone again within the hour. Until then, or
  // if the move fails, they count the actions due in between from the rows: right, only a little slower.
  const moveOverdueCutoff = repeated("Moving the overdue counters to today", async () => {
    await runtime.moveOverdueCutoff();
  });
  await moveOverdueCutoff();

  const backupDir = runtime.backupDirSetting();
  const backup = repeated("Scheduled backup", async () => {
    const result = await runtime.backupDatabase({ dir: backupDir, keep: settings.BACKUP_KEEP, reason: "scheduled" });
    console.log(
      `Backup: ${result.file} (${result.bytes} bytes, ${result.milliseconds} ms${result.removed.length ? `; removed ${result.removed.join(", ")}` : ""})`,
    );
  });

  // The policy's text either side of the nonce, made again only when the sign-in provider's origins change.
  let cspFor: { targets: string; before: string; after: string } | undefined;
  const securityHeaders = (res: ServerResponse) => {
    const nonce = nextNonce();
    const targets = runtime.officeSignInFormActionOrigins();
    if (cspFor?.targets !== targets.join(" ")) {
      const [before, after] = contentSecurityPolicy("\0", targets).split("\0");
      cspFor = { targets: targets.join(" "), before, after };
    }
    res.setHeader("Content-Security-Policy", cspFor.before + nonce + cspFor.after);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Not "no-referrer": with it, browsers send `Origin: null` on same-origin form posts, which the
    // same-origin check below must refuse, so forms would fail without JavaScript.
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    return nonce;
  };

  let shuttingDown = false;
  const inFlight = new Set<ServerResponse>();
  const track = (res: ServerResponse) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    if (shuttingDown) res.setHeader("Connection", "close");
  };

  // The health check is answered before Express, routing, sessions and rendering: a probe every few seconds
  // should cost next to nothing (issue 13 asks under 1 ms of CPU). It carries the same security headers.
  const answerHealthCheck = (req: IncomingMessage, res: ServerResponse) => {
    track(res);
    securityHeaders(res);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    let body = '{"status":"ok"}';
    try {
      runtime.databaseAnswers();
    } catch {
      res.statusCode = 503;
      body = '{"status":"database unavailable"}';
    }
    res.end(req.method === "HEAD" ? undefined : body);
  };

  // Lazy route discovery: after every page load with JavaScript the browser asks which routes its links need. Answered
  // here, before Express (as the health check is), from the routes matched per path and remembered
  // (app/server/render-manifest.server.ts), as Remix answers it, with the same security headers, gzip when the
  // browser takes it. Another version of the app, a very long address, no paths, or an answer that fails are left to
  // Remix (false), which answers or reports them as it would.
  const answerRouteDiscovery = (req: IncomingMessage, res: ServerResponse): boolean => {
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const paths = query.getAll("p");
    if (query.get("version") !== build.assets.version || paths.length === 0 || (req.url ?? "").length > 6_000) return false;
    let json: Buffer;
    try {
      json = Buffer.from(JSON.stringify(runtime.discoveryPatches(build.assets, build.basename, paths)));
    } catch {
      return false;
    }
    track(res);
    securityHeaders(res);
    const gzip = json.length >= 1024 && acceptsGzip(req.headers["accept-encoding"]);
    const body = gzip ? gzipSync(json, { level: GZIP_LEVEL }) : json;
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Vary", "Accept-Encoding");
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };

  const handle = handlerPerRouteSet(build, process.env.NODE_ENV === "production" ? "production" : "development", runtime);
  const app = express();
  app.disable("x-powered-by");

  let requestCount = 0;
  app.use((req, res, next) => {
    track(res);
    res.locals.cspNonce = securityHeaders(res);
    requestIds.set(req, ++requestCount);
    next();
  });

  app.use(async (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (Number(req.get("content-length") || 0) > MAX_BODY_BYTES) return refuseTooLarge(req, res, handle);
    if (isCrossSite(req)) {
      try {
        await runtime.recordCrossSiteRefusal({
          method: req.method,
          requestPath: req.path,
          origin: req.get("origin") ?? req.get("sec-fetch-site"),
          ip: req.socket.remoteAddress ?? null,
        });
      } catch (error) {
        console.error(`Could not audit a refused cross-site request: ${(error as Error).message}`);
      }
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    next();
  });

  // Brotli or gzip, as the browser takes them, for what is not sent already compressed: data for navigations, CSV
  // and calendar downloads, printable summaries (Word files are zips already). Streams stay streams: each chunk is
  // compressed as it is written.
  app.use(compression({ level: GZIP_LEVEL, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } }));

  const assets = path.join(buildDir, "client/build");
  app.use("/build", sendPrecompressed(assets), express.static(assets, { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static(path.join(root, "public/assets"), { maxAge: "1d" }));

  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store"); // OFFICIAL-SENSITIVE pages must not linger in caches
    next();
  });

  app.all("*", remixHandler(handle));

  const server: Server = await new Promise((resolve, reject) => {
    const listening = createServer((req, res) => {
      // A monitor may add a query string (a cache-buster): the path alone decides.
      const isHealthCheck = req.url === "/healthz" || req.url?.startsWith("/healthz?");
      const isRead = req.method === "GET" || req.method === "HEAD";
      if (isHealthCheck && isRead) answerHealthCheck(req, res);
      else if (!(isRead && req.url?.startsWith("/__manifest?") && answerRouteDiscovery(req, res))) app(req, res);
    }).listen(settings.PORT, () => resolve(listening));
    listening.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? cannotStart(`PORT ${settings.PORT} is already in use by another program`) : reject(error),
    );
  });
  runtime.writeServerPidFile();

  const timers = [setInterval(housekeeping, HOUSEKEEPING_INTERVAL_MS), setInterval(moveOverdueCutoff, OVERDUE_CUTOFF_INTERVAL_MS)];
  if (settings.BACKUP_INTERVAL_HOURS) timers.push(setInterval(backup, settings.BACKUP_INTERVAL_HOURS * 60 * 60_000));
  for (const timer of timers) timer.unref();

  const base = `http://localhost:${settings.PORT}`;
  const lines = [
    `Stakeholder Engagement Tracker is running at ${base}`,
    `Database: ${databaseFile} (${seeded.total} organisations${seeded.added ? `, ${seeded.added} just loaded` : ""})`,
    settings.BACKUP_INTERVAL_HOURS
      ? `Backups: every ${settings.BACKUP_INTERVAL_HOURS} h into ${backupDir}, keeping the last ${settings.BACKUP_KEEP}`
      : "Backups: none scheduled (set BACKUP_INTERVAL_HOURS), or run `npm run db:backup`",
  ];
  const token = await runtime.issueSetupToken();
  if (token) {
    lines.push(
      "",
      "No account exists yet. Create the first admin account here (the link works once):",
      `  ${base}/setup?token=${token}`,
      "",
    );
  } else {
    lines.push(`Sign in at ${base}/login`);
  }
  const shutdownTimeoutMs = settings.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const stop = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const timer of timers) clearInterval(timer);
    console.log(
      `${signal}: taking no new requests; finishing ${inFlight.size} in progress (at most ${settings.SHUTDOWN_TIMEOUT_SECONDS} s)`,
    );
    // Responses still to be sent close their connection; idle keep-alive connections close now.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    server.on("request", (_req, res) => res.once("finish", () => server.closeIdleConnections()));
    for (const res of inFlight) res.once("finish", () => server.closeIdleConnections());
    const giveUp = setTimeout(() => {
      console.error(`Shutdown: ${inFlight.size} requests still running after ${settings.SHUTDOWN_TIMEOUT_SECONDS} s; closing them`);
      server.closeAllConnections();
    }, shutdownTimeoutMs);
    giveUp.unref();
    server.close(() => {
      clearTimeout(giveUp);
      try {
        runtime.checkpointAndClose();
        console.log("Stopped: the database was checkpointed and closed");
      } catch (error) {
        console.error(`Shutdown: closing the database failed: ${(error as Error).message}`);
      } finally {
        runtime.removeServerPidFile();
      }
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Only now say it is ready: a supervisor (or a test) may send SIGTERM the moment it reads this, and a signal that
  // arrives before its handler is in place ends the process without the checkpoint and close.
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
