import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { countOutstandingActions, resolveRegisterFilters, type RegisterCounts } from "~/models/action-register.server";
import { listAuditEvents } from "~/models/audit.server";
import { action as actionPageAction, loader as actionPageLoader } from "~/routes/actions.$actionId";
import { loader as csvLoader } from "~/routes/actions[.]csv";
import { action as registerAction, loader as registerLoader } from "~/routes/actions._index";
import { addDays, todayInUk } from "~/domain/dates";
import { parseRegisterFilters } from "~/forms/actions";
import { insertEngagement, insertTheme, organisationId } from "../support/fixtures";
import { getAction } from "../support/records";
import { describeRoleMatrix } from "../support/role-matrix";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

const today = todayInUk();
const day = (offset: number) => addDays(today, offset);

/** A date as the date input posts it: NAME-day, NAME-month and NAME-year. */
function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}
function typedDate(name: string, day: string, month: string, year: string): Record<string, string> {
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

let manager: TestUser;
let officer: TestUser; // leads the NCA meeting
let colleague: TestUser; // another officer
let viewer: TestUser;
let prosecutions: number;
let victimIdentification: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  manager = await signedInAs("manager");
  officer = await signedInAs("officer");
  colleague = await signedInAs("officer", "colleague");
  viewer = await signedInAs("viewer");
  prosecutions = insertTheme("Prosecutions");
  const victimId = insertTheme("Victim identification");
  victimIdentification = victimId;
  const nca = insertEngagement({
    title: "NCA quarterly meeting",
    date: day(-30),
    leadUserId: officer.id,
    createdById: officer.id,
    organisationSlugs: ["national-crime-agency"],
    themeIds: [prosecutions],
    actions: [
      { description: "Send the referral data", ownerUserId: officer.id, dueDate: day(-10) },
      { description: "Share the threat assessment", ownerType: "stakeholder", ownerName: "DCI Smith", dueDate: day(-3) },
      { description: "Draft the joint letter", kind: "follow_up", ownerUserId: colleague.id, dueDate: day(3), status: "in_progress" },
      { description: "Arrange a visit to the unit", dueDate: null },
      { description: "Already finished", ownerUserId: officer.id, dueDate: day(-20), status: "done", closingNote: "Done" },
    ],
  });
  [ids.a1, ids.a2, ids.a3, ids.a4, ids.a5] = nca.actions.map((a) => a.id);
  const kent = insertEngagement({
    title: "Kent call",
    date: day(-5),
    leadUserId: colleague.id,
    createdById: colleague.id,
    organisationSlugs: ["kent-police", "pcc-kent"],
    themeIds: [victimId],
    actions: [
      { description: "Book the training session", kind: "follow_up", ownerUserId: colleague.id, dueDate: day(20) },
      { description: "Publish the force plan", ownerType: "stakeholder", organisationId: organisationId("pcc-kent"), dueDate: day(60) },
      { description: "Dropped idea", ownerUserId: colleague.id, status: "dropped", closingNote: "No longer needed", dueDate: day(-1) },
    ],
  });
  [ids.b1, ids.b2, ids.b3] = kent.actions.map((a) => a.id);
  const archived = insertEngagement({
    title: "Archived meeting",
    archivedAt: new Date().toISOString(),
    organisationSlugs: ["europol"],
    actions: [{ description: "Hidden because archived", dueDate: day(-50) }],
  });
  ids.archived = archived.actions[0].id;
});

type RegisterData = {
  heading: string;
  ownerParam: string;
  page: {
    rows: { id: number; description: string; overdue: boolean; canChange: boolean; version: number }[];
    next: string | null;
    previous: string | null;
  };
  counts: RegisterCounts;
};

async function register(user: TestUser, query = ""): Promise<RegisterData> {
  const response = await runLoader(registerLoader, `/actions${query}`, { user });
  expect(response.status).toBe(200);
  return readJson(response);
}

const descriptions = (data: RegisterData) => data.page.rows.map((r) => r.description);

