// The action schemas for loaders and actions: Remix leaves a .server module out of the browser's build, so a route
// that parses with them on the server does not ship zod to the page (docs/decisions/0027).
export * from "./actions";
