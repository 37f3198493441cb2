/**
 * Remix v2, classic compiler (the user's choice; see docs/decisions/001-stack.md).
 * The server build is an ESM module imported by server/app.ts.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Browser code imports the shared zod schemas and Yjs; bundle them into the server build too.
  serverDependenciesToBundle: [/^y-/, /^@tiptap\//, /^lib0/],
  browserNodeBuiltinsPolyfill: { modules: { crypto: "empty" } },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
