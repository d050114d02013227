import { matchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { cachingMatchRoutes } from "~/server/http-route-matching.server";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
/** matchRoutes itself, over this file's plain route objects. */
const original = matchRoutes as unknown as (
  routes: Route[],
  location: string | { pathname: string },
  basename?: string,
) => { params: Record<string, string | undefined>; route: Route }[] | null;

/** A route tree shaped like the app's: a root layout, index routes, params, a pathless layout and a splat. */
function tree(): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/engagements._index", path: "engagements", index: true },
        { id: "routes/engagements.$engagementId._index", path: "engagements/:engagementId", index: true },
        { id: "routes/engagements.$engagementId.edit", path: "engagements/:engagementId/edit" },
        { id: "routes/engagements.new", path: "engagements/new" },
        {
          id: "routes/recommendations",
          path: "recommendations",
          children: [
            { id: "routes/recommendations._index", index: true },
            { id: "routes/recommendations.$recommendationId.bodies.$organisationId", path: ":recommendationId/bodies/:organisationId" },
          ],
        },
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}

const addresses = [
  "/",
  "/engagements",
  "/engagements/",
  "/engagements/new",
  "/engagements/42",
  "/engagements/42/edit",
  "/recommendations",
  "/recommendations/7/bodies/3",
  "/recommendations/7/bodies/3/more",
  "/no/such/page",
  "/ENGAGEMENTS/42",
];

describe("route matches kept between requests", () => {
  it("answers exactly as matchRoutes does, for the same tree, a fresh copy of it and a different one, asked twice", () => {
    const kept = cachingMatchRoutes(original as never);
    const first = tree();
    const copy = tree();
    const other = tree();
    other[0].children!.splice(1, 1); // no engagements list: /engagements falls to the splat
    for (let round = 0; round < 2; round++) {
      for (const routes of [first, copy, other]) {
        for (const address of addresses) {
          const expected = original(routes, address);
          const actual = kept(routes, address);
          expect(actual, `${address} (round ${round})`).toEqual(expected);
          // The route objects are those of the tree passed in, not of the one the answer was first worked out for.
          actual?.forEach((m, i) => expect(m.route).toBe(expected![i].route));
        }
      }
    }
  });

  it("gives each caller its own params: changing them does not change the next answer", () => {
    const kept = cachingMatchRoutes(original as never);
    const routes = tree();
    const a = kept(routes, "/engagements/42")!;
    a[a.length - 1].params.engagementId = "changed";
    expect(kept(routes, "/engagements/42")!.at(-1)!.params).toEqual({ engagementId: "42" });
  });

  it("honours the basename and a location object", () => {
    const kept = cachingMatchRoutes(original as never);
    const routes = tree();
    expect(kept(routes, { pathname: "/app/engagements/5" }, "/app")).toEqual(original(routes, { pathname: "/app/engagements/5" }, "/app"));
    expect(kept(routes, "/engagements/5", "/app")).toEqual(original(routes, "/engagements/5", "/app"));
  });
});
