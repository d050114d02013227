// One rule for who may change an action (docs/decisions/0012), tried against the real server the way a second
// officer would walk round it: every path that can change, close, reassign, re-date or delete another
// officer's action, posted as forms. Each is refused, leaves exactly its refusal in the audit trail and writes
// nothing else; the people the rule allows still can.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { dateFields, flattenFormValues, signInOverHttp, type FormBody, type HttpClient } from "../support/http-client";
import { closeDatabaseReaders, databaseContents, expectRefusalAudited } from "../support/refusals";
import { startServer, type RunningServer } from "../support/server";

const EDIT_ROUTE = "routes/engagements.$engagementId.edit";
const NEW_ROUTE = "routes/engagements.new";

let server: RunningServer;
let lead: HttpClient;
let other: HttpClient;
let manager: HttpClient;
const ids = { lead: 0, other: 0, manager: 0, nca: 0 };

function read<T>(sql: string, ...params: unknown[]): T {
  const database = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).get(...params) as T;
  } finally {
    database.close();
  }
}
const userId = (email: string) => read<{ id: number }>("SELECT id FROM users WHERE email = ?", email).id;
const action = (id: number) =>
  read<{ id: number; version: number; description: string; status: string; owner_user_id: number | null; due_date: string | null }>(
    "SELECT * FROM actions WHERE id = ?",
    id,
  );

/** Lee (an officer) records a meeting they lead: a commitment and two follow-ups, all Lee's. */
async function leesEngagement(title: string) {
  const response = await lead.post("/engagements/new", {
    intent: "save",
    title,
    kind: "meeting",
    status: "held",
    ...dateFields("date", "2026-11-02"),
    "organisations.0.organisationId": String(ids.nca),
    leadUserId: String(ids.lead),
    marking: "OFFICIAL",
    "commitments.0.description": "Send the referral figures",
    "commitments.0.ownerType": "office",
    "commitments.0.ownerUserId": String(ids.lead),
    ...dateFields("commitments.0.dueDate", "2026-12-15"),
    "followUps.0.description": "Arrange the next meeting",
    "followUps.0.ownerUserId": String(ids.lead),
    ...dateFields("followUps.0.dueDate", "2027-01-31"),
    "followUps.1.description": "Write to the chief constable",
    "followUps.1.ownerUserId": String(ids.lead),
  });
  expect(response.status, await response.clone().text()).toBe(302);
  const engagementId = Number(response.headers.get("Location")!.split("/").pop());
  const actionIds = (
    new Database(server.databasePath, { readonly: true })
      .prepare("SELECT id FROM actions WHERE engagement_id = ? ORDER BY kind, position")
      .pluck()
      .all(engagementId) as number[]
  ).sort((a, b) => a - b);
  const [commitment, followUp, secondFollowUp] = actionIds;
  return { engagementId, commitment, followUp, secondFollowUp };
}

/** The edit form as `who` loads it, posted back with `change` applied to its values. */
async function editForm(who: HttpClient, engagementId: number, change: (values: FormBody) => void = () => {}): Promise<FormBody> {
  const data = await who.loaderData(`/engagements/${engagementId}/edit`, EDIT_ROUTE);
  const values = flattenFormValues(data.initial, {
    intent: "save",
    loadedActions: Object.entries(data.loadedActions as Record<string, number>)
      .map(([id, version]) => `${id}:${version}`)
      .join(","),
    baseline: JSON.stringify(data.baseline),
  });
  change(values);
  return values;
}

beforeAll(async () => {
  server = await startServer();
  createAccount(server, "officer", "lee@example.org", "Lee Lead");
  createAccount(server, "officer", "olu@example.org", "Olu Other");
  createAccount(server, "manager", "mo@example.org", "Mo Manager");
  ids.lead = userId("lee@example.org");
  ids.other = userId("olu@example.org");
  ids.manager = userId("mo@example.org");
  ids.nca = read<{ id: number }>("SELECT id FROM organisations WHERE slug = 'national-crime-agency'").id;
  lead = await signInOverHttp(server, "lee@example.org");
  other = await signInOverHttp(server, "olu@example.org");
  manager = await signInOverHttp(server, "mo@example.org");
});

afterAll(async () => {
  closeDatabaseReaders();
  await server?.stop();
});

