// How the server entry and the command-line scripts are compiled for plain `node`: by scripts/build-server.js into
// build/, and by the tests into tmp/scripts (tests/support/scripts.ts). Packages stay in node_modules; `~/` and
// `~db/` are the app's own folders (tsconfig paths), bundled.
/** @type {import("esbuild").BuildOptions} */
export const NODE_BUILD_OPTIONS = {
  bundle: true,
  plugins: [
    {
      name: "packages-external",
      setup(build) {
        build.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  tsconfig: "tsconfig.json",
};
