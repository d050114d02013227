// Running it for years: settings checked at start, request bodies limited as they stream, a graceful
// shutdown, a write lock held by another process, backups taken while the app writes and restored.
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { strFromU8, unzipSync } from "fflate";
import { openDatabase } from "../../db/connection";
import { todayInUk } from "~/domain/dates";
import { fillBulkData } from "../support/bulk-data";
import { holdWriteLock } from "../support/lock-holder";
import { createAccount, E2E_PASSWORD } from "../support/e2e-accounts";
import { ROOT, TMP } from "../support/paths";
import { asUnprivilegedUser, startServer, startServerExpectingFailure, type RunningServer } from "../support/server";

const SECRET = "a-session-secret-of-at-least-32-characters";

function workDir(): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(path.join(TMP, "ops-"));
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDir() {
  const dir = workDir();
  dirs.push(dir);
  return dir;
}

/** The one line a refused start prints, with no stack trace. */
function expectOneClearLine(result: { code: number | null; output: string }, pattern: RegExp) {
  expect(result.code, result.output).toBe(1);
  const lines = result.output.trim().split("\n");
  expect(lines, result.output).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.output).not.toMatch(/^\s+at /m);
}

function runScript(name: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, "build/scripts", `${name}.js`), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

/** POSTs 50 MB to /login, stopping once answered; the answer's status (an error if the connection failed first). */
function postFiftyMegabytes(server: RunningServer, headers: Record<string, string>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = http.request({
      host: "127.0.0.1",
      port: Number(new URL(server.baseUrl).port),
      method: "POST",
      path: "/login",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode!);
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < 50 * 1024 * 1024) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (answered) request.destroy();
      else request.end();
    };
    pump();
  });
}

function rssKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(match![1]);
}

/** Connect to the port; resolves true when a connection is accepted, false when it is refused. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A cross-site POST: the server refuses it (403) and audits the refusal, a write through writeTransaction. */
async function crossSitePost(server: RunningServer, pathname: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}${pathname}`, { method: "POST", headers: { Origin: "https://elsewhere.example" } });
  await response.text();
  return response.status;
}

describe("settings checked at start", () => {
  it("a PORT that is not a number stops the start with one line naming it", async () => {
    expectOneClearLine(await startServerExpectingFailure({ PORT: "eighty", DATABASE_PATH: path.join(newDir(), "t.db") }), /PORT/);
  });

  it("a SESSION_SECRET shorter than 32 characters stops the start with one line naming it, and not showing it", async () => {
    const result = await startServerExpectingFailure({ SESSION_SECRET: "short-secret", DATABASE_PATH: path.join(newDir(), "t.db") });
    expectOneClearLine(result, /SESSION_SECRET must be at least 32 characters/);
    expect(result.output).not.toContain("short-secret");
  });

  it("a database folder that cannot be written stops the start with one line naming the setting and the folder", async () => {
    const dir = newDir();
    const locked = path.join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(dir, 0o755);
    const result = await startServerExpectingFailure(
      { SESSION_SECRET: SECRET, DATABASE_PATH: path.join(locked, "data", "tracker.db") },
      asUnprivilegedUser(),
    );
    expectOneClearLine(result, /DATABASE_PATH: the folder .*locked.* cannot be created or written/);
  });

  it("a read-only database file stops the start with one line naming the file", async () => {
    const dir = newDir();
    chmodSync(dir, 0o777);
    const file = path.join(dir, "tracker.db");
    new Database(file).close();
    chmodSync(file, 0o444);
    const result = await startServerExpectingFailure({ SESSION_SECRET: SECRET, DATABASE_PATH: file }, asUnprivilegedUser());
    expectOneClearLine(result, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is read-only`));
  });

  it("settings are read from .env in the folder it starts from, and checked the same way", async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, ".env"), `DATABASE_PATH=${path.join(dir, "t.db")}\nBACKUP_KEEP=none\n`);
    expectOneClearLine(await startServerExpectingFailure({}, { cwd: dir }), /BACKUP_KEEP must be a whole number/);
  });
});