describe("an officer who neither owns an action nor leads or recorded its engagement", () => {
  let e: Awaited<ReturnType<typeof leesEngagement>>;
  beforeAll(async () => {
    e = await leesEngagement("Meeting with the NCA modern slavery unit");
  });

  const refused = (run: () => Promise<Response>, status: number, events = 1) =>
    expectRefusalAudited({ databasePath: server.databasePath, run, status, actorUserId: ids.other, events });

  it("cannot close it on its own page (403)", async () => {
    const { version } = action(e.commitment);
    const { body, refusals } = await refused(
      () => other.post(`/actions/${e.commitment}`, { intent: "done", version: String(version), closingNote: "Done, says Olu" }),
      403,
    );
    expect(refusals[0]).toMatchObject({ entity_type: "action", entity_id: String(e.commitment) });
    // The page says which rule refused it, and that the attempt was recorded (it was: above).
    expect(body).toContain(
      "You may only change your own actions and those of engagements you lead or recorded. The attempt has been recorded.",
    );
  });

  it("cannot close, re-date or reassign it in a bulk change: the row is named back, and its refusal recorded", async () => {
    const c = action(e.commitment);
    const f = action(e.followUp);
    const { body, refusals } = await refused(
      () =>
        other.post("/actions", {
          selected: [`${c.id}:${c.version}`, `${f.id}:${f.version}`],
          bulkIntent: "due_date",
          ...dateFields("bulkDueDate", "2027-03-01"),
        }),
      200,
      2,
    );
    expect(body).toContain("not changed because you may only change your own actions");
    expect(body).toContain("Send the referral figures");
    expect(refusals.map((r) => r.entity_id)).toEqual([String(c.id), String(f.id)]);
  });

  it("cannot reword, reassign or re-date it through the engagement's edit form: refused at the field", async () => {
    const changes: [string, (v: FormBody) => void, string][] = [
      ["reword", (v) => (v["commitments.0.description"] = "Olu's wording"), "commitments.0.description"],
      ["reassign", (v) => (v["commitments.0.ownerUserId"] = String(ids.other)), "commitments.0.ownerUserId"],
      ["hand to the stakeholder", (v) => (v["commitments.0.ownerType"] = "stakeholder"), "commitments.0.ownerType"],
      ["re-date", (v) => Object.assign(v, dateFields("followUps.0.dueDate", "2027-06-30")), "followUps.0.dueDate"],
      ["take the date off", (v) => Object.assign(v, dateFields("followUps.0.dueDate", "")), "followUps.0.dueDate"],
    ];
    for (const [what, change, field] of changes) {
      const form = await editForm(other, e.engagementId, change);
      const { body } = await refused(() => other.postData(`/engagements/${e.engagementId}/edit`, EDIT_ROUTE, form), 400);
      const failure = JSON.parse(body) as { fieldErrors: Record<string, string> };
      expect(Object.keys(failure.fieldErrors), what).toEqual([field]);
      expect(failure.fieldErrors[field]).toMatch(/^You may not change/);
    }
  });

  it("cannot delete a follow-up by leaving its fields out of the post", async () => {
    const form = await editForm(other, e.engagementId, (v) => {
      for (const key of Object.keys(v).filter((k) => k.startsWith("followUps.1."))) delete v[key];
    });
    const { body } = await refused(() => other.postData(`/engagements/${e.engagementId}/edit`, EDIT_ROUTE, form), 400);
    expect(JSON.parse(body).fieldErrors.followUps).toMatch(/^You may not remove the follow-up “Write to the chief constable”/);
  });

  it("is not offered the link that resolves it, and reaching the form anyway shows why not (Chromium, axe)", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, server, "olu@example.org");
      await page.goto(`${server.baseUrl}/engagements/${e.engagementId}`);
      await page.getByRole("heading", { level: 1, name: /Meeting with the NCA modern slavery unit/ }).waitFor();
      expect(await page.getByRole("link", { name: /Log the engagement that resolves it/ }).count()).toBe(0);
      const response = await page.goto(`${server.baseUrl}/engagements/new?resolves=${e.followUp}`);
      expect(response?.status()).toBe(403);
      await page.getByRole("heading", { level: 1, name: "You do not have permission to see or do this" }).waitFor();
      await page.getByText("The attempt has been recorded.").waitFor();
      await expectNoAxeViolations(page, "refused by the owner rule");
      // The lead is offered it.
      await signIn(page, server, "lee@example.org");
      await page.goto(`${server.baseUrl}/engagements/${e.engagementId}`);
      expect(await page.getByRole("link", { name: /Log the engagement that resolves it/ }).count()).toBe(2);
    } finally {
      await browser.close();
    }
  });

  it("cannot close a follow-up by logging the engagement that resolves it (?resolves=ID)", async () => {
    // The form is not offered (403) ...
    await refused(() => other.get(`/engagements/new?resolves=${e.followUp}`), 403);
    // ... and a post that names the follow-up anyway records no engagement and leaves it open.
    const { body } = await refused(
      () =>
        other.postData(`/engagements/new?resolves=${e.followUp}`, NEW_ROUTE, {
          intent: "save",
          title: "Olu's call that claims to resolve it",
          kind: "call",
          status: "held",
          ...dateFields("date", "2026-11-20"),
          "organisations.0.organisationId": String(ids.nca),
          leadUserId: String(ids.other),
          marking: "OFFICIAL",
          resolvesActionId: String(e.followUp),
        }),
      400,
    );
    expect(JSON.parse(body).fieldErrors.resolvesActionId).toMatch(/^You may not close this follow-up/);
    expect(action(e.followUp).status).toBe("open");
  });

  it("cannot make themself lead to gain the lead's rights, nor archive the engagement", async () => {
    const form = await editForm(other, e.engagementId, (v) => (v.leadUserId = String(ids.other)));
    const { body, refusals } = await refused(() => other.postData(`/engagements/${e.engagementId}/edit`, EDIT_ROUTE, form), 400);
    expect(JSON.parse(body).fieldErrors).toEqual({ leadUserId: expect.stringMatching(/^Only the lead/) });
    expect(refusals[0]).toMatchObject({ entity_type: "engagement", entity_id: String(e.engagementId) });
    // Both at once: every refusal is its own event.
    const both = await editForm(other, e.engagementId, (v) => {
      v.leadUserId = String(ids.other);
      v["commitments.0.description"] = "Olu's wording";
    });
    await refused(() => other.postData(`/engagements/${e.engagementId}/edit`, EDIT_ROUTE, both), 400, 2);
    const { version } = read<{ version: number }>("SELECT version FROM engagements WHERE id = ?", e.engagementId);
    await refused(() => other.post(`/engagements/${e.engagementId}/archive`, { version: String(version) }), 403);
  });

  it("can still edit the rest of the engagement, its actions posted back as they were", async () => {
    const before = databaseContents(server.databasePath);
    const form = await editForm(other, e.engagementId, (v) => (v.summary = "Olu adds the summary"));
    const response = await other.post(`/engagements/${e.engagementId}/edit`, form);
    expect(response.status, await response.clone().text()).toBe(302);
    expect(read<{ summary: string }>("SELECT summary FROM engagements WHERE id = ?", e.engagementId).summary).toBe("Olu adds the summary");
    // The actions themselves are untouched (same rows, same versions).
    expect(databaseContents(server.databasePath).actions).toBe(before.actions);
  });
});

