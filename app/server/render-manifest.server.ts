// Remix's server render works on the whole route manifest (about ninety routes) for every page: it builds a route
// object for each, and the router flattens and ranks all of them again for each match it makes, the page's own and
// one for each parent path when it picks the routes to tell the browser about (lazy route discovery). A page can
// only reach the routes its address and that address's parents match, so the render is given only those: the same
// matches, the same routes sent to the browser, for a fraction of the work (docs/decisions/0036).
//
// The browser then asks for the routes its links need (`/__manifest?p=…`, up to about eighty paths a page, each
// path and each of its parents matched by Remix against all ninety routes: 5 to 25 ms of CPU a page). The server
// answers those from the same tree and the same remembered matches (`discoveryPatches`), as Remix would.
import type { EntryContext } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type Manifest = EntryContext["manifest"];
type RouteNode = Parameters<typeof matchRoutes>[0][number];

type RouteTree = { routes: Manifest["routes"]; tree: RouteNode[]; staticSegments: Set<string>; deepest: number };
let built: RouteTree | undefined;
// The route ids each path matches, remembered by `addressKey`: /engagements/12/edit and /engagements/13/edit match the
// same routes, as do /organisations/europol and /organisations/kent-police. Bounded: the oldest goes first. Both the
// render (its address's parents) and route discovery (the paths asked for and their parents) read it.
const matchedAt = new Map<string, string[]>();
const REMEMBERED = 1_000;

function routeTree(routes: Manifest["routes"]): RouteTree {
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
  // Fixed segments of any route, in lower case (a route matches them in any case unless it is case-sensitive).
  const staticSegments = new Set(
    Object.values(routes).flatMap((route) =>
      (route.path ?? "")
        .split("/")
        .filter((segment) => segment && !segment.startsWith(":") && segment !== "*")
        .map((segment) => segment.replace(/\?$/, "").toLowerCase()),
    ),
  );
  // No address with more segments than the longest route (none ends in a splat) can match: an address of thousands
  // of segments is not matched thousands of times.
  const segmentsOf = (id: string | undefined): number =>
    id ? (routes[id]?.path?.split("/").filter(Boolean).length ?? 0) + segmentsOf(routes[id]?.parentId) : 0;
  const splat = Object.values(routes).some((route) => route.path?.includes("*"));
  const deepest = splat ? Infinity : Math.max(0, ...Object.keys(routes).map(segmentsOf));
  built = { routes, tree: attach(children.get(undefined) ?? []), staticSegments, deepest };
  matchedAt.clear();
  return built;
}

/**
 * An address with each segment that only a route's parameter can match written as one placeholder: a plain word or
 * number (letters, digits, "-" and "_": nothing a URL decodes into something else) that is no route's fixed segment.
 * Two addresses with the same key match the same routes. Under a basename (this app has none) nothing is remembered.
 */
function addressKey(segments: string[], staticSegments: Set<string>, basename: string | undefined): string | undefined {
  if (basename && basename !== "/") return undefined;
  return segments.map((s) => (/^[\w-]+$/.test(s) && !staticSegments.has(s.toLowerCase()) ? "\0" : s)).join("/");
}

/** The ids of the routes a path matches (Remix's `matchRoutes` on the tree), remembered. */
function routeIdsAt({ tree, staticSegments }: RouteTree, path: string, basename: string | undefined): string[] {
  // Trailing slashes match as none would (a route's pattern ends in `/*`), so they are not part of the key.
  const key = addressKey(path.replace(/\/+$/, "").split("/").slice(1), staticSegments, basename);
  let ids = key === undefined ? undefined : matchedAt.get(key);
  if (!ids) {
    ids = matchRoutes(tree, path, basename)?.map((match) => match.route.id!) ?? [];
    if (key !== undefined) {
      if (matchedAt.size >= REMEMBERED) matchedAt.delete(matchedAt.keys().next().value!);
      matchedAt.set(key, ids);
    }
  }
  return ids;
}

/**
 * The routes a request for this address can need: those it matches (none: no route matches it, and the list is empty)
 * and those its parent paths match, whose routes its page tells the browser about. server.ts gives Remix, for each such
 * set, a build holding only those routes; with the routes the address matches among them, Remix matches it the same.
 */
export function routeIdsReachedFrom(routes: Manifest["routes"], pathname: string, basename: string | undefined): string[] {
  const matched = routeIdsAt(routeTree(routes), pathname, basename);
  return matched.length ? [...new Set([...matched, ...reachableRouteIds(routes, pathname, basename ?? "/")])] : [];
}

/** The ids of the routes each parent path of the address matches, as Remix's getPartialManifest finds them. */
function reachableRouteIds(routes: Manifest["routes"], pathname: string, basename: string): string[] {
  const tree = routeTree(routes);
  const segments = pathname.split("/").filter(Boolean);
  const ids = new Set<string>();
  // The parent paths, "/" always among them; the address itself is matched by the request (renderManifest adds those).
  for (let n = Math.max(0, Math.min(segments.length - 1, tree.deepest)); n >= 0; n--)
    for (const id of routeIdsAt(tree, `/${segments.slice(0, n).join("/")}`, basename)) ids.add(id);
  return [...ids];
}

/** The manifest this request's render needs: the routes it matched and those its address's parents match. */
export function renderManifest(context: EntryContext, url: URL): Manifest {
  const ids = new Set(reachableRouteIds(context.manifest.routes, url.pathname, context.staticHandlerContext.basename ?? "/"));
  for (const match of context.staticHandlerContext.matches) ids.add(match.route.id);
  const routes: Manifest["routes"] = {};
  for (const id of ids) if (context.manifest.routes[id]) routes[id] = context.manifest.routes[id];
  return { ...context.manifest, routes };
}

/**
 * Remix's answer to the browser's `/__manifest?p=…` (lazy route discovery), worked out as Remix does: for each path
 * asked for and each of its parents (`/a`, `/a/b`, …), the routes that path matches, in that order. The matches are
 * remembered per path (`addressKey`), so a page's fifty links cost fifty lookups instead of a hundred matches against
 * every route. The version check and the length limit stay Remix's (server.ts leaves those requests to it).
 */
export function discoveryPatches(manifest: Manifest, basename: string | undefined, paths: string[]): Manifest["routes"] {
  const tree = routeTree(manifest.routes);
  const partialPaths = new Set<string>();
  for (const asked of paths) {
    const segments = (asked.startsWith("/") ? asked : `/${asked}`).split("/").slice(1);
    let partial = "";
    let filled = 0;
    for (const segment of segments) {
      // Deeper than the deepest route nothing matches (no route ends in a splat): neither matched nor remembered.
      if (segment && ++filled > tree.deepest) break;
      partial += `/${segment}`;
      partialPaths.add(partial);
    }
  }
  const patches: Manifest["routes"] = {};
  for (const partial of partialPaths) for (const id of routeIdsAt(tree, partial, basename)) patches[id] = manifest.routes[id];
  return patches;
}