describe("the register", () => {
  it("a manager sees every outstanding action, overdue first, then by due date, with no due date last", async () => {
    const data = await register(manager);
    expect(data.heading).toBe("Actions");
    expect(descriptions(data)).toEqual([
      "Send the referral data",
      "Share the threat assessment",
      "Draft the joint letter",
      "Book the training session",
      "Publish the force plan",
      "Arrange a visit to the unit",
    ]);
    expect(data.page.rows.filter((r) => r.overdue).map((r) => r.description)).toEqual([
      "Send the referral data",
      "Share the threat assessment",
    ]);
    expect(data.counts.total).toBe(6);
  });

  it("done, dropped and archived engagements' actions are left out", async () => {
    const data = await register(manager, "?q=");
    const shown = data.page.rows.map((r) => r.id);
    for (const hidden of [ids.a5, ids.b3, ids.archived]) expect(shown).not.toContain(hidden);
  });

  it("an officer starts on their own actions and those of the meetings they led, stakeholders' included, and can switch", async () => {
    const mine = await register(officer);
    expect(mine.heading).toBe("My actions and my meetings'");
    expect(mine.ownerParam).toBe("mine");
    // Their own, the stakeholder's commitment and a colleague's follow-up from the NCA meeting they lead; nothing of the Kent call.
    expect(descriptions(mine)).toEqual([
      "Send the referral data",
      "Share the threat assessment",
      "Draft the joint letter",
      "Arrange a visit to the unit",
    ]);
    expect(mine.counts.mine).toBe(4);
    expect(mine.counts.total).toBe(4);
    const own = await register(officer, "?owner=me");
    expect(own.heading).toBe("My actions");
    expect(descriptions(own)).toEqual(["Send the referral data"]);
    expect(own.counts.mine).toBe(4);
    const everyone = await register(officer, "?owner=all");
    expect(everyone.counts.total).toBe(6);
    expect(everyone.counts.mine).toBe(4);
    // The colleague's meetings are theirs: the Kent call's stakeholder commitment is among them.
    expect(descriptions(await register(colleague))).toEqual([
      "Draft the joint letter",
      "Book the training session",
      "Publish the force plan",
    ]);
  });

  it("finds actions by their organisation's short or full name", async () => {
    expect(descriptions(await register(manager, "?q=Kent%20PCC"))).toEqual(["Publish the force plan"]);
    expect(descriptions(await register(manager, "?q=Police%20and%20Crime%20Commissioner%20for%20Kent"))).toEqual([
      "Publish the force plan",
    ]);
  });

  it("filters by kind, status, owner, organisation, kind of organisation, theme, due window and text", async () => {
    const cases: [string, string[]][] = [
      ["?kind=follow_up", ["Draft the joint letter", "Book the training session"]],
      ["?status=in_progress", ["Draft the joint letter"]],
      [`?owner=${colleague.id}`, ["Draft the joint letter", "Book the training session"]],
      ["?owner=office", ["Arrange a visit to the unit"]],
      ["?owner=stakeholder", ["Share the threat assessment", "Publish the force plan"]],
      [
        "?organisation=national-crime-agency",
        ["Send the referral data", "Share the threat assessment", "Draft the joint letter", "Arrange a visit to the unit"],
      ],
      ["?orgKind=pcc", ["Publish the force plan"]],
      ["?orgKind=police_force", ["Book the training session"]],
      [
        `?theme=${prosecutions}`,
        ["Send the referral data", "Share the threat assessment", "Draft the joint letter", "Arrange a visit to the unit"],
      ],
      ["?due=overdue", ["Send the referral data", "Share the threat assessment"]],
      ["?due=week", ["Draft the joint letter"]],
      ["?due=month", ["Draft the joint letter", "Book the training session"]],
      ["?due=none", ["Arrange a visit to the unit"]],
      ["?q=smith", ["Share the threat assessment"]],
      ["?q=LETTER", ["Draft the joint letter"]],
      ["?q=%25", []],
      ["?kind=commitment&due=overdue&organisation=national-crime-agency", ["Send the referral data", "Share the threat assessment"]],
    ];
    for (const [query, expected] of cases) {
      const data = await register(manager, query);
      expect(descriptions(data), query).toEqual(expected);
      expect(data.counts.total, query).toBe(expected.length);
    }
  });

  it("counts each filter value as the rows it would show with the other filters kept", async () => {
    const { counts } = await register(manager, "?kind=commitment");
    // Kind ignores its own filter: every outstanding action, by kind.
    expect(counts.kind).toEqual({ commitment: 4, follow_up: 2 });
    // The other facets count commitments only.
    expect(counts.status).toEqual({ open: 4 });
    expect(counts.due).toEqual({ overdue: 2, week: 0, month: 0, none: 1 });
    expect(counts.owner).toEqual({ [officer.id]: 1, office: 1, stakeholder: 2 });
    expect(counts.organisation).toEqual({ [organisationId("national-crime-agency")]: 3, [organisationId("pcc-kent")]: 1 });
    expect(counts.orgKind).toEqual({ national_policing_body: 3, pcc: 1 });
    expect(counts.theme).toEqual({ [prosecutions]: 3, [String(prosecutions + 1)]: 1 });

    const overdue = await register(manager, "?due=overdue&owner=all");
    expect(overdue.counts.due).toEqual({ overdue: 2, week: 1, month: 2, none: 1 });
    expect(overdue.counts.kind).toEqual({ commitment: 2 });
  });

  it("counts stay consistent with the status, owner, kind of organisation and theme filters too", async () => {
    const npb = await register(manager, "?owner=all&orgKind=national_policing_body&status=open");
    expect(descriptions(npb)).toEqual(["Send the referral data", "Share the threat assessment", "Arrange a visit to the unit"]);
    expect(npb.counts.total).toBe(3);
    expect(npb.counts.status).toEqual({ open: 3, in_progress: 1 });
    expect(npb.counts.orgKind).toEqual({ national_policing_body: 3, police_force: 1, pcc: 1 });
    expect(npb.counts.owner).toEqual({ [officer.id]: 1, stakeholder: 1, office: 1 });
    expect(npb.counts.theme).toEqual({ [prosecutions]: 3 });
    expect(npb.counts.due).toEqual({ overdue: 2, week: 0, month: 0, none: 1 });
    expect(npb.counts.kind).toEqual({ commitment: 3 });

    const colleagues = await register(manager, `?owner=${colleague.id}&theme=${victimIdentification}`);
    expect(descriptions(colleagues)).toEqual(["Book the training session"]);
    expect(colleagues.counts.owner).toEqual({ [colleague.id]: 1, stakeholder: 1 });
    expect(colleagues.counts.theme).toEqual({ [prosecutions]: 1, [victimIdentification]: 1 });
    expect(colleagues.counts.organisation).toEqual({ [organisationId("kent-police")]: 1 });
  });

  it("words matching more actions than it counts by filter: the total up to one past the limit, no figure guessed", async () => {
    const counts = (query: string, wordsCountLimit: number) =>
      countOutstandingActions({
        filters: resolveRegisterFilters({ filters: parseRegisterFilters(new URLSearchParams(query)), viewer: manager }),
        viewerId: manager.id,
        today,
        wordsCountLimit,
      });
    // "the" is in all six outstanding actions of live engagements.
    const everything = counts("owner=all&q=the", 100);
    expect(everything.wordsCappedAt).toBeUndefined();
    expect(everything.total).toBe(6);
    expect(everything.kind).toEqual({ commitment: 4, follow_up: 2 });

    const capped = counts("owner=all&q=the", 5);
    expect(capped).toEqual({
      total: 6,
      wordsCappedAt: 5,
      kind: {},
      status: {},
      owner: {},
      organisation: {},
      orgKind: {},
      theme: {},
      due: { overdue: 0, week: 0, month: 0, none: 0 },
      mine: 0,
    });
    // With the other filters the total is still counted, exactly while it is within the limit.
    expect(counts("owner=all&q=the&kind=follow_up", 5)).toMatchObject({ total: 2, wordsCappedAt: 5, kind: {} });
    expect(counts("owner=all&q=the&kind=commitment", 4)).toMatchObject({ total: 4, wordsCappedAt: 4 });
    // …and past it, one more than the limit: "more than 3".
    expect(counts("owner=all&q=the&kind=commitment", 3)).toMatchObject({ total: 4, wordsCappedAt: 3 });
    // Exactly at the limit the words are counted in full.
    expect(counts("owner=all&q=the", 6).wordsCappedAt).toBeUndefined();
    // The page of rows does not depend on the counts: the register with words pages as before.
    const data = await register(manager, "?owner=all&q=the");
    expect(data.counts.wordsCappedAt).toBeUndefined();
    expect(descriptions(data)).toHaveLength(6);
  });

  it("an unknown organisation, kind or cursor in the address shows nothing or is ignored, never an error", async () => {
    expect(descriptions(await register(manager, "?organisation=no-such-body"))).toEqual([]);
    expect((await register(manager, "?kind=<script>&due=soon&theme=abc&after=garbage")).counts.total).toBe(6);
    expect((await register(manager, `?q=${"x".repeat(5000)}`)).counts.total).toBe(6);
    expect((await register(manager, "?q=' OR 1=1 --")).counts.total).toBe(0);
  });

  it("each row says who may change it: a viewer nobody, an officer their own and their engagements'", async () => {
    const asViewer = await register(viewer);
    expect(asViewer.page.rows.every((r) => !r.canChange)).toBe(true);
    const asColleague = await register(colleague, "?owner=all");
    const changeable = asColleague.page.rows.filter((r) => r.canChange).map((r) => r.description);
    expect(changeable).toEqual(["Draft the joint letter", "Book the training session", "Publish the force plan"]);
    const asManager = await register(manager);
    expect(asManager.page.rows.every((r) => r.canChange)).toBe(true);
  });
});