describe("an upgrade", () => {
  it("a database of an earlier version is brought up to date at start, which says so first; a current one is not", async () => {
    const dir = newDir();
    // The database as the version before the last two migrations left it, with an engagement in it.
    const earlier = path.join(dir, "earlier-migrations");
    cpSync(path.join(ROOT, "migrations"), earlier, { recursive: true });
    const journalFile = path.join(earlier, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const left = journal.entries.slice(-2).map((entry) => entry.tag);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -2) }));
    const databasePath = path.join(dir, "tracker.db");
    const sqlite = new Database(databasePath);
    migrate(drizzle(sqlite), { migrationsFolder: earlier });
    sqlite
      .prepare(
        "INSERT INTO engagements (title, kind, status, date, marking, created_at, updated_at) VALUES ('Before the upgrade', 'meeting', 'held', '2026-06-01', 'OFFICIAL', '2026-06-01T10:00:00Z', '2026-06-01T10:00:00Z')",
      )
      .run();
    sqlite.close();

    const upgraded = await startServer({ SESSION_SECRET: SECRET }, { databasePath });
    const output = upgraded.output();
    expect(output).toContain(`Updating the database ${databasePath} to this version (2 changes)`);
    expect(output.indexOf("Updating the database")).toBeLessThan(output.indexOf("is running at"));
    expect(await upgraded.stop()).toBe(0);
    const after = new Database(databasePath, { readonly: true });
    expect((after.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n).toBe(journal.entries.length);
    after.close();
    expect(left).toHaveLength(2);

    const again = await startServer({ SESSION_SECRET: SECRET }, { databasePath });
    expect(again.output()).not.toContain("Updating the database");
    expect(await again.stop()).toBe(0);
  });
});

