// Another process holding the database's write lock, as `npm run user:create` or the sqlite3 shell can: a Node
// process that begins an IMMEDIATE transaction and keeps it open until the test releases it (or stops it). The test
// decides when the lock goes, never a timer in that process: on a busy machine it may be slow to run.
import { spawn } from "node:child_process";
import { ROOT } from "./paths";

export type LockHolder = {
  /** Commits and closes, and resolves once the other process has let go of the lock. */
  release: () => Promise<void>;
  /** Ends the other process, lock and all (the operating system drops its locks). */
  stop: () => Promise<void>;
};

/** Resolves once the other process holds the write lock on `databaseFile`. */
export async function holdWriteLock(databaseFile: string): Promise<LockHolder> {
  const holder = spawn(
    process.execPath,
    [
      "-e",
      `const db = new (require("better-sqlite3"))(process.argv[1]);
       db.exec("BEGIN IMMEDIATE"); console.log("locked");
       process.stdin.once("data", () => { db.exec("COMMIT"); db.close(); console.log("released"); });`,
      databaseFile,
    ],
    { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      holder.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
      void exited.then(() => reject(new Error("the lock holder exited")));
    });
  const locked = await nextLine();
  if (locked !== "locked") throw new Error(`the lock holder said ${locked}`);
  return {
    release: async () => {
      const released = nextLine();
      holder.stdin!.end("commit\n");
      const said = await released;
      if (said !== "released") throw new Error(`the lock holder said ${said}`);
      await exited;
    },
    stop: async () => {
      if (holder.exitCode === null && holder.signalCode === null) holder.kill();
      await exited;
    },
  };
}