describe("keyset pagination", () => {
  it("walks forward and back through 130 actions without gaps or duplicates", async () => {
    const theme = insertTheme("Paging");
    const dates = [day(-40), day(-2), day(5), day(5), null, day(90)];
    insertEngagement({
      title: "Paging meeting",
      organisationSlugs: ["interpol"],
      themeIds: [theme],
      actions: Array.from({ length: 130 }, (_, i) => ({
        description: `Page action ${i}`,
        dueDate: dates[i % dates.length],
        status: i % 7 === 0 ? ("in_progress" as const) : ("open" as const),
      })),
    });
    const query = `?theme=${theme}&owner=all`;
    const pages: string[][] = [];
    let data = await register(manager, query);
    pages.push(descriptions(data));
    expect(data.page.previous).toBeNull();
    while (data.page.next) {
      data = await register(manager, `${query}&after=${data.page.next}`);
      pages.push(descriptions(data));
    }
    // 25 rows a page (REGISTER_PAGE_SIZE).
    expect(pages.map((p) => p.length)).toEqual([25, 25, 25, 25, 25, 5]);
    const walked = pages.flat();
    expect(new Set(walked).size).toBe(130);
    // The order the register promises: by due date, undated last, then by id.
    const expected = Array.from({ length: 130 }, (_, i) => ({ i, due: dates[i % dates.length] }))
      .sort((a, b) => (a.due === b.due ? a.i - b.i : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1))
      .map((x) => `Page action ${x.i}`);
    expect(walked).toEqual(expected);

    // And back again from the last page.
    const back: string[][] = [descriptions(data)];
    while (data.page.previous) {
      data = await register(manager, `${query}&before=${data.page.previous}`);
      back.unshift(descriptions(data));
    }
    expect(back).toEqual(pages);
  });
});

