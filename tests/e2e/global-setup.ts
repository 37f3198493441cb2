/** Starts one Roundtable process for the e2e run and exposes its URLs to the specs via env. */
import { startServerProcess } from "../helpers/server-process";

export default async function globalSetup() {
  const server = await startServerProcess();
  process.env.E2E_BASE_URL = server.baseUrl;
  process.env.E2E_SETUP_URL = server.setupUrl ?? "";
  (globalThis as { __rtServer?: typeof server }).__rtServer = server;
  return async () => {
    await server.stop();
  };
}
