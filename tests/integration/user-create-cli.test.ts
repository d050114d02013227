import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/connection";
import { TMP } from "../support/paths";
import { runScript } from "../support/scripts";

const file = path.join(TMP, `cli-${process.pid}.db`);

function userCreate(args: string[], password: string) {
  return runScript("user-create", args, { input: `${password}\n`, env: { ...process.env, DATABASE_PATH: file } });
}

afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});

describe("npm run user:create", () => {
  it("creates an account, reading the password from standard input", () => {
    const r = userCreate(["--email", "Officer@Example.org", "--name", "Olu Officer", "--role", "officer"], "a long enough passphrase");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Created officer account for officer@example.org");
    const database = openDatabase(file);
    const row = database.$client.prepare("SELECT email, role, password_hash FROM users").get() as Record<string, string>;
    database.$client.close();
    expect(row.email).toBe("officer@example.org");
    expect(row.password_hash).toMatch(/^scrypt\$/);
  });

  it("refuses a short password, an unknown role and a duplicate email, creating nothing", () => {
    expect(userCreate(["--email", "a@example.org", "--name", "A", "--role", "viewer"], "too short").stderr).toContain(
      "at least 12 characters",
    );
    expect(userCreate(["--email", "b@example.org", "--name", "B", "--role", "superuser"], "a long enough passphrase").stderr).toContain(
      "Role must be one of",
    );
    const dup = userCreate(["--email", "officer@example.org", "--name", "Again", "--role", "viewer"], "a long enough passphrase");
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain("already exists");
    const database = openDatabase(file);
    const n = (database.$client.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n;
    database.$client.close();
    expect(n).toBe(1);
  });
});