describe("changing several actions at once", () => {
  it("a manager closes two actions with one closing note", async () => {
    const { actions } = insertEngagement({
      title: "Bulk close",
      organisationSlugs: ["national-crime-agency"],
      actions: [
        { description: "Bulk one", dueDate: day(-1) },
        { description: "Bulk two", dueDate: day(-1) },
      ],
    });
    const response = await runAction(
      registerAction,
      "/actions?index",
      {
        selected: actions.map((a) => `${a.id}:${a.version}`),
        bulkIntent: "done",
        bulkClosingNote: "Both sent on Monday",
        returnTo: "/actions?due=overdue",
      },
      { user: manager },
    );
    expect(redirectedTo(response)).toBe("/actions?due=overdue");
    for (const a of actions) {
      const now = getAction(a.id)!;
      expect(now.status).toBe("done");
      expect(now.closingNote).toBe("Both sent on Monday");
      expect(now.version).toBe(a.version + 1);
      expect(now.closedById).toBe(manager.id);
    }
    const events = listAuditEvents({ entityType: "action", actorUserId: manager.id, action: "action_done" }).events;
    expect(events.filter((e) => actions.some((a) => e.entityId === String(a.id)))).toHaveLength(2);
  });

  it("an action changed by someone else meanwhile is reported, not overwritten, and the rest are applied", async () => {
    const { actions } = insertEngagement({
      title: "Bulk conflict",
      organisationSlugs: ["national-crime-agency"],
      actions: [
        { description: "Changed meanwhile", dueDate: day(-1) },
        { description: "Untouched", dueDate: day(-1) },
      ],
    });
    const [stale, fresh] = actions;
    // Someone else moves the first one on.
    const first = await runAction(
      actionPageAction,
      `/actions/${stale.id}`,
      { intent: "due_date", version: stale.version, ...dateFields("dueDate", day(30)) },
      { user: manager, params: { actionId: String(stale.id) } },
    );
    expect(redirectedTo(first)).toBe(`/actions/${stale.id}`);

    const response = await runAction(
      registerAction,
      "/actions?index",
      { selected: [`${stale.id}:${stale.version}`, `${fresh.id}:${fresh.version}`], bulkIntent: "drop", bulkReason: "Superseded" },
      { user: manager },
    );
    expect(response.status).toBe(409);
    const body = await readJson(response);
    expect(body.bulkReport.done).toBe("1 action dropped");
    expect(body.bulkReport.conflicts).toEqual([
      { id: stale.id, description: "Changed meanwhile", now: expect.stringContaining(`Open, due`) },
    ]);
    expect(body.values.bulkReason).toBe("Superseded");
    expect(getAction(stale.id)!.status).toBe("open");
    expect(getAction(stale.id)!.dueDate).toBe(day(30));
    expect(getAction(fresh.id)!.status).toBe("dropped");
  });

  it("marks in progress, changes the due date and reassigns several at once", async () => {
    const { actions } = insertEngagement({
      title: "Bulk others",
      organisationSlugs: ["europol"],
      actions: [{ description: "X one" }, { description: "X two" }],
    });
    const selected = () => actions.map((a) => `${a.id}:${getAction(a.id)!.version}`);
    expect(
      redirectedTo(
        await runAction(registerAction, "/actions?index", { selected: selected(), bulkIntent: "in_progress" }, { user: manager }),
      ),
    ).toBe("/actions");
    expect(actions.map((a) => getAction(a.id)!.status)).toEqual(["in_progress", "in_progress"]);
    expect(
      redirectedTo(
        await runAction(
          registerAction,
          "/actions?index",
          { selected: selected(), bulkIntent: "due_date", ...dateFields("bulkDueDate", day(14)) },
          { user: manager },
        ),
      ),
    ).toBe("/actions");
    expect(actions.map((a) => getAction(a.id)!.dueDate)).toEqual([day(14), day(14)]);
    expect(
      redirectedTo(
        await runAction(
          registerAction,
          "/actions?index",
          { selected: selected(), bulkIntent: "reassign", bulkOwner: String(colleague.id) },
          { user: manager },
        ),
      ),
    ).toBe("/actions");
    expect(actions.map((a) => getAction(a.id)!.ownerUserId)).toEqual([colleague.id, colleague.id]);
    expect(
      redirectedTo(
        await runAction(
          registerAction,
          "/actions?index",
          { selected: selected(), bulkIntent: "reassign", bulkOwner: "stakeholder", bulkOwnerName: "Ms Jones" },
          { user: manager },
        ),
      ),
    ).toBe("/actions");
    expect(actions.map((a) => [getAction(a.id)!.ownerType, getAction(a.id)!.ownerUserId, getAction(a.id)!.ownerName])).toEqual([
      ["stakeholder", null, "Ms Jones"],
      ["stakeholder", null, "Ms Jones"],
    ]);
  });

  it("an officer's bulk change leaves actions they may not change alone and says so", async () => {
    const { actions } = insertEngagement({
      title: "Officer bulk",
      leadUserId: manager.id,
      organisationSlugs: ["europol"],
      actions: [{ description: "Officer owns this", ownerUserId: colleague.id }, { description: "Not the officer's" }],
    });
    const response = await runAction(
      registerAction,
      "/actions?index",
      { selected: actions.map((a) => `${a.id}:${a.version}`), bulkIntent: "in_progress" },
      { user: colleague },
    );
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.bulkReport.refused).toEqual([{ id: actions[1].id, description: "Not the officer's" }]);
    expect(getAction(actions[0].id)!.status).toBe("in_progress");
    expect(getAction(actions[1].id)!.status).toBe("open");
  });

  it("refuses bad input with a message at the field and writes nothing", async () => {
    const { actions } = insertEngagement({ title: "Bulk bad", organisationSlugs: ["europol"], actions: [{ description: "Stays open" }] });
    const item = `${actions[0].id}:${actions[0].version}`;
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ bulkIntent: "done", bulkClosingNote: "x" }, "selected", "Select at least one action"],
      [{ selected: item, bulkIntent: "done" }, "bulkClosingNote", "Enter a closing note saying what was done"],
      [{ selected: item, bulkIntent: "drop", bulkReason: "   " }, "bulkReason", "Enter the reason for dropping them"],
      [
        { selected: item, bulkIntent: "due_date", ...typedDate("bulkDueDate", "30", "2", "2026") },
        "bulkDueDate",
        "Due date must be a real date",
      ],
      [
        { selected: item, bulkIntent: "due_date", ...typedDate("bulkDueDate", "next", "week", "") },
        "bulkDueDate",
        "Due date must include a year",
      ],
      [
        { selected: item, bulkIntent: "due_date", ...typedDate("bulkDueDate", "1", "", "2027") },
        "bulkDueDate",
        "Due date must include a month",
      ],
      [{ selected: item, bulkIntent: "due_date" }, "bulkDueDate", "Enter the new due date"],
      [{ selected: item, bulkIntent: "reassign" }, "bulkOwner", "Choose who should own them"],
      [{ selected: item, bulkIntent: "reassign", bulkOwner: "99999" }, "bulkOwner", "Choose a member of staff from the list"],
      [{ selected: item, bulkIntent: "reassign", bulkOwner: String(viewer.id) }, "bulkOwner", "Choose a member of staff from the list"],
      [{ selected: item, bulkIntent: "explode" }, "bulkIntent", "Choose what to do with the selected actions"],
      [{ selected: `${actions[0].id}:abc`, bulkIntent: "in_progress" }, "selected.0", "The selection could not be read; reload the page"],
      [{ selected: "1; DROP TABLE actions", bulkIntent: "in_progress" }, "selected.0", "The selection could not be read; reload the page"],
      [
        { selected: item, bulkIntent: "done", bulkClosingNote: "x".repeat(100_000) },
        "bulkClosingNote",
        "The closing note must be 2,000 characters or fewer",
      ],
    ];
    for (const [body, field, message] of cases) {
      const response = await runAction(registerAction, "/actions?index", body, { user: manager });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await readJson(response)).fieldErrors[field], field).toBe(message);
    }
    expect(getAction(actions[0].id)).toMatchObject({ status: "open", version: actions[0].version });
  });

  it("unknown ids are reported and nothing else is touched", async () => {
    const response = await runAction(
      registerAction,
      "/actions?index",
      { selected: ["999999:1"], bulkIntent: "in_progress" },
      { user: manager },
    );
    expect(response.status).toBe(200);
    expect((await readJson(response)).bulkReport).toMatchObject({ done: null, missing: 1 });
  });

  it("a tampered version is a conflict, not an overwrite", async () => {
    const { actions } = insertEngagement({
      title: "Tampered",
      organisationSlugs: ["europol"],
      actions: [{ description: "Tamper target" }],
    });
    const response = await runAction(
      registerAction,
      "/actions?index",
      { selected: `${actions[0].id}:77`, bulkIntent: "in_progress" },
      { user: manager },
    );
    expect(response.status).toBe(409);
    expect(getAction(actions[0].id)!.status).toBe("open");
  });

  it("a viewer may not post changes at all", async () => {
    const response = await runAction(
      registerAction,
      "/actions?index",
      { selected: `${ids.a1}:1`, bulkIntent: "in_progress" },
      { user: viewer },
    );
    expect(response.status).toBe(403);
  });
});

