// Operations a person never sees but relies on: housekeeping, the real password cost outside tests,
// writes that wait for another process's lock without blocking.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databasePath, db, SERVER_BUSY_TIMEOUT_MS, setServerLockWaits, writeTransaction } from "~db/connection";
import { themes } from "~db/schema";
import { purgeExpiredRecords } from "~/models/housekeeping.server";
import { PRODUCTION_SCRYPT_N } from "~/models/password.server";
import { holdWriteLock } from "../support/lock-holder";
import { ROOT } from "../support/paths";

describe("housekeeping", () => {
  it("removes expired sessions and failed sign-ins older than a day, keeps the rest, and audits it", async () => {
    const sqlite = db().$client;
    const userId = Number(
      sqlite.prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('housekeeping@example.org', 'H', 'viewer', 'x')").run()
        .lastInsertRowid,
    );
    const now = new Date("2026-11-30T12:00:00Z");
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
    const session = sqlite.prepare("INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    session.run("expired", userId, at(-48), at(-2), at(-1));
    session.run("live", userId, at(-2), at(-0.1), at(+10));
    const failure = sqlite.prepare("INSERT INTO sign_in_failures (key, failed_at) VALUES (?, ?)");
    failure.run("email:old@example.org", at(-25));
    failure.run("email:recent@example.org", at(-1));

    expect(await purgeExpiredRecords({ now })).toEqual({
      sessions: 1,
      signInFailures: 1,
      createKeys: 0,
      knownAddresses: 0,
      expiredWorkingState: 0,
    });

    expect(sqlite.prepare("SELECT id FROM sessions WHERE user_id = ?").pluck().all(userId)).toEqual(["live"]);
    expect(sqlite.prepare("SELECT key FROM sign_in_failures").pluck().all()).toEqual(["email:recent@example.org"]);
    expect(sqlite.prepare("SELECT summary FROM audit_events WHERE action = 'housekeeping'").pluck().all()).toEqual([
      "Housekeeping removed 1 expired sessions and 1 old failed sign-ins",
    ]);
    expect(await purgeExpiredRecords({ now })).toEqual({
      sessions: 0,
      signInFailures: 0,
      createKeys: 0,
      knownAddresses: 0,
      expiredWorkingState: 0,
    });
  });

  it("removes half-finished sign-ins, passkey challenges and import drafts past their time, and keeps saved imports", async () => {
    const sqlite = db().$client;
    const userId = Number(
      sqlite.prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('working@example.org', 'W', 'officer', 'x')").run()
        .lastInsertRowid,
    );
    const now = new Date("2026-11-30T12:00:00Z");
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
    const pending = sqlite.prepare("INSERT INTO pending_sign_ins (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    pending.run("gone", userId, at(-1), at(-0.9));
    pending.run("waiting", userId, at(-0.01), at(+0.07));
    sqlite
      .prepare("INSERT INTO webauthn_challenges (user_id, purpose, challenge, expires_at) VALUES (?, 'register', 'c', ?)")
      .run(userId, at(-1));
    const draft = sqlite.prepare(
      "INSERT INTO imports (kind, status, file_name, owner_user_id, headers, rows, row_count, created_at, expires_at) VALUES ('contacts', ?, ?, ?, '[]', '[]', 0, ?, ?)",
    );
    draft.run("draft", "old draft.csv", userId, at(-30), at(-6));
    draft.run("draft", "fresh draft.csv", userId, at(-1), at(+23));
    draft.run("saved", "saved long ago.csv", userId, at(-30), at(-6));

    expect((await purgeExpiredRecords({ now })).expiredWorkingState).toBe(3);
    expect(sqlite.prepare("SELECT id FROM pending_sign_ins").pluck().all()).toEqual(["waiting"]);
    expect(sqlite.prepare("SELECT count(*) FROM webauthn_challenges").pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT file_name FROM imports ORDER BY id").pluck().all()).toEqual(["fresh draft.csv", "saved long ago.csv"]);
    expect(sqlite.prepare("SELECT summary FROM audit_events WHERE action = 'housekeeping' ORDER BY id DESC").pluck().get()).toContain(
      "3 expired pending sign-ins, passkey challenges and import drafts",
    );
  });
});

describe("the password cost", () => {
  it("is lowered only under NODE_ENV=test: any other NODE_ENV hashes with N=2^17, r=8, p=1", () => {
    const script = path.join(os.tmpdir(), `tracker-hash-${process.pid}.ts`);
    writeFileSync(
      script,
      `import { hashPassword } from ${JSON.stringify(path.join(ROOT, "app/models/password.server.ts"))};\n` +
        `hashPassword("a long enough passphrase").then((hash) => console.log(hash));\n`,
    );
    for (const nodeEnv of ["production", "development", ""]) {
      const env = { ...process.env, NODE_ENV: nodeEnv } as NodeJS.ProcessEnv;
      // tsx as a loader in this one process (its command line would start a second node process).
      const result = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      const [scheme, n, r, p] = result.stdout.trim().split("$");
      expect({ nodeEnv, scheme, n: Number(n), r: Number(r), p: Number(p) }).toEqual({ nodeEnv, scheme: "scrypt", n: 2 ** 17, r: 8, p: 1 });
    }
    rmSync(script, { force: true });
    expect(PRODUCTION_SCRYPT_N).toBe(2 ** 17);
  }, 120_000); // three processes each hashing at the full cost: about 10 s on a quiet machine, 40 s on a busy one
});

describe("a write while another process holds the write lock", () => {
  it("waits without blocking the process, then commits once the lock is released", async () => {
    // As the server does: statements wait 20 ms at most; writeTransaction waits asynchronously. The wait is long
    // here because the test, not a timer in the other process, decides when the lock is released: on a busy
    // machine that process may be slow to run, and the write must still wait for it, however long it takes.
    setServerLockWaits({ writeWaitMs: 60_000 });
    const holder = await holdWriteLock(databasePath());
    const started = Date.now();
    // The event loop keeps turning while the write waits: count timer ticks meanwhile.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    let committedAt: number | undefined;
    const write = writeTransaction((tx) =>
      tx.insert(themes).values({ name: "Written after the lock", createdAt: new Date().toISOString() }).run(),
    ).then((result) => ((committedAt = Date.now()), result));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(committedAt).toBeUndefined(); // still waiting for the lock
    await holder.release();
    const result = await write;
    clearInterval(ticker);
    expect(result.changes).toBe(1);
    expect(committedAt! - started).toBeGreaterThan(2000);
    expect(ticks).toBeGreaterThan(20); // about 60 in 3 s: the process was never blocked for long
    expect(db().$client.pragma("busy_timeout", { simple: true })).toBe(SERVER_BUSY_TIMEOUT_MS);
  });
});
