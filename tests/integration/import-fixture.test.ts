// The realistic 200-row spreadsheet with ten deliberate problems (tests/fixtures/import): each problem shown at
// its line and cell, the same from the .xlsx and the .csv, and after the fixes every row saved.
import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createImportDraft, previewImport, rememberOrganisationAlias, saveImport } from "~/models/import/import.server";
import { createUser } from "~/models/user.server";
import { db } from "~db/connection";
import { actions, engagements } from "~db/schema";
import { organisationId } from "../support/fixtures";
import { ROOT } from "../support/paths";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(ROOT, "tests/fixtures/import", name)));
let actor: { id: number; email: string; role: "officer" };

beforeAll(async () => {
  const officer = await createUser({
    input: { email: "officer@example.org", name: "Test officer", role: "officer", password: "a long enough passphrase" },
    actor: null,
  });
  await createUser({
    input: { email: "manager@example.org", name: "Test manager", role: "manager", password: "a long enough passphrase" },
    actor: null,
  });
  actor = { id: officer.id, email: officer.email, role: "officer" };
});

describe("the 200-row spreadsheet with ten deliberate problems", () => {
  it.each(["engagements-200.xlsx", "engagements-200.csv"])("%s: every problem at its line and cell, nothing else", async (name) => {
    const draft = await createImportDraft({ bytes: fixture(name), fileName: name, kind: "engagements", actor });
    expect(draft.headers[0]).toBe("Date");
    expect(draft.notes).toEqual(["Line 1 above the headers ignored (a title)", "Line 73 is blank: left out"]);
    const plan = previewImport(draft);
    const problems = plan.rows.flatMap((r) => r.problems.map((p) => `${p.cell}: ${p.message}`));
    expect(problems).toEqual([
      "C13: Met Police is not an organisation we know: choose one below",
      expect.stringMatching(/^A28: 03\/31\/2024 looks like a US date/),
      expect.stringMatching(/^E43: Sherlock Holmes is not a member of staff/),
      "B89: Title is missing",
      "A104: 31/02/2024 is not a real date",
      "C119: Ministry of Magic is not an organisation we know: choose one below",
      expect.stringMatching(/^D134: Kind “Webinar” is not one of/),
    ]);
    expect(plan.rows.find((r) => r.line === 58)).toMatchObject({ outcome: "duplicate", says: "The same as line 57: left out" });
    expect(plan.unknownOrganisations.find((u) => u.text === "Met Police")!.suggestions[0].name).toBe("Metropolitan Police Service");
    expect(plan.counts).toEqual({ create: 192, skipped: 1, problems: 7 });
    // The formula's saved value, never evaluated.
    expect(plan.rows.find((r) => r.line === 10)!.engagement!.title).toBe("Quarterly review 8");
  });

  it("after the fixes, and Met Police chosen as the Metropolitan Police Service, saves every row", async () => {
    await rememberOrganisationAlias({ alias: "Met Police", organisationId: organisationId("metropolitan-police-service"), actor });
    const draft = await createImportDraft({
      bytes: fixture("engagements-200-fixed.xlsx"),
      fileName: "fixed.xlsx",
      kind: "engagements",
      actor,
    });
    expect(previewImport(draft).counts).toEqual({ create: 199, skipped: 1, problems: 0 });
    const before = db().select({ n: count() }).from(engagements).get()!.n;
    const { result } = await saveImport({ id: draft.id, actor });
    expect(result.created).toMatchObject({ engagements: 199, actions: 67 });
    expect(db().select({ n: count() }).from(engagements).get()!.n - before).toBe(199);
    expect(db().select({ n: count() }).from(actions).get()!.n).toBeGreaterThanOrEqual(67);
  });
});
