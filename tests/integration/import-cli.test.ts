// npm run import: the same checks and report as the pages, from the command line.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/models/user.server";
import { db } from "~db/connection";
import { engagements, imports } from "~db/schema";
import { TMP } from "../support/paths";
import { runScript } from "../support/scripts";

function importCli(args: string[]) {
  return runScript("import", args, { env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH } });
}
const counted = () => ({
  engagements: db().select({ n: count() }).from(engagements).get()!.n,
  imports: db().select({ n: count() }).from(imports).get()!.n,
});

/** The files this test writes, removed after it. */
let files: string;

beforeAll(async () => {
  files = mkdtempSync(path.join(TMP, "import-cli-"));
  await createUser({
    input: { email: "officer@example.org", name: "Test officer", role: "officer", password: "a long enough passphrase" },
    actor: null,
  });
  await createUser({
    input: { email: "manager@example.org", name: "Test manager", role: "manager", password: "a long enough passphrase" },
    actor: null,
  });
});

afterAll(() => rmSync(files, { recursive: true, force: true }));

describe("npm run import", () => {
  it("--dry-run prints every problem at its line and cell and saves nothing", { timeout: 90_000 }, () => {
    const before = counted();
    const r = importCli([
      "tests/fixtures/import/engagements-200.xlsx",
      "--kind",
      "engagements",
      "--as",
      "officer@example.org",
      "--dry-run",
    ]);
    expect(r.stdout).toContain("engagements-200.xlsx: 192 rows to import, 7 with problems, 1 left out");
    expect(r.stdout).toContain("Line 28, cell A28 (Date): 03/31/2024 looks like a US date");
    expect(r.stdout).toContain("Line 58: The same as line 57: left out");
    expect(r.stdout).toContain("“Met Police” might be: Metropolitan Police Service");
    expect(r.stdout).toContain("Dry run: nothing was saved.");
    expect(r.status).toBe(2);
    expect(counted()).toEqual(before);
  });

  it("saves a file without problems in one go, and refuses one with problems, saving nothing", { timeout: 90_000 }, () => {
    const good = path.join(files, "good.csv");
    writeFileSync(
      good,
      "Date,Title,Organisations,Lead officer\n31/03/2024,CLI review,NCA,Test officer\n01/04/2024,CLI call,Europol; Border Force,officer@example.org\n",
    );
    const before = counted();
    const r = importCli([good, "--kind", "engagements", "--as", "officer@example.org"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Saved as import \d+: 2 engagements created, 0 rows left out/);
    expect(counted().engagements).toBe(before.engagements + 2);
    const refused = importCli(["tests/fixtures/import/engagements-200.csv", "--kind", "engagements", "--as", "officer@example.org"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Nothing was saved: 7 rows have problems");
    expect(counted().engagements).toBe(before.engagements + 2);
  });

  it("a malformed file, an unknown person or a missing kind: a clear message", { timeout: 90_000 }, () => {
    const empty = path.join(files, "empty.csv");
    writeFileSync(empty, "");
    expect(importCli([empty, "--kind", "engagements", "--as", "officer@example.org"]).stderr).toContain("The file is empty");
    expect(importCli([empty, "--kind", "engagements", "--as", "nobody@example.org"]).stderr).toContain("not an active officer");
    expect(importCli([empty, "--as", "officer@example.org"]).stderr).toContain("Usage: npm run import");
  });
});
