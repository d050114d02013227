// Start the real server (`tsx server.ts`, as `npm start` does after building) on a
// free port with its own empty database, and read what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT, TMP } from "./paths";
import { mkdirSync } from "node:fs";

export type RunningServer = {
  baseUrl: string;
  setupUrl: string | null;
  databasePath: string;
  output: () => string;
  stop: () => Promise<void>;
};

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
export async function startServer(env: Record<string, string> = {}, opts: { databasePath?: string } = {}): Promise<RunningServer> {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, "e2e-"));
  const port = await freePort();
  const databasePath = opts.databasePath ?? path.join(dir, "tracker.db");
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "server.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, SESSION_SECRET: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (!output.includes("is running at")) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200)); // let the setup link print
  const match = output.match(/(http:\/\/localhost:\d+\/setup\?token=[\w-]+)/);
  return {
    baseUrl,
    setupUrl: match ? match[1] : null,
    databasePath,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