describe("changing one action on its page", () => {
  const post = (user: TestUser, id: number, body: Record<string, string | number>) =>
    runAction(actionPageAction, `/actions/${id}`, body, { user, params: { actionId: String(id) } });

  it("shows the action with its engagement and organisation, and whether the user may change it", async () => {
    const response = await runLoader(actionPageLoader, `/actions/${ids.a1}`, { user: colleague, params: { actionId: String(ids.a1) } });
    const body = await readJson(response);
    expect(body.detail.action.description).toBe("Send the referral data");
    expect(body.detail.engagement.title).toBe("NCA quarterly meeting");
    expect(body.detail.organisation.slug).toBe("national-crime-agency");
    expect(body.canChange).toBe(false);
    const asOwner = await readJson(
      await runLoader(actionPageLoader, `/actions/${ids.a1}`, { user: officer, params: { actionId: String(ids.a1) } }),
    );
    expect(asOwner.canChange).toBe(true);
  });

  it("marks in progress, then done with a closing note, then reopens, each audited and versioned", async () => {
    const { actions } = insertEngagement({
      title: "Single",
      organisationSlugs: ["europol"],
      actions: [{ description: "One at a time", ownerUserId: officer.id }],
    });
    const id = actions[0].id;
    expect(redirectedTo(await post(officer, id, { intent: "in_progress", version: 1 }))).toBe(`/actions/${id}`);
    expect(getAction(id)).toMatchObject({ status: "in_progress", version: 2 });
    expect(redirectedTo(await post(officer, id, { intent: "done", version: 2, closingNote: "Letter sent" }))).toBe(`/actions/${id}`);
    expect(getAction(id)).toMatchObject({ status: "done", closingNote: "Letter sent", version: 3, closedById: officer.id });
    expect(redirectedTo(await post(officer, id, { intent: "reopen", version: 3 }))).toBe(`/actions/${id}`);
    expect(getAction(id)).toMatchObject({ status: "open", version: 4, closedAt: null });
    const history = listAuditEvents({ entityType: "action", entityId: String(id) }).events.map((e) => e.action);
    expect(history).toEqual(["action_open", "action_done", "action_in_progress"]);
  });

  it("drops with a reason, changes the due date and reassigns", async () => {
    const { actions } = insertEngagement({ title: "Single 2", organisationSlugs: ["europol"], actions: [{ description: "Various" }] });
    const id = actions[0].id;
    expect(redirectedTo(await post(manager, id, { intent: "due_date", version: 1, ...dateFields("dueDate", day(9)) }))).toBe(
      `/actions/${id}`,
    );
    expect(getAction(id)!.dueDate).toBe(day(9));
    expect(redirectedTo(await post(manager, id, { intent: "reassign", version: 2, owner: String(officer.id) }))).toBe(`/actions/${id}`);
    expect(getAction(id)).toMatchObject({ ownerType: "office", ownerUserId: officer.id });
    expect(redirectedTo(await post(manager, id, { intent: "drop", version: 3, reason: "The unit was disbanded" }))).toBe(`/actions/${id}`);
    expect(getAction(id)).toMatchObject({ status: "dropped", closingNote: "The unit was disbanded" });
  });

  it("a missing closing note, a date that is not a date or an unknown owner get a message at the field; nothing is written", async () => {
    const { actions } = insertEngagement({ title: "Single bad", organisationSlugs: ["europol"], actions: [{ description: "Bad input" }] });
    const id = actions[0].id;
    const cases: [Record<string, string | number>, string, string][] = [
      [{ intent: "done", version: 1, closingNote: "" }, "closingNote", "Enter a closing note saying what was done"],
      [{ intent: "drop", version: 1 }, "reason", "Enter the reason for dropping it"],
      [{ intent: "due_date", version: 1, ...typedDate("dueDate", "31", "2", "2027") }, "dueDate", "Due date must be a real date"],
      [{ intent: "due_date", version: 1, ...typedDate("dueDate", "", "", "") }, "dueDate", "Enter the due date"],
      [{ intent: "due_date", version: 1, ...typedDate("dueDate", "3", "", "2027") }, "dueDate", "Due date must include a month"],
      [{ intent: "due_date", version: 1, ...typedDate("dueDate", "x", "3", "2027") }, "dueDate", "Due date must be a real date"],
      [{ intent: "reassign", version: 1, owner: "12345" }, "owner", "Choose a member of staff from the list"],
      [{ intent: "reassign", version: 1, owner: "<script>" }, "owner", "Choose who owns it"],
      [{ intent: "done", version: "abc", closingNote: "ok" }, "version", "The form is out of date; reload the page"],
      [{ intent: "nonsense", version: 1 }, "form", "Choose what to change"],
    ];
    for (const [body, field, message] of cases) {
      const response = await post(manager, id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(response)).fieldErrors[field], field).toBe(message);
    }
    expect(getAction(id)).toMatchObject({ status: "open", version: 1, dueDate: null });
  });

  it("a stale version is refused with what the action is now, keeping the user's input", async () => {
    const { actions } = insertEngagement({
      title: "Single conflict",
      organisationSlugs: ["europol"],
      actions: [{ description: "Contested", ownerUserId: officer.id }],
    });
    const id = actions[0].id;
    await post(manager, id, { intent: "done", version: 1, closingNote: "First" });
    const response = await post(officer, id, { intent: "due_date", version: 1, ...dateFields("dueDate", day(4)) });
    expect(response.status).toBe(409);
    const body = await readJson(response);
    expect(body.conflict).toMatchObject({ status: "done", closingNote: "First" });
    expect(body.values).toMatchObject(dateFields("dueDate", day(4)));
    expect(getAction(id)).toMatchObject({ status: "done", dueDate: null });
  });

  it("an officer may not change someone else's action: 403, recorded, nothing written", async () => {
    const response = await post(colleague, ids.a1, { intent: "in_progress", version: 1 });
    expect(response.status).toBe(403);
    expect(getAction(ids.a1)).toMatchObject({ status: "open", version: 1 });
    const denied = listAuditEvents({ actorUserId: colleague.id, action: "denied" }).events;
    expect(denied[0].entityId).toBe(String(ids.a1));
  });

  it("an officer may change actions of an engagement they lead, even the stakeholder's", async () => {
    const response = await post(officer, ids.a2, { intent: "in_progress", version: 1 });
    expect(redirectedTo(response)).toBe(`/actions/${ids.a2}`);
  });

  it("an unknown, archived or non-numeric id is a 404", async () => {
    for (const id of ["999999", "abc", "1.5", String(ids.archived)]) {
      expect((await runLoader(actionPageLoader, `/actions/${id}`, { user: manager, params: { actionId: id } })).status, id).toBe(404);
      expect((await post(manager, id as unknown as number, { intent: "in_progress", version: 1 })).status, id).toBe(404);
    }
  });
});

