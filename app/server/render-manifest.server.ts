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

let built: { routes: Manifest["routes"]; tree: RouteNode[]; staticSegments: Set<string>; deepest: number } | undefined;
// Route ids by address, remembered with each segment no route has as a fixed segment written as one placeholder
// (`addressKey`): /engagements/12/edit and /engagements/13/edit reach the same routes, as do /organisations/europol
// and /organisations/kent-police. Bounded: the oldest goes first.
const reachable = new Map<string, string[]>();
const matchedAt = new Map<string, string[]>();
const REMEMBERED = 1_000;

function remember(memory: Map<string, string[]>, key: string, ids: string[]) {
  if (memory.size >= REMEMBERED) memory.delete(memory.keys().next().value!);
  memory.set(key, ids);
}

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
  reachable.clear();
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

/** The ids of the routes each parent path of the address matches, as Remix's getPartialManifest finds them. */
function reachableRouteIds(routes: Manifest["routes"], pathname: string, basename: string): string[] {
  const { tree, staticSegments, deepest } = routeTree(routes);
  const segments = pathname.split("/").filter(Boolean);
  const key = addressKey(segments, staticSegments, basename);
  const known = key === undefined ? undefined : reachable.get(key);
  if (known) return known;
  const ids = new Set<string>();
  // The parent paths, "/" always among them; the address itself is matched by the request (renderManifest adds those).
  for (let n = Math.max(0, Math.min(segments.length - 1, deepest)); n >= 0; n--)
    for (const match of matchRoutes(tree, `/${segments.slice(0, n).join("/")}`, basename) ?? []) ids.add(match.route.id!);
  const found = [...ids];
  if (key !== undefined) remember(reachable, key, found);
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

/**
 * Remix's answer to the browser's `/__manifest?p=…` (lazy route discovery), worked out as Remix does: for each path
 * asked for and each of its parents (`/a`, `/a/b`, …), the routes that path matches, in that order. The matches are
 * remembered per path (`addressKey`), so a page's fifty links cost fifty lookups instead of a hundred matches against
 * every route. The version check and the length limit stay Remix's (server.ts leaves those requests to it).
 */
export function discoveryPatches(manifest: Manifest, basename: string | undefined, paths: string[]): Manifest["routes"] {
  const { tree, staticSegments, deepest } = routeTree(manifest.routes);
  const partialPaths = new Set<string>();
  for (const asked of paths) {
    const segments = (asked.startsWith("/") ? asked : `/${asked}`).split("/").slice(1);
    let partial = "";
    let filled = 0;
    for (const segment of segments) {
      // Deeper than the deepest route nothing matches (no route ends in a splat): neither matched nor remembered.
      if (segment && ++filled > deepest) break;
      partial += `/${segment}`;
      partialPaths.add(partial);
    }
  }
  const patches: Manifest["routes"] = {};
  for (const partial of partialPaths) {
    // Trailing slashes match as none would (a route's pattern ends in `/*`), so they are not part of the key.
    const key = addressKey(partial.replace(/\/+$/, "").split("/").slice(1), staticSegments, basename);
    let ids = key === undefined ? undefined : matchedAt.get(key);
    if (!ids) {
      ids = matchRoutes(tree, partial, basename)?.map((match) => match.route.id!) ?? [];
      if (key !== undefined) remember(matchedAt, key, ids);
    }
    for (const id of ids) patches[id] = manifest.routes[id];
  }
  return patches;
}
