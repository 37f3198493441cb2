/**
 * Vitest: unit tests (pure domain, fake sockets) and integration tests (real servers on port 0,
 * real SQLite files, real Postgres/Redis on 127.0.0.1). E2E lives in Playwright (tests/e2e).
 */
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Forks isolate native modules (better-sqlite3, argon2) per worker; 2 cores here.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
