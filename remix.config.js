// BUILD_DIR lets several builds (e.g. parallel test runs) live side by side.
const out = process.env.BUILD_DIR || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Route-private helpers sit beside their routes as __name.server.ts.
  ignoredRouteFiles: ["**/*.test.*", "**/.*", "**/__*"],
  serverModuleFormat: "esm",
  // Packages published as ES modules only, many small files each (drizzle-orm above all), are bundled into the
  // server build: Node resolved, read and linked each file on every start. About a sixth less CPU to start
  // (920 to 775 ms here), which the browser tests pay for each of their forty-odd servers. Nothing outside the
  // build imports them in the server's process, so there is still one copy of each. CommonJS packages stay out:
  // bundled into an ES module they cannot require Node's own modules.
  serverDependenciesToBundle: [/^drizzle-orm/, /^zod/, /^csv-/, /^otpauth/, /^fflate/],
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
