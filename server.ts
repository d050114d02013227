// The production server: Express in front of the Remix build, adding what
// Remix does not do itself (security headers with a CSP nonce, the same-origin
// check on writes, static files) and the start-up work (secret, migrations,
// reference data, the first-run setup link).
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { issueSetupToken } from "./app/models/auth.server";
import { recordAudit } from "./app/models/audit.server";
import { databasePathSetting, sessionSecretFile } from "./app/server/env.server";
import { db } from "./db/connection";
import { applyMigrations } from "./db/migrate";
import { seedReferenceOrganisations } from "./seeds/reference-organisations";

const port = Number(process.env.PORT || 3000);
const buildDir = path.resolve(process.env.BUILD_DIR || "build");
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function ensureSessionSecret() {
  if (process.env.SESSION_SECRET) return;
  const file = sessionSecretFile();
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
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

async function main() {
  ensureSessionSecret();
  const database = db();
  applyMigrations(database);
  // Gather query-planner statistics where they are missing or stale (cheap; SQLite's advice for a new connection).
  database.$client.pragma("optimize=0x10002");
  const seeded = seedReferenceOrganisations(database);
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce),
      "X-Content-Type-Options": "nosniff",
      // Not "no-referrer": with it, browsers send `Origin: null` on same-origin form posts, which the
      // same-origin check below must refuse, so forms would fail without JavaScript.
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
    // The client address for the audit trail and the sign-in throttle; never trust a caller's copy.
    req.headers["x-tracker-client-ip"] = req.socket.remoteAddress ?? "";
    next();
  });

  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (Number(req.get("content-length") || 0) > MAX_BODY_BYTES) {
      res.status(413).type("text/plain").send("The submission is too large.");
      return;
    }
    if (isCrossSite(req)) {
      recordAudit(database, {
        actor: null,
        action: "denied",
        entityType: "route",
        entityId: req.path,
        summary: `Cross-site ${req.method} ${req.path} refused (origin ${req.get("origin") ?? req.get("sec-fetch-site")})`,
        ip: req.socket.remoteAddress ?? null,
      });
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(buildDir, "client/build"), { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static("public/assets", { maxAge: "1d" }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store"); // OFFICIAL-SENSITIVE pages must not linger in caches
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );

  const server = app.listen(port, () => {
    const base = `http://localhost:${port}`;
    console.log(`Stakeholder Engagement Tracker is running at ${base}`);
    console.log(`Database: ${databasePathSetting()} (${seeded.total} organisations${seeded.added ? `, ${seeded.added} just loaded` : ""})`);
    const token = issueSetupToken();
    if (token) {
      console.log("");
      console.log("No account exists yet. Create the first admin account here (the link works once):");
      console.log(`  ${base}/setup?token=${token}`);
      console.log("");
    } else {
      console.log(`Sign in at ${base}/login`);
    }
  });

  const shutdown = () => {
    server.close(() => {
      database.$client.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