describe("the running server", () => {
  let server: RunningServer;
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a 50 MB chunked body to /login with 413 as it streams, its memory flat", async () => {
    // Saves wait at most 6 s for another process's lock: longer than the 3 s lock below, which a save must outlast,
    // and short enough that the test of a lock held too long is not 10 s of waiting.
    server = await startServer({ SESSION_SECRET: SECRET, DATABASE_WRITE_WAIT_SECONDS: "6" });
    // Warm up the sign-in page and action so that what follows measures the body, not first-use work.
    await fetch(`${server.baseUrl}/login`).then((r) => r.text());
    const before = rssKb(server.pid);
    expect(await postFiftyMegabytes(server, { "Transfer-Encoding": "chunked" })).toBe(413);
    const after = rssKb(server.pid);
    // Buffering the body would add 50 MB or more; streaming it through a counter adds next to nothing.
    expect(after - before, `RSS ${before} kB before, ${after} kB after`).toBeLessThan(20 * 1024);
    // And the server still answers.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers 413 to a body whose Content-Length is too large, and the sender reads the answer", async () => {
    // The server answers before reading the body. Closing the connection on the unread rest would reset it, and a
    // reset can reach the sender before the answer and erase it: a browser then shows "connection reset".
    for (let i = 0; i < 5; i++) expect(await postFiftyMegabytes(server, { "Content-Length": String(50 * 1024 * 1024) })).toBe(413);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it("keeps answering reads while another process holds the write lock for 3 s, and a write waits for it", async () => {
    // The test, not a timer in the other process, says when the lock is released: a starved process on a busy
    // machine must not decide what the test sees. The server waits 6 s for the lock (DATABASE_WRITE_WAIT_SECONDS).
    const holder = await holdWriteLock(server.databasePath);
    const lockedAt = Date.now();
    // A write through writeTransaction: the audit row of a refused cross-site post. It waits for the lock.
    let answeredAt: number | undefined;
    const write = crossSitePost(server, "/organisations/new?during-lock").then((status) => ((answeredAt = Date.now()), status));
    for (const pathname of ["/healthz", "/login", "/healthz"]) {
      const started = Date.now();
      const response = await fetch(`${server.baseUrl}${pathname}`);
      await response.text();
      expect(response.status).toBe(200);
      expect(Date.now() - started, `${pathname} during the lock`).toBeLessThan(1000);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lockedAt + 3000 - Date.now()))); // held 3 s in all
    expect(answeredAt, "the write answered while the lock was held").toBeUndefined();
    const releasedAt = Date.now();
    await holder.release();
    expect(await write).toBe(403); // it waited for the lock rather than failing
    expect(answeredAt!).toBeGreaterThanOrEqual(releasedAt);
    const check = new Database(server.databasePath, { readonly: true });
    const rows = check
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'denied' AND summary LIKE '%/organisations/new%'")
      .pluck()
      .get();
    check.close();
    expect(rows).toBe(1);
  });

  it("a save that cannot get the write lock in time gets a 503 'try again' page, never a stack trace", async () => {
    // Held until the answer comes (the sign-in's write, recording a failed attempt, waits 6 s after the
    // password check, which itself takes seconds at production cost), so that write gives up.
    const holder = await holdWriteLock(server.databasePath);
    const response = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=nobody%40example.org&password=a+long+enough+passphrase",
      redirect: "manual",
    });
    const html = await response.text();
    await holder.stop();
    expect(response.status).toBe(503);
    expect(html).toContain("Sorry, there is a problem with the service");
    expect(html).toMatch(/Try again/);
    expect(html).not.toMatch(/SqliteError|DatabaseBusyError|at .*\.js:\d+/);
  }, 60_000);

  it("on SIGTERM stops taking connections, closes idle keep-alive ones, finishes the request in progress, checkpoints and exits 0", async () => {
    const port = Number(new URL(server.baseUrl).port);
    // An idle keep-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idleClosed = new Promise<void>((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/healthz", agent }, (response) => response.resume());
      request.once("socket", (socket) => socket.once("close", () => resolve()));
    });
    await waitFor("the keep-alive connection to be idle", () => Object.keys(agent.freeSockets).length > 0);
    // A request in progress: a sign-in whose body is still arriving. With `Expect: 100-continue` the server
    // answers "100 Continue" as it takes the request, so the test knows it is in progress there.
    const inFlight = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/login",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Expect: "100-continue" },
    });
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      inFlight.on("response", (response) => {
        response.resume();
        response.once("end", () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
      });
      inFlight.on("error", reject);
    });
    answer.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    const taken = new Promise((resolve) => inFlight.once("continue", resolve));
    inFlight.flushHeaders();
    await taken;
    inFlight.write("email=nobody%40example.org&");

    process.kill(server.pid, "SIGTERM");
    await waitFor("the server to stop taking connections", async () => !(await accepts(port)));
    await idleClosed;
    inFlight.end("password=a+long+enough+passphrase");
    const { status, connection } = await answer;
    expect(status).toBe(400); // the sign-in was refused (no such account): the request was served in full
    expect(connection).toBe("close");

    const databasePath = server.databasePath;
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: taking no new requests; finishing 1 in progress/);
    expect(server.output()).toMatch(/Stopped: the database was checkpointed and closed/);
    // Checkpointed with TRUNCATE: nothing is left in the write-ahead log.
    const wal = `${databasePath}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    agent.destroy();
  });
});

describe("shutdown during a long export", () => {
  it("on SIGTERM lets a slow download of every engagement finish in full, then checkpoints and exits 0", async () => {
    const server = await startServer({ SESSION_SECRET: SECRET });
    try {
      createAccount(server, "manager", "manager@example.org", "Mo Manager");
      const database = openDatabase(server.databasePath);
      const { engagements } = fillBulkData(database, { engagements: 2000, today: "2026-11-30" });
      database.$client.close();
      const signIn = await fetch(`${server.baseUrl}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
        body: new URLSearchParams({ email: "manager@example.org", password: E2E_PASSWORD }),
      });
      const cookie = signIn.headers
        .getSetCookie()
        .find((c) => c.startsWith("tracker_session="))!
        .split(";")[0];
      const port = Number(new URL(server.baseUrl).port);

      // A reader that takes the first chunk and then stops reading: the export stays in progress, held back
      // by the full socket, until the reader resumes after the signal.
      const chunks: Buffer[] = [];
      let response!: http.IncomingMessage;
      await new Promise<void>((resolve, reject) => {
        http
          .get(
            { host: "127.0.0.1", port, path: "/reports/summary.docx?from=2000-01-01&to=2099-12-31", headers: { Cookie: cookie } },
            (res) => {
              response = res;
              res.once("data", (chunk: Buffer) => {
                chunks.push(chunk);
                res.pause();
                resolve();
              });
            },
          )
          .once("error", reject);
      });
      expect(response.statusCode).toBe(200);

      process.kill(server.pid, "SIGTERM");
      await waitFor("the server to stop taking connections", async () => !(await accepts(port)));
      const body = await new Promise<Buffer>((resolve, reject) => {
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("end", () => resolve(Buffer.concat(chunks)));
        response.once("error", reject);
        response.resume();
      });
      // The whole Word file arrived: a complete zip (a cut-off one has no central directory) whose document ends.
      const document = strFromU8(unzipSync(new Uint8Array(body))["word/document.xml"]);
      expect(document.trimEnd()).toMatch(/<\/w:document>$/);
      expect(document).toContain(`${engagements}`);

      const output = server.output();
      expect(await server.stop()).toBe(0);
      expect(output + server.output(), server.output()).toMatch(/SIGTERM: taking no new requests; finishing 1 in progress/);
      expect(server.output()).toMatch(/Stopped: the database was checkpointed and closed/);
    } finally {
      await server.stop();
    }
  });
});

