// The HTTP contract, checked against the real server (`tsx server.ts`, NODE_ENV=production)
// with plain fetch, as any client or scanner would see it.
import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, E2E_PASSWORD } from "../support/e2e-accounts";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let adminCookie: string;

function get(path: string, cookie?: string) {
  return fetch(`${server.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
}

/**
 * A GET with only the Accept-Encoding given (fetch would ask for compression itself and undo it), its body as sent:
 * what a client that accepts those encodings receives.
 */
function raw(path: string, acceptEncoding?: string) {
  return new Promise<{
    encoding: string | undefined;
    type: string | undefined;
    vary: string | undefined;
    length: string | undefined;
    body: Buffer;
  }>((resolve, reject) => {
    http
      .get(new URL(path, server.baseUrl), { headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("end", () =>
          resolve({
            encoding: response.headers["content-encoding"],
            type: response.headers["content-type"],
            vary: response.headers.vary,
            length: response.headers["content-length"],
            body: Buffer.concat(chunks),
          }),
        );
      })
      .once("error", reject);
  });
}

/** Read the server's database directly: what a refused request must not have written. */
function query<T>(sql: string, ...params: unknown[]): T {
  const database = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).get(...params) as T;
  } finally {
    database.close();
  }
}
const count = (sql: string, ...params: unknown[]) => query<{ n: number }>(sql, ...params).n;

function sessionCookieFrom(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("tracker_session="));
  return cookie ?? null;
}

beforeAll(async () => {
  server = await startServer();
  createAccount(server, "admin", "admin@example.org", "Ada Admin");
  const response = await post("/login", { email: "admin@example.org", password: E2E_PASSWORD }, { Origin: server.baseUrl });
  expect(response.status).toBe(302);
  adminCookie = sessionCookieFrom(response)!.split(";")[0];
});

afterAll(async () => {
  await server?.stop();
});

describe("security headers", () => {
  const paths = [
    ["a signed-in page", "/admin/users", true, 200],
    ["the sign-in page", "/login", false, 200],
    ["the health check", "/healthz", false, 200],
    ["a page that does not exist", "/no-such-page", true, 404],
    ["a signed-out redirect", "/organisations", false, 302],
    ["a static file", "/assets/images/favicon.ico", false, 200],
  ] as const;

  it.each(paths)("%s carries a nonce-based CSP, nosniff and a referrer policy", async (_label, path, signedIn, status) => {
    const response = await get(path, signedIn ? adminCookie : undefined);
    expect(response.status).toBe(status);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("script-src")).toEqual(expect.arrayContaining([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)]));
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    // "same-origin", not "no-referrer": under no-referrer browsers send `Origin: null` on same-origin form posts.
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("the nonce differs on every request and is the one on every script of the page", async () => {
    const nonces: string[] = [];
    for (const path of ["/login", "/login", "/admin/users"]) {
      const response = await get(path, path === "/login" ? undefined : adminCookie);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")![1];
      nonces.push(nonce);
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(3);
  });
});

describe("the same-origin check on writes", () => {
  it("a sign-in posted from another site is refused with 403, sets no session and is audited", async () => {
    const sessions = count("SELECT count(*) AS n FROM sessions");
    const response = await post("/login", { email: "admin@example.org", password: E2E_PASSWORD }, { Origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(sessionCookieFrom(response)).toBeNull();
    expect(count("SELECT count(*) AS n FROM sessions")).toBe(sessions);
    expect(
      count(
        "SELECT count(*) AS n FROM audit_events WHERE action = 'denied' AND summary LIKE 'Cross-site POST /login refused%evil.example%'",
      ),
    ).toBe(1);
  });

  it("a cross-site form post by a signed-in admin creates nothing", async () => {
    const users = count("SELECT count(*) AS n FROM users");
    const form = {
      name: "Planted Account",
      email: "planted@example.org",
      role: "admin",
      password: "a planted passphrase",
      confirmPassword: "a planted passphrase",
    };
    const attempts: Record<string, string>[] = [
      { Origin: "http://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of attempts) {
      const response = await post("/admin/users/new", form, { Cookie: adminCookie, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(count("SELECT count(*) AS n FROM users")).toBe(users);
    expect(count("SELECT count(*) AS n FROM users WHERE email = 'planted@example.org'")).toBe(0);
  });

  it("a cross-site sign-in marked only by Sec-Fetch-Site is refused too", async () => {
    const response = await post("/login", { email: "admin@example.org", password: E2E_PASSWORD }, { "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect(sessionCookieFrom(response)).toBeNull();
  });

  it("a same-origin sign-in works and its cookie is HttpOnly, SameSite=Lax and Secure", async () => {
    const sameOrigin: Record<string, string>[] = [{ Origin: server.baseUrl }, { "Sec-Fetch-Site": "same-origin" }];
    for (const headers of sameOrigin) {
      const response = await post("/login", { email: "admin@example.org", password: E2E_PASSWORD }, headers);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/");
      const cookie = sessionCookieFrom(response)!;
      expect(cookie).toBeTruthy();
      const attributes = cookie.split(";").map((a) => a.trim().toLowerCase());
      expect(attributes).toContain("httponly");
      expect(attributes).toContain("samesite=lax");
      expect(attributes).toContain("secure");
      expect(attributes).toContain("path=/");
      // The new session opens a page.
      expect((await get("/", cookie.split(";")[0])).status).toBe(200);
    }
  });

  it("a same-origin form post by an admin creates the account, and markup in the name is served inert", async () => {
    const hostile = `<script>alert("owned")</script><img src=x onerror=alert(1)>`;
    const response = await post(
      "/admin/users/new",
      {
        name: hostile,
        email: "inert@example.org",
        role: "viewer",
        password: "a long enough passphrase",
        confirmPassword: "a long enough passphrase",
      },
      { Cookie: adminCookie, Origin: server.baseUrl },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/admin\/users\/\d+$/);
    for (const path of ["/admin/users", response.headers.get("location")!]) {
      const html = await (await get(path, adminCookie)).text();
      expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
      expect(html).not.toContain('<script>alert("owned")');
      expect(html).not.toContain("<img src=x");
    }
  });
});

describe("signed out", () => {
  it("a page redirects to sign in, and the health check answers 200", async () => {
    const page = await get("/organisations");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?redirectTo=%2Forganisations");
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    // A monitor's cache-buster does not turn the health check into "Page not found".
    const busted = await get("/healthz?t=1733011200");
    expect(busted.status).toBe(200);
    expect(await busted.json()).toEqual({ status: "ok" });
  });

  it("an address no route matches is answered 404 without a stack trace in the server's log", async () => {
    const before = server.output().length;
    expect((await get("/no-such-page-at-all", adminCookie)).status).toBe(404);
    expect((await get("/wp-login.php")).status).toBe(404);
    expect((await get("/healthzz", adminCookie)).status).toBe(404);
    expect(server.output().slice(before)).not.toMatch(/No route matches|\n\s+at /);
  });

  it("an admin page redirects to sign in rather than revealing anything", async () => {
    for (const path of ["/admin/users", "/admin/users/1", "/admin/audit"]) {
      const response = await get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
  });
  it("pages, scripts and styles go out gzipped to a browser that accepts it, and plain to one that does not", async () => {
    const plain = await raw("/login");
    expect(plain.encoding).toBeUndefined();
    const html = plain.body.toString("utf8");
    expect(html).toContain("Sign in");
    // Below 1 KB compression does not pay, and the middleware leaves it plain: check the larger files. The
    // sign-in page is sent without the app's scripts, so the app's own bundles are taken from the build too.
    const appBundles = readdirSync(path.join(ROOT, "build/client/build"))
      .filter((name) => name.endsWith(".js"))
      .map((name) => `/build/${name}`);
    const scripts = [...[...html.matchAll(/(?:href|src)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]), ...appBundles];
    const style = html.match(/href="([^"]+\.css)"/)![1];
    let compressedScripts = 0;
    for (const path of ["/login", style, ...scripts]) {
      const zipped = await raw(path, "gzip, deflate");
      const size = (await raw(path)).body.length;
      if (size < 1024) continue;
      expect(zipped.encoding, path).toBe("gzip");
      const unzipped = gunzipSync(zipped.body);
      expect(unzipped.length, path).toBe(size);
      expect(zipped.body.length, path).toBeLessThan(size / 2);
      if (path === "/login") expect(unzipped.toString("utf8")).toContain("Sign in");
      if (path.endsWith(".js")) compressedScripts += 1;
    }
    expect(compressedScripts).toBeGreaterThan(0);
  });

  it("a page goes out compressed whole, with its length: brotli where the browser offers it, else gzip, else plain", async () => {
    const plain = await raw("/login");
    expect([plain.encoding, plain.length], "plain").toEqual([undefined, String(plain.body.length)]);
    for (const [acceptEncoding, encoding, decompress] of [
      ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
      ["gzip, deflate", "gzip", gunzipSync],
    ] as const) {
      const page = await raw("/login", acceptEncoding);
      expect([page.encoding, page.vary, page.length], acceptEncoding).toEqual([encoding, "Accept-Encoding", String(page.body.length)]);
      const html = decompress(page.body);
      expect(html.length, acceptEncoding).toBe(plain.body.length); // the same page but for its nonces
      expect(html.toString("utf8"), acceptEncoding).toContain("Sign in");
    }
  });

  it("the build's scripts and styles go out as the build compressed them: brotli where accepted, else gzip, else plain", async () => {
    const built = path.join(ROOT, "build/client/build");
    const files = readdirSync(built, { recursive: true, encoding: "utf8" }).filter((name) => /\.(js|css)$/.test(name));
    const samples = [files.find((name) => name.endsWith(".css"))!, files.find((name) => name.startsWith("root-"))!];
    for (const name of samples) {
      const url = `/build/${name.split(path.sep).join("/")}`;
      const file = readFileSync(path.join(built, name));
      const type = name.endsWith(".css") ? /^text\/css/ : /^(application|text)\/javascript/;
      // A browser over HTTPS offers brotli after gzip: brotli still wins, and the bytes are the stored copy's.
      const br = await raw(url, "gzip, deflate, br, zstd");
      expect([br.encoding, br.vary], url).toEqual(["br", "Accept-Encoding"]);
      expect(br.type, url).toMatch(type);
      expect(br.body.equals(readFileSync(path.join(built, `${name}.br`))), url).toBe(true);
      expect(brotliDecompressSync(br.body).equals(file), url).toBe(true);
      const gz = await raw(url, "gzip, deflate");
      expect(gz.encoding, url).toBe("gzip");
      expect(gz.type, url).toMatch(type);
      expect(gz.body.equals(readFileSync(path.join(built, `${name}.gz`))), url).toBe(true);
      expect(gunzipSync(gz.body).equals(file), url).toBe(true);
      for (const refused of [undefined, "identity", "br;q=0, gzip;q=0"]) {
        const plain = await raw(url, refused);
        expect(plain.encoding, `${url} ${refused}`).toBeUndefined();
        expect(plain.type, url).toMatch(type);
        expect(plain.body.equals(file), url).toBe(true);
      }
    }
  });
});