describe("the register as CSV", () => {
  it("downloads the filtered register with names, ISO dates, a BOM and neutralised formulas, and records the export", async () => {
    insertEngagement({
      title: "=cmd|' /C calc'!A0",
      organisationSlugs: ["europol"],
      actions: [{ description: '=HYPERLINK("http://evil.example","click")', dueDate: day(-7), ownerUserId: officer.id }],
    });
    const response = await runLoader(csvLoader, "/actions.csv?organisation=europol&due=overdue&owner=all", { user: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="actions-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([
      "Kind",
      "Action",
      "Status",
      "Whose",
      "Organisation",
      "Kind of organisation",
      "Due date",
      "Overdue",
      "Engagement",
      "Engagement date",
      "Engagement page",
      "Action page",
    ]);
    const row = rows.find((r) => r[1].includes("HYPERLINK"))!;
    expect(row[1]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row[8]).toBe("'=cmd|' /C calc'!A0");
    expect(row[3]).toBe(officer.name);
    expect(row[4]).toBe("Europol");
    expect(row[5]).toBe("International agency");
    expect(row[6]).toBe(day(-7));
    expect(row[7]).toBe("Yes");
    const event = listAuditEvents({ actorUserId: viewer.id, action: "export" }).events[0];
    expect(event.entityType).toBe("actions");
    expect(JSON.parse(event.after!)).toEqual({
      format: "csv",
      filters: { organisation: "europol", due: "overdue", owner: "all" },
      rows: rows.length - 1,
    });
  });
});

