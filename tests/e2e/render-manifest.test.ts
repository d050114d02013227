// The routes a page tells the browser about (Remix's lazy route discovery: the page's own and those its address's
// parents match, the rest fetched when a link needs them) are the same now that the server renders each page with
// only those routes (app/server/render-manifest.server.ts, decision 0036). The expected lists are what each page
// sent when the render was given every route. The routes the browser then asks for (`/__manifest`) are answered as
// Remix itself answers, whose own handler is run on the same build to compare.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/e2e-accounts";
import { signInOverHttp, type HttpClient } from "../support/http-client";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let officer: HttpClient;

beforeAll(async () => {
  server = await startServer();
  officer = await signInOverHttp(server, createAccount(server, "officer").email);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function routesSent(path: string): Promise<{ status: number; routes: string[] }> {
  const response = await officer.get(path);
  const html = await response.text();
  const manifest = /window\.__remixManifest = (\{[\s\S]*?\});/.exec(html);
  expect(manifest, `${path} sends a route manifest`).not.toBeNull();
  return { status: response.status, routes: Object.keys(JSON.parse(manifest![1]).routes).sort() };
}

describe("the routes each page tells the browser about", () => {
  it.each([
    ["/", 200, ["root", "routes/_index"]],
    ["/engagements/themes", 200, ["root", "routes/_index", "routes/engagements._index", "routes/engagements.themes"]],
    [
      "/organisations/national-crime-agency/edit",
      200,
      ["root", "routes/_index", "routes/organisations.$slug._index", "routes/organisations.$slug.edit", "routes/organisations._index"],
    ],
    ["/recommendations/reports", 200, ["root", "routes/_index", "routes/recommendations._index", "routes/recommendations.reports._index"]],
    ["/engagements/new?quick", 200, ["root", "routes/_index", "routes/engagements._index", "routes/engagements.new"]],
    ["/no/such/page", 404, ["root", "routes/_index"]],
    [`/${"deep/".repeat(400)}page`, 404, ["root", "routes/_index"]],
  ])("%s", async (path, status, routes) => {
    await expect(routesSent(path)).resolves.toEqual({ status, routes });
  });

  it("an engagement's edit form, twice (the second from what the first worked out), and another engagement's", async () => {
    for (const id of ["123456", "123456", "7"])
      expect(await routesSent(`/engagements/${id}/edit`), `engagement ${id}`).toEqual({
        status: 404,
        routes: [
          "root",
          "routes/_index",
          "routes/engagements.$engagementId._index",
          "routes/engagements.$engagementId.edit",
          "routes/engagements._index",
        ],
      });
  });
});

// What the browser asks for: each query is `p` paths as Remix's client sends them. Real links of the app's pages, ids
// and slugs (remembered per path: the second of each kind is answered from the first), fixed segments beside
// parameters (`/engagements/new`, `/engagements/themes`), other cases, encoded letters that decode to a fixed segment,
// empty and trailing segments, a path without its leading slash, and paths no route matches, the last ones alone.
const DISCOVERY_QUERIES: string[][] = [
  ["/engagements", "/engagements/new", "/actions", "/organisations", "/coverage", "/recommendations", "/reports", "/account"],
  ["/engagements/12", "/engagements/13/edit", "/engagements/14/history", "/engagements/15/print", "/engagements/themes"],
  ["/organisations/europol", "/organisations/kent-police/edit", "/organisations/new", "/organisations/europol/contacts/3/edit"],
  ["/organisations/national-crime-agency", "/organisations/nca/contacts/new", "/organisations/edit"],
  ["/actions/7", "/actions.csv", "/reports/summary.docx", "/reports/engagements.csv", "/recommendations/reports/4/import"],
  ["/recommendations/9/bodies/113", "/recommendations/reports/new", "/admin/users/2/second-factor", "/admin/audit"],
  ["/Engagements/NEW", "/ENGAGEMENTS/12/Edit", "/%65ngagements/12", "/engagements/%6Eew", "/organisations/kent%20police"],
  ["/engagements//12", "/engagements/12/", "//engagements", "engagements/5", "/", "/login/second-factor"],
  ["/engagements///", "////", "/organisations/europol//", "/engagements/12//edit", "/actions/7/"],
  ["/no/such/page", `/${"deep/".repeat(30)}page`, "/engagements/12/edit/more/still", "/auth/oidc/callback"],
  ["/engagements/12", "/organisations/europol", "/actions/7"],
  // Alone, so that nothing else asked for hides a wrong answer: a word no route has (after "%65ngagements" above).
  ["/nowhere"],
  ["/organisations/nowhere/edit"],
];

/** Remix's own answers to the same `/__manifest` requests, from its request handler on the server's build. */
function remixAnswers(queries: string[][]): { version: string; answers: { status: number; body: unknown }[] } {
  const script = `
    import { createRequestHandler } from "@remix-run/node";
    import { pathToFileURL } from "node:url";
    const build = await import(pathToFileURL("build/server/index.js").href);
    const handle = createRequestHandler(build, "production");
    const answers = [];
    for (const paths of JSON.parse(process.argv[1])) {
      const query = new URLSearchParams([...paths.map((p) => ["p", p]), ["version", build.assets.version]]);
      const response = await handle(new Request("http://localhost/__manifest?" + query));
      answers.push({ status: response.status, body: await response.json() });
    }
    console.log(JSON.stringify({ version: build.assets.version, answers }));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(queries)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  return JSON.parse(output);
}

describe("the routes the browser asks for as it finds links (/__manifest)", () => {
  it("are answered as Remix answers, path by path, including from what earlier requests worked out", async () => {
    const remix = remixAnswers(DISCOVERY_QUERIES);
    expect(remix.answers.every((answer) => answer.status === 200)).toBe(true);
    for (const [i, paths] of DISCOVERY_QUERIES.entries()) {
      const query = new URLSearchParams([...paths.map((p) => ["p", p]), ["version", remix.version]]);
      const response = await officer.get(`/__manifest?${query}`);
      expect(response.status, paths.join(" ")).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = await response.json();
      expect(Object.keys(body), paths.join(" ")).toEqual(Object.keys(remix.answers[i].body as object));
      expect(body, paths.join(" ")).toEqual(remix.answers[i].body);
    }
  });

  it("carry the security headers, are gzipped only for a client that takes gzip, and answer HEAD without a body", async () => {
    const { version } = remixAnswers([]);
    const query = new URLSearchParams([...DISCOVERY_QUERIES[0].map((p) => ["p", p]), ["version", version]]);
    const ask = (headers: Record<string, string>, method = "GET") =>
      fetch(`${server.baseUrl}/__manifest?${query}`, { method, headers: { Cookie: officer.cookie!, ...headers } });
    const gzipped = await ask({ "Accept-Encoding": "gzip, deflate" });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gzipped.headers.get("content-security-policy")).toMatch(/script-src[^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(gzipped.headers.get("x-content-type-options")).toBe("nosniff");
    expect(gzipped.headers.get("referrer-policy")).toBe("same-origin");
    const plain = await ask({ "Accept-Encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(await gzipped.json());
    for (const refused of ["gzip;q=0", "gzip;q=0, *", "br"])
      expect((await ask({ "Accept-Encoding": refused })).headers.get("content-encoding"), refused).toBeNull();
    expect((await ask({ "Accept-Encoding": "*" })).headers.get("content-encoding")).toBe("gzip");
    const head = await ask({ "Accept-Encoding": "identity" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(plain.headers.get("content-length"));
    expect(await head.text()).toBe("");
  });

  it("leaves another version, and a request without paths, to Remix", async () => {
    const stale = await officer.get("/__manifest?p=/engagements&version=not-this-one");
    expect(stale.status).toBe(204);
    expect(stale.headers.get("x-remix-reload-document")).toBe("true");
    const { version } = remixAnswers([]);
    expect((await officer.get(`/__manifest?version=${version}`)).status).toBe(400);
  });
});

describe("each request handled with a build of only the routes it can need (server.ts, decision 0036)", () => {
  it("matches every address as the whole build does: the same routes, with the same parameters", () => {
    // In the build's own modules and Remix's own matching: the routes server.ts gives Remix for an address (none:
    // the whole build), matched as Remix matches a request, against the same match in the whole build. The addresses:
    // each route's path with its parameters filled in two ways, with a trailing slash and in capitals, then the odd
    // paths of route discovery above and a few more.
    const script = `
      import { matchRoutes } from "@remix-run/react";
      import { pathToFileURL } from "node:url";
      const build = await import(pathToFileURL("build/server/index.js").href);
      const { routeIdsReachedFrom } = build.entry.module.runtime;
      const pathOf = (id) => { const r = build.routes[id]; return r ? [pathOf(r.parentId), r.path ?? ""].filter(Boolean).join("/") : ""; };
      const filled = Object.keys(build.routes).flatMap((id) =>
        ["12", "kent-police"].map((value) => ("/" + pathOf(id).replace(/:\\w+/g, value).replace(/\\?/g, "")).replace(/\\/+$/, "") || "/"));
      const addresses = [...new Set([...filled, ...filled.map((a) => a + "/"), ...filled.map((a) => a.toUpperCase()), ...JSON.parse(process.argv[1])])];
      const tree = (routes, parentId) =>
        Object.values(routes).filter((r) => r.parentId === parentId)
          .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: r.index ? undefined : tree(routes, r.id) }));
      const matched = (routes, address) => matchRoutes(tree(routes, undefined), address, build.basename)?.map((m) => [m.route.id, m.params, m.pathname]) ?? null;
      const results = addresses.map((address) => {
        const ids = new Set(routeIdsReachedFrom(build.assets.routes, address, build.basename));
        const some = Object.fromEntries(Object.entries(build.routes).filter(([id]) => ids.has(id)));
        return { address, whole: matched(build.routes, address), some: ids.size ? matched(some, address) : "the whole build" };
      });
      console.log(JSON.stringify(results));`;
    const odd = [...DISCOVERY_QUERIES.flat(), "/engagements/12/edit/more", "/%65ngagements/12/edit", "/engagements/%31%32"];
    const results: { address: string; whole: unknown; some: unknown }[] = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(odd)], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production" },
        encoding: "utf8",
      }),
    );
    expect(results.filter((r) => r.whole !== null).length).toBeGreaterThan(150);
    for (const { address, whole, some } of results) expect(some === "the whole build" ? whole : some, address).toEqual(whole);
  });
});
