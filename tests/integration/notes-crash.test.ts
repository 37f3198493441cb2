import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, expect, it } from "vitest";
import { connectClient, synced, waitFor, type TestClient } from "../helpers/notes-harness";
import { tempSqlitePath } from "../helpers/notes-sqlite";

const script = fileURLToPath(new URL("../helpers/notes-server-process.ts", import.meta.url));
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
const tmp = tempSqlitePath();
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  children.splice(0).forEach((c) => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"));
});
afterAll(() => tmp.cleanup());

/** Starts the notes server process on `file` and resolves with its port once it prints LISTENING. */
function startProcess(file: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, NOTES_DB_FILE: file },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once("exit", (code) => reject(new Error(`notes process exited early (${code})`)));
  });
}

it("keeps an edit that was relayed to a peer when the process is SIGKILLed right after", async () => {
  const first = await startProcess(tmp.file);
  const url = `ws://127.0.0.1:${first.port}/yjs`;
  const writer = connectClient(url, "session-crash", { as: "w" });
  const peer = connectClient(url, "session-crash", { as: "p" });
  clients.push(writer, peer);
  await Promise.all([synced(writer), synced(peer)]);
  const exited = new Promise((resolve) => first.child.once("exit", resolve));
  // Kill the server the moment the peer has the edit: no shutdown hook, no flush, no checkpoint.
  peer.doc.on("update", () => {
    if (peer.text() === "decided: norms first") first.child.kill("SIGKILL");
  });
  writer.doc.getText("t").insert(0, "decided: norms first");
  expect(await exited).toBeNull(); // exit code null: killed by a signal
  clients.splice(0).forEach((c) => c.destroy());

  const second = await startProcess(tmp.file);
  const reader = connectClient(`ws://127.0.0.1:${second.port}/yjs`, "session-crash", { as: "r" });
  clients.push(reader);
  await waitFor(() => reader.text() === "decided: norms first", "edit after restart", 10_000);
  const stopped = new Promise((resolve) => second.child.once("exit", resolve));
  second.child.kill("SIGTERM");
  expect(await stopped).toBe(0); // graceful shutdown path works too
}, 30_000);
