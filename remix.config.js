// BUILD_DIR lets several builds (e.g. parallel test runs) live side by side.
const out = process.env.BUILD_DIR || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Route-private helpers sit beside their routes as __name.server.ts.
  ignoredRouteFiles: ["**/*.test.*", "**/.*", "**/__*"],
  serverModuleFormat: "esm",
  serverBuildPath: `${out}/server/index.js`,
  assetsBuildDirectory: `${out}/client/build`,
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