describeRoleMatrix("actions", [
  { name: "GET /actions", minRole: "viewer", run: (user) => runLoader(registerLoader, "/actions", { user }) },
  { name: "GET /actions.csv", minRole: "viewer", run: (user) => runLoader(csvLoader, "/actions.csv", { user }) },
  {
    name: "POST /actions (bulk)",
    minRole: "officer",
    run: async (user) => {
      const { actions } = insertEngagement({
        title: "Matrix bulk",
        organisationSlugs: ["europol"],
        actions: [{ description: "Matrix", ownerUserId: user?.id ?? null }],
      });
      return runAction(registerAction, "/actions?index", { selected: `${actions[0].id}:1`, bulkIntent: "in_progress" }, { user });
    },
  },
  {
    name: "GET /actions/:id",
    minRole: "viewer",
    run: (user) => runLoader(actionPageLoader, `/actions/${ids.a1}`, { user, params: { actionId: String(ids.a1) } }),
  },
  {
    name: "POST /actions/:id",
    minRole: "officer",
    run: async (user) => {
      const { actions } = insertEngagement({
        title: "Matrix single",
        organisationSlugs: ["europol"],
        actions: [{ description: "Matrix", ownerUserId: user?.id ?? null }],
      });
      const id = String(actions[0].id);
      return runAction(actionPageAction, `/actions/${id}`, { intent: "in_progress", version: 1 }, { user, params: { actionId: id } });
    },
  },
]);
