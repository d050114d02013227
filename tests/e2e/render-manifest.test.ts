// The routes a page tells the browser about (Remix's lazy route discovery: the page's own and those its address's
// parents match, the rest fetched when a link needs them) are the same now that the server renders each page with
// only those routes (app/server/render-manifest.server.ts, decision 0036). The expected lists are what each page
// sent when the render was given every route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/e2e-accounts";
import { signInOverHttp, type HttpClient } from "../support/http-client";
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
