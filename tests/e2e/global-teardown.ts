/** Stops the server started by global-setup (if the setup's own teardown did not already). */
export default async function globalTeardown() {
  const server = (globalThis as { __rtServer?: { stop(): Promise<unknown> } }).__rtServer;
  await server?.stop();
}
