// Start the real server (`node build/server.js`, as `npm start` does; `npm test` builds first) on a
// free port with its own empty database, and read what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT, TMP } from "./paths";

export type RunningServer = {
  baseUrl: string;
  setupUrl: string | null;
  databasePath: string;
  /** The server's process id (its memory can be read from /proc/PID/status). */
  pid: number;
  output: () => string;
  /** Send SIGTERM and wait for the exit; resolves to the exit code. */
  stop: () => Promise<number | null>;
};

/** The server's compiled entry, made by `npm run build`. */
export const SERVER_ENTRY = path.join(ROOT, "build/server.js");

// A test's server lives for one file's few hundred requests: V8's optimising compiler works for code it will hardly
// run again. Without it, a start and 60 pages cost about a tenth less CPU (docs/decisions/0023). The pages served are
// the same. Only under vitest: the benchmarks, which start servers here too, measure the server as production runs it.
const SHORT_LIVED = process.env.VITEST ? ["--no-opt"] : [];

/** What the server prints last once it is ready: the setup link, or where to sign in. */
const READY = /(http:\/\/localhost:\d+\/setup\?token=[\w-]+)\n|Sign in at \S+\n/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * `opts.databasePath`: serve an existing database (filled beforehand, e.g. by `npm run seed:demo`)
 * instead of a new empty one; it is left in place when the server stops.
 */
export async function startServer(
  env: Record<string, string> = {},
  opts: { databasePath?: string; uid?: number; gid?: number } = {},
): Promise<RunningServer> {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, "e2e-"));
  const port = await freePort();
  const databasePath = opts.databasePath ?? path.join(dir, "tracker.db");
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [...SHORT_LIVED, SERVER_ENTRY], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, SESSION_SECRET: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    uid: opts.uid,
    gid: opts.gid,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  let exited: (() => void) | undefined;
  const exit = new Promise<void>((resolve) => (exited = resolve));
  child.once("exit", () => exited?.());
  // Wait for the line the server prints last when it is ready (or for it to exit): no fixed sleeps.
  while (!READY.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        child.stdout!.off("data", done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      child.stdout!.once("data", done);
      void exit.then(done);
    });
  }
  const match = output.match(/(http:\/\/localhost:\d+\/setup\?token=[\w-]+)/);
  return {
    baseUrl,
    setupUrl: match ? match[1] : null,
    databasePath,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

/** Start the server expecting it to refuse to start; resolves to its exit code and what it printed. */
export async function startServerExpectingFailure(
  env: Record<string, string>,
  opts: { uid?: number; gid?: number; cwd?: string } = {},
): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...SHORT_LIVED, SERVER_ENTRY], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), SESSION_SECRET: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    uid: opts.uid,
    gid: opts.gid,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

/** Run the server as another user when the tests run as root (root may write any file, so read-only tests need it). */
export function asUnprivilegedUser(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}