describe("the people the rule allows", () => {
  it("the lead rewords, re-dates and removes their engagement's actions through its form", async () => {
    const e = await leesEngagement("Lee's follow-up call");
    const form = await editForm(lead, e.engagementId, (v) => {
      v["commitments.0.description"] = "Send the referral figures for Q3";
      Object.assign(v, dateFields("followUps.0.dueDate", "2027-02-28"));
      for (const key of Object.keys(v).filter((k) => k.startsWith("followUps.1."))) delete v[key];
    });
    const response = await lead.post(`/engagements/${e.engagementId}/edit`, form);
    expect(response.status, await response.clone().text()).toBe(302);
    expect(action(e.commitment).description).toBe("Send the referral figures for Q3");
    expect(action(e.followUp).due_date).toBe("2027-02-28");
    expect(action(e.secondFollowUp)).toBeUndefined();
  });

  it("a manager makes another officer lead, who may then close the engagement's actions", async () => {
    const e = await leesEngagement("Meeting handed over to Olu");
    const form = await editForm(manager, e.engagementId, (v) => (v.leadUserId = String(ids.other)));
    expect((await manager.post(`/engagements/${e.engagementId}/edit`, form)).status).toBe(302);
    const { version } = action(e.commitment);
    const closed = await other.post(`/actions/${e.commitment}`, { intent: "done", version: String(version), closingNote: "Sent" });
    expect(closed.status).toBe(302);
    expect(action(e.commitment).status).toBe("done");
  });

  it("an officer who owns a follow-up on someone else's engagement logs the engagement that resolves it", async () => {
    const e = await leesEngagement("Meeting with a follow-up for Olu");
    const form = await editForm(lead, e.engagementId, (v) => (v["followUps.0.ownerUserId"] = String(ids.other)));
    expect((await lead.post(`/engagements/${e.engagementId}/edit`, form)).status).toBe(302);
    expect((await other.get(`/engagements/new?resolves=${e.followUp}`)).status).toBe(200);
    const response = await other.post(`/engagements/new?resolves=${e.followUp}`, {
      intent: "save",
      title: "Olu's call that resolves it",
      kind: "call",
      status: "held",
      ...dateFields("date", "2026-11-20"),
      "organisations.0.organisationId": String(ids.nca),
      leadUserId: String(ids.other),
      marking: "OFFICIAL",
      resolvesActionId: String(e.followUp),
    });
    expect(response.status, await response.clone().text()).toBe(302);
    expect(action(e.followUp).status).toBe("done");
  });
});
