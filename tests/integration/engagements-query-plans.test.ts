// Every query behind the engagement pages is served by an index: the statements are captured as the
// real loaders and actions run against a few thousand demo engagements, then each goes through
// EXPLAIN QUERY PLAN. A full scan of a table that grows with use must not happen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as editAction, loader as editLoader } from "~/routes/engagements.$engagementId.edit";
import { loader as historyLoader } from "~/routes/engagements.$engagementId.history";
import { loader as viewLoader } from "~/routes/engagements.$engagementId._index";
import { loader as listLoader } from "~/routes/engagements._index";
import { action as newAction, loader as newLoader } from "~/routes/engagements.new";
import { loader as organisationLoader } from "~/routes/organisations.$slug._index";
import { loader as organisationsLoader } from "~/routes/organisations._index";
import { db } from "~db/connection";
import { seedDemo } from "../../seeds/demo";
import { captureStatements, fullScans } from "../support/query-plans";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

const TODAY = "2026-11-28";

const captured = new Set<string>();
let restore: () => void;
let officer: TestUser;

beforeAll(async () => {
  officer = await signedInAs("officer", "plans");
  await seedDemo(db(), { engagements: 3000, seed: 3, today: TODAY });
  db().$client.exec("analyze");
  restore = captureStatements(captured);
});
afterAll(() => restore?.());

/** The plan's full scans of large tables. */
function scansOf(source: string): string[] {
  return fullScans(source, 1);
}

describe("query plans of the engagement pages", () => {
  it("the list with each filter, its pages and its count; one engagement's page, form, history; the organisation pages", async () => {
    for (const query of [
      "",
      "?q=referral",
      "?q=Ka",
      "?organisation=national-crime-agency",
      "?organisationKind=pcc",
      "?kind=visit",
      "?theme=1",
      "?status=cancelled",
      "?status=archived",
      "?from=2025-01-01&to=2025-06-30",
      "?q=victim&organisationKind=police_force&kind=meeting&status=held&from=2024-01-01",
    ]) {
      const first = await runLoader(listLoader, `/engagements${query}`, { user: officer });
      expect(first.status, query).toBe(200);
      const data = await readJson(first);
      if (data.next) expect((await runLoader(listLoader, data.next, { user: officer })).status).toBe(200);
    }
    const { rows } = await readJson(await runLoader(listLoader, "/engagements", { user: officer }));
    const id = String(rows[5].id);
    for (const loader of [viewLoader, editLoader, historyLoader])
      expect((await runLoader(loader, `/engagements/${id}`, { user: officer, params: { engagementId: id } })).status).toBe(200);
    expect((await runLoader(newLoader, "/engagements/new?organisation=europol", { user: officer })).status).toBe(200);
    expect(
      (
        await runLoader(organisationLoader, "/organisations/national-crime-agency", {
          user: officer,
          params: { slug: "national-crime-agency" },
        })
      ).status,
    ).toBe(200);
    expect((await runLoader(organisationsLoader, "/organisations", { user: officer })).status).toBe(200);

    // Saving: record one, then edit it.
    const europol = String((db().$client.prepare("select id from organisations where slug = 'europol'").get() as { id: number }).id);
    // "Copy from the last meeting with Europol" on the new form: its last meeting, found through the organisation's index.
    const copied = await runAction(
      newAction,
      "/engagements/new?restructure",
      { intent: `copy:${europol}`, "organisations.0.organisationId": europol },
      { user: officer },
    );
    expect((await readJson(copied)).copied).toBeTruthy();
    const recorded = await runAction(
      newAction,
      "/engagements/new",
      {
        intent: "save",
        title: "Plan check",
        kind: "meeting",
        status: "held",
        // The date as the form's date input posts it.
        "date-day": String(Number(TODAY.slice(8))),
        "date-month": String(Number(TODAY.slice(5, 7))),
        "date-year": TODAY.slice(0, 4),
        "organisations.0.organisationId": europol,
        "agenda.0.key": "a",
        "agenda.0.title": "Item",
        "commitments.0.description": "Do it",
        "commitments.0.ownerType": "office",
      },
      { user: officer },
    );
    const newId = redirectedTo(recorded)!.split("/").pop()!;
    const form = await readJson(
      await runLoader(editLoader, `/engagements/${newId}/edit`, { user: officer, params: { engagementId: newId } }),
    );
    const edited = await runAction(
      editAction,
      `/engagements/${newId}/edit`,
      {
        intent: "save",
        version: form.initial.version,
        title: "Plan check, edited",
        kind: "meeting",
        status: "held",
        "date-day": String(Number(TODAY.slice(8))),
        "date-month": String(Number(TODAY.slice(5, 7))),
        "date-year": TODAY.slice(0, 4),
        "organisations.0.organisationId": europol,
        "agenda.0.key": form.initial.agenda[0].key,
        "agenda.0.id": form.initial.agenda[0].id,
        "agenda.0.title": "Item",
        "commitments.0.id": form.initial.commitments[0].id,
        "commitments.0.version": form.initial.commitments[0].version,
        "commitments.0.description": "Do it now",
        "commitments.0.ownerType": "office",
        loadedActions: Object.entries(form.loadedActions)
          .map(([a, v]) => `${a}:${v}`)
          .join(","),
      },
      { user: officer, params: { engagementId: newId } },
    );
    expect(redirectedTo(edited)).toBe(`/engagements/${newId}`);

    const offenders = [...captured].map((source) => ({ source, scans: scansOf(source) })).filter((q) => q.scans.length);
    expect(offenders).toEqual([]);
    expect(captured.size).toBeGreaterThan(30);
  });
});
