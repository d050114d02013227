// The pages the page benchmark times, and which route module answers each: shared by the benchmark and the
// bare server (tests/bench/bare-server.ts), which calls the same route's loader without Remix or React.

export type BenchPage = {
  label: string;
  /**
   * The path asked for; ENGAGEMENT_ID, ORGANISATION_SLUG, REPORT_ID, RECOMMENDATION_ID, TAKE_UP_BODY_ID, FROM and TO
   * are filled in from the database.
   */
  path: string;
};

export const BENCH_PAGES: BenchPage[] = [
  { label: "health check", path: "/healthz" },
  { label: "dashboard", path: "/" },
  { label: "actions register (everyone's)", path: "/actions?owner=all" },
  {
    label: "actions register (overdue NCA commitments)",
    path: "/actions?owner=all&due=overdue&kind=commitment&organisation=national-crime-agency",
  },
  // A due window with one filter or none beyond it: the views an officer's "overdue" and a manager's "overdue commitments" open.
  { label: "actions register (my overdue)", path: "/actions?owner=mine&due=overdue" },
  { label: "actions register (overdue commitments)", path: "/actions?owner=all&due=overdue&kind=commitment" },
  // A window ahead with one filter: the facets count the matching actions read once, the rows come in register order.
  { label: "actions register (my next 30 days)", path: "/actions?owner=mine&due=month" },
  { label: "actions register (the office's, no one named)", path: "/actions?owner=office" },
  { label: "actions register (text search)", path: "/actions?owner=all&q=letter" },
  { label: "police coverage", path: "/coverage" },
  { label: "police coverage (by engagements)", path: "/coverage?sort=engagements" },
  { label: "organisations", path: "/organisations" },
  { label: "an organisation", path: "/organisations/ORGANISATION_SLUG" },
  { label: "engagements search (common word)", path: "/engagements?q=police" },
  { label: "an engagement", path: "/engagements/ENGAGEMENT_ID" },
  { label: "an engagement's edit form", path: "/engagements/ENGAGEMENT_ID/edit" },
  { label: "recommendations", path: "/recommendations" },
  { label: "inspection reports", path: "/recommendations/reports" },
  { label: "a report's take-up grid", path: "/recommendations/reports/REPORT_ID" },
  { label: "a recommendation", path: "/recommendations/RECOMMENDATION_ID" },
  { label: "a body's take-up", path: "/recommendations/RECOMMENDATION_ID/bodies/TAKE_UP_BODY_ID" },
  { label: "report builder (a year)", path: "/reports?from=FROM&to=TO" },
];

/** Which route module answers a path, and its params (as Remix would match them). Null: not a page the bench asks for. */
export function routeFor(pathname: string): { module: string; params: Record<string, string> } | null {
  const table: [RegExp, string][] = [
    [/^\/$/, "_index"],
    [/^\/actions$/, "actions._index"],
    [/^\/coverage$/, "coverage"],
    [/^\/organisations$/, "organisations._index"],
    [/^\/organisations\/(?<slug>[^/]+)$/, "organisations.$slug._index"],
    [/^\/engagements$/, "engagements._index"],
    [/^\/engagements\/(?<engagementId>\d+)$/, "engagements.$engagementId._index"],
    [/^\/engagements\/(?<engagementId>\d+)\/edit$/, "engagements.$engagementId.edit"],
    [/^\/recommendations$/, "recommendations._index"],
    [/^\/recommendations\/reports$/, "recommendations.reports._index"],
    [/^\/recommendations\/reports\/(?<reportId>\d+)$/, "recommendations.reports.$reportId._index"],
    [/^\/recommendations\/(?<recommendationId>\d+)$/, "recommendations.$recommendationId._index"],
    [
      /^\/recommendations\/(?<recommendationId>\d+)\/bodies\/(?<organisationId>\d+)$/,
      "recommendations.$recommendationId.bodies.$organisationId",
    ],
    [/^\/reports$/, "reports._index"],
  ];
  for (const [pattern, module] of table) {
    const match = pattern.exec(pathname);
    if (match) return { module: `~/routes/${module}`, params: { ...match.groups } };
  }
  return null;
}
