// The audit trail's filter schema for its loader: Remix leaves a .server module out of the browser's build, so the page
// does not ship zod (docs/decisions/0027).
export * from "./audit-filters";
