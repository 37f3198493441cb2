/**
 * Test-only preload for servers started by `startServerProcess`: the spawning test keeps this
 * process's stdin open as a pipe, so when that test process dies (crash, timeout, killed worker)
 * the pipe reaches end-of-file and the server shuts down gracefully (SIGTERM) instead of running on
 * as an orphan. Not used by the app itself.
 */
process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
process.stdin.resume();
// Watching stdin must not keep the event loop alive on its own.
(process.stdin as unknown as { unref?: () => void }).unref?.();
