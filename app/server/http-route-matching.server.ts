// Remix matches the address against every route several times for each page it renders (the server runtime, its
// static handler, the React router and the route-discovery manifest each call @remix-run/router's matchRoutes),
// and each call ranks all ~85 routes afresh and compiles a regular expression per route it tries: about a tenth of
// a light page's CPU (issue 13). The answer depends only on the routes' shape and the address, so it is kept.
//
// matchRoutes is looked up on the module's exports at each call by the callers outside the router, so replacing
// it there serves them all; the router's own calls inside its static handler are untouched. Several callers pass
// a new copy of the route tree on each request: the cache is keyed by the tree's shape, not its identity, and each
// answer is rebuilt from the route objects passed in, so it is exactly what matchRoutes would have returned.
import { createRequire } from "node:module";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type MatchRoutes = (routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null;
/** A match as kept: where its route sits in the tree (an index at each level), not the route object. */
type Kept = { at: number[]; pathname: string; pathnameBase: string }[];
type Answer = { params: Record<string, string | undefined>; matches: Kept } | null;

/** Answers kept per route tree; the oldest go first beyond this many addresses. */
const ANSWERS_KEPT = 2000;

const shapeIds = new Map<string, number>();
const shapeOfTree = new WeakMap<Route[], number>();
const answers = new Map<number, Map<string, Answer>>();

/** A small number for the tree's shape: the id, path, index and case flags of every route, in order. */
function shapeOf(routes: Route[]): number {
  let shape = shapeOfTree.get(routes);
  if (shape === undefined) {
    const parts: string[] = [];
    const walk = (list: Route[]) => {
      for (const r of list) {
        parts.push(`${r.id ?? ""}\u0001${r.path ?? ""}\u0001${r.index ? 1 : 0}${r.caseSensitive ? 1 : 0}`);
        if (r.children?.length) {
          parts.push("(");
          walk(r.children);
          parts.push(")");
        }
      }
    };
    walk(routes);
    const key = parts.join("\u0002");
    shape = shapeIds.get(key);
    if (shape === undefined) shapeIds.set(key, (shape = shapeIds.size));
    shapeOfTree.set(routes, shape);
  }
  return shape;
}

/** The answer to keep, or undefined when it is not a plain walk down the tree (then it is not kept). */
function keep(routes: Route[], matches: Match[] | null): Answer | undefined {
  if (!matches) return null;
  let level: Route[] | undefined = routes;
  const at: number[] = [];
  const kept: Kept = [];
  for (const m of matches) {
    const i: number = level ? level.indexOf(m.route) : -1;
    if (i < 0) return undefined;
    at.push(i);
    kept.push({ at: [...at], pathname: m.pathname, pathnameBase: m.pathnameBase });
    level = m.route.children;
  }
  return { params: { ...(matches[matches.length - 1]?.params ?? {}) }, matches: kept };
}

function rebuild(routes: Route[], answer: NonNullable<Answer>): Match[] {
  // One params object shared by every match, as matchRoutes returns it.
  const params = { ...answer.params };
  return answer.matches.map((m) => {
    let route = routes[m.at[0]];
    for (let k = 1; k < m.at.length; k++) route = route.children![m.at[k]];
    return { params, pathname: m.pathname, pathnameBase: m.pathnameBase, route };
  });
}

export function cachingMatchRoutes(matchRoutes: MatchRoutes): MatchRoutes {
  return function matchRoutesKept(routes, location, basename = "/") {
    const address = typeof location === "string" ? location : location?.pathname;
    if (!Array.isArray(routes) || typeof address !== "string") return matchRoutes(routes, location, basename);
    const shape = shapeOf(routes);
    let kept = answers.get(shape);
    if (!kept) answers.set(shape, (kept = new Map()));
    const key = `${basename}\u0000${address}`;
    const answer = kept.get(key);
    if (answer !== undefined) return answer && rebuild(routes, answer);
    const matches = matchRoutes(routes, location, basename);
    const fresh = keep(routes, matches);
    if (fresh !== undefined) {
      kept.set(key, fresh);
      if (kept.size > ANSWERS_KEPT) kept.delete(kept.keys().next().value!);
    }
    return matches;
  };
}

let installed = false;

/** Replace @remix-run/router's matchRoutes with the caching one (once per process). */
export function keepRouteMatches(): void {
  if (installed) return;
  installed = true;
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = cachingMatchRoutes(router.matchRoutes);
}
