import path from "node:path";

// HUB_BUILD_DIR names a separate build (kept under .builds/, inside the project so the build can
// resolve node_modules), letting a test run and a dev server live side by side.
const buildDir = process.env.HUB_BUILD_DIR ? path.join(".builds", path.basename(process.env.HUB_BUILD_DIR)) : null;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverBuildPath: buildDir ? `${buildDir}/index.js` : "build/index.js",
  assetsBuildDirectory: buildDir ? `${buildDir}/assets` : "public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