describe("backups", () => {
  it("a backup taken while the app writes holds every write acknowledged before it began, and restores", async () => {
    const dir = newDir();
    const databasePath = path.join(dir, "tracker.db");
    const env = { DATABASE_PATH: databasePath, SESSION_SECRET: SECRET, BACKUP_DIR: path.join(dir, "backups") };
    const server = await startServer(env, { databasePath });
    try {
      // Writes through the server, one after another, each acknowledged by its response.
      const acknowledged: number[] = [];
      let writing = true;
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          expect(await crossSitePost(server, `/written-${n}`)).toBe(403);
          acknowledged.push(n);
        }
      })();
      await waitFor("some writes", () => acknowledged.length >= 20);
      const backupFile = path.join(dir, "copy.db");
      // The writes acknowledged when the backup starts, by count: a timestamp of the same millisecond as the start
      // would leave out a write that was acknowledged before it.
      const acknowledgedBeforeBackup = acknowledged.slice();
      const backup = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "build/scripts/db-backup.js"), "--to", backupFile], {
          cwd: ROOT,
          env: { ...process.env, ...env },
        });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.once("exit", (code) => resolve({ code, output }));
      });
      const countAtEnd = acknowledged.length;
      await waitFor("writes after the backup", () => acknowledged.length >= countAtEnd + 5);
      writing = false;
      await writer;
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toMatch(/Backed up .* to .*copy\.db \(\d+ bytes, integrity ok/);
      const before = acknowledgedBeforeBackup;
      expect(before.length).toBeGreaterThanOrEqual(20);

      // While the server runs on the database, restoring is refused.
      const refused = runScript("db-restore", [backupFile], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Restore refused: a server \(process \d+\) is running on/);

      expect(await server.stop()).toBe(0);
      const restored = runScript("db-restore", [backupFile], env);
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/Restored .*tracker\.db from .*copy\.db/);
      expect(restored.stdout).toMatch(/integrity ok; (\d+) of this version's \1 migrations applied/);
      const kept = restored.stdout.match(/the replaced database is kept at (\S+)/)![1];
      expect(existsSync(kept)).toBe(true);

      const check = new Database(databasePath, { readonly: true });
      const written = new Set(
        (check.prepare("SELECT entity_id FROM audit_events WHERE action = 'denied'").pluck().all() as string[]).map((p) =>
          Number(p.replace("/written-", "")),
        ),
      );
      const restoreAudit = check.prepare("SELECT summary FROM audit_events WHERE action = 'restore'").pluck().all();
      check.close();
      expect(before.filter((n) => !written.has(n))).toEqual([]);
      expect(restoreAudit).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it("a restore refuses a damaged file and a database from a newer version", async () => {
    const dir = newDir();
    const env = { DATABASE_PATH: path.join(dir, "tracker.db") };
    const damaged = path.join(dir, "damaged.db");
    writeFileSync(damaged, "this is not a database");
    const first = runScript("db-restore", [damaged], env);
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/^Restore refused: .*damaged\.db/);

    const newer = path.join(dir, "newer.db");
    const made = runScript("db-migrate", [], { DATABASE_PATH: newer });
    expect(made.status, made.stderr).toBe(0);
    const db = new Database(newer);
    db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)").run(Date.now() + 365 * 86_400_000);
    db.close();
    const second = runScript("db-restore", [newer], env);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/made by a newer version of the app/);
    expect(existsSync(env.DATABASE_PATH)).toBe(false);
  });

  it("the server backs up on a schedule, keeping the last BACKUP_KEEP, logged and audited; and on start purges expired sessions and moves the overdue counters to today", async () => {
    const dir = newDir();
    const databasePath = path.join(dir, "tracker.db");
    const backups = path.join(dir, "backups");
    // A database with an expired session, made before the server starts.
    expect(runScript("db-migrate", [], { DATABASE_PATH: databasePath }).status).toBe(0);
    const db = new Database(databasePath);
    const userId = db
      .prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('old@example.org', 'Old', 'viewer', 'x')")
      .run().lastInsertRowid;
    db.prepare(
      "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('stale', ?, '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z')",
    ).run(userId);
    // The day that splits the kept counts into due and overdue, as a server switched off since then left it.
    db.prepare("UPDATE outstanding_action_cutoff SET day = '2020-01-01'").run();
    db.close();

    const server = await startServer(
      { SESSION_SECRET: SECRET, BACKUP_DIR: backups, BACKUP_INTERVAL_HOURS: String(0.5 / 3600), BACKUP_KEEP: "2" },
      { databasePath },
    );
    try {
      expect(server.output()).toMatch(/Housekeeping: removed 1 expired sessions/);
      await waitFor("three scheduled backups", () => (server.output().match(/^Backup: /gm) ?? []).length >= 3);
      // Two self-contained files: no -wal, -shm or .partial left beside them.
      expect(readdirSync(backups).filter((f) => !/^tracker-\d{4}-\d{2}-\d{2}T[\d-]+Z\.db$/.test(f))).toEqual([]);
      expect(readdirSync(backups)).toHaveLength(2);
      const check = new Database(databasePath, { readonly: true });
      const audited = check.prepare("SELECT count(*) FROM audit_events WHERE action = 'backup'").pluck().get() as number;
      const sessions = check.prepare("SELECT count(*) FROM sessions").pluck().get();
      const cutoff = check.prepare("SELECT day FROM outstanding_action_cutoff").pluck().get();
      check.close();
      expect(cutoff).toBe(todayInUk());
      expect(audited).toBeGreaterThanOrEqual(3);
      expect(sessions).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
