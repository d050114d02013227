// Remix's server render works on the whole route manifest (about ninety routes) for every page: it builds a route
// object for each, and the router flattens and ranks all of them again for each match it makes, the page's own and
// one for each parent path when it picks the routes to tell the browser about (lazy route discovery). A page can
// only reach the routes its address and that address's parents match, so the render is given only those: the same
// matches, the same routes sent to the browser, for a fraction of the work (docs/decisions/0036).
import type { EntryContext } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type Manifest = EntryContext["manifest"];
type RouteNode = Parameters<typeof matchRoutes>[0][number];

let built: { routes: Manifest["routes"]; tree: RouteNode[]; digitsAreParams: boolean; deepest: number } | undefined;
// Route ids by address, the addresses' all-digit segments (ids) written as ":n" where no route has such a segment
// of its own: /engagements/12/edit and /engagements/13/edit reach the same routes. Bounded: the oldest goes first.
const reachable = new Map<string, string[]>();
const REMEMBERED = 1_000;

function routeTree(routes: Manifest["routes"]) {
  if (built?.routes === routes) return built;
  const children = new Map<string | undefined, RouteNode[]>();
  for (const route of Object.values(routes)) {
    const siblings = children.get(route.parentId) ?? [];
    siblings.push(
      route.index
        ? { id: route.id, path: route.path, index: true, caseSensitive: route.caseSensitive }
        : { id: route.id, path: route.path, caseSensitive: route.caseSensitive },
    );
    children.set(route.parentId, siblings);
  }
  const attach = (nodes: RouteNode[]): RouteNode[] =>
    nodes.map((node) => {
      const below = children.get(node.id);
      return below?.length && !node.index ? { ...node, children: attach(below) } : node;
    });
  const digitsAreParams = !Object.values(routes).some((route) => route.path?.split("/").some((segment) => /^\d+$/.test(segment)));
  // No address with more segments than the longest route (none ends in a splat) can match: an address of thousands
  // of segments is not matched thousands of times.
  const segmentsOf = (id: string | undefined): number =>
    id ? (routes[id]?.path?.split("/").filter(Boolean).length ?? 0) + segmentsOf(routes[id]?.parentId) : 0;
  const splat = Object.values(routes).some((route) => route.path?.includes("*"));
  const deepest = splat ? Infinity : Math.max(0, ...Object.keys(routes).map(segmentsOf));
  built = { routes, tree: attach(children.get(undefined) ?? []), digitsAreParams, deepest };
  reachable.clear();
  return built;
}

/** The ids of the routes each parent path of the address matches, as Remix's getPartialManifest finds them. */
function reachableRouteIds(routes: Manifest["routes"], pathname: string, basename: string): string[] {
  const { tree, digitsAreParams, deepest } = routeTree(routes);
  const segments = pathname.split("/").filter(Boolean);
  const key = digitsAreParams ? segments.map((s) => (/^\d+$/.test(s) ? ":n" : s)).join("/") : segments.join("/");
  const known = reachable.get(key);
  if (known) return known;
  const ids = new Set<string>();
  // The parent paths, "/" always among them; the address itself is matched by the request (renderManifest adds those).
  for (let n = Math.max(0, Math.min(segments.length - 1, deepest)); n >= 0; n--)
    for (const match of matchRoutes(tree, `/${segments.slice(0, n).join("/")}`, basename) ?? []) ids.add(match.route.id!);
  const found = [...ids];
  if (reachable.size >= REMEMBERED) reachable.delete(reachable.keys().next().value!);
  reachable.set(key, found);
  return found;
}

/** The manifest this request's render needs: the routes it matched and those its address's parents match. */
export function renderManifest(context: EntryContext, url: URL): Manifest {
  const ids = new Set(reachableRouteIds(context.manifest.routes, url.pathname, context.staticHandlerContext.basename ?? "/"));
  for (const match of context.staticHandlerContext.matches) ids.add(match.route.id);
  const routes: Manifest["routes"] = {};
  for (const id of ids) if (context.manifest.routes[id]) routes[id] = context.manifest.routes[id];
  return { ...context.manifest, routes };
}
