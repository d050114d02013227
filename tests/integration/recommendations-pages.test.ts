import { count, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { auditEvents, inspectionReports, recommendationAddressees, recommendations } from "~db/schema";
import { action as takeUpAction, loader as takeUpLoader } from "~/routes/recommendations.$recommendationId.bodies.$organisationId";
import { loader as listLoader } from "~/routes/recommendations._index";
import { loader as reportLoader } from "~/routes/recommendations.reports.$reportId._index";
import { action as importAction } from "~/routes/recommendations.reports.$reportId.import";
import { action as newReportAction } from "~/routes/recommendations.reports.new";
import { loader as csvLoader } from "~/routes/reports.recommendations[.]csv";
import { organisationId } from "../support/fixtures";
import { readJson, redirectedTo, runAction, runLoader, signedInAs } from "../support/requests";

function countRows() {
  return {
    reports: db().select({ n: count() }).from(inspectionReports).get()!.n,
    recommendations: db().select({ n: count() }).from(recommendations).get()!.n,
    addressees: db().select({ n: count() }).from(recommendationAddressees).get()!.n,
  };
}

const newReport = (title: string, marking = "OFFICIAL") => ({
  title,
  publisherId: String(organisationId("hmicfrs")),
  "publishedOn-day": "1",
  "publishedOn-month": "6",
  "publishedOn-year": "2026",
  marking,
  subjectForceId: String(organisationId("kent-police")),
});

async function addReport(title: string, marking = "OFFICIAL"): Promise<number> {
  const response = await runAction(newReportAction, "/recommendations/reports/new", newReport(title, marking), {
    user: await signedInAs("officer"),
  });
  const to = redirectedTo(response);
  expect(to).toMatch(/^\/recommendations\/reports\/\d+\/import$/);
  return Number(to!.split("/")[3]);
}

function importForm(fields: Record<string, string>, file?: { name: string; text: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([file.text], file.name, { type: "text/csv" }));
  return form;
}

describe("the recommendation pages", () => {
  it("refuses a viewer who posts a report, with the refusal in the audit trail", async () => {
    const viewer = await signedInAs("viewer");
    const before = countRows();
    const response = await runAction(newReportAction, "/recommendations/reports/new", newReport("Refused"), { user: viewer });
    expect(response.status).toBe(403);
    expect(countRows()).toEqual(before);
    const last = db().select().from(auditEvents).orderBy(desc(auditEvents.id)).get()!;
    expect(last.action).toBe("denied");
    expect(last.actorUserId).toBe(viewer.id);
  });

  it("refuses a publication date in the future at its field", async () => {
    const before = countRows();
    const response = await runAction(
      newReportAction,
      "/recommendations/reports/new",
      { ...newReport("Future"), "publishedOn-year": "2099" },
      { user: await signedInAs("officer") },
    );
    expect(response.status).toBe(400);
    expect((await readJson(response)).fieldErrors.publishedOn).toMatch(/today or in the past/);
    expect(countRows()).toEqual(before);
  });

  it("previews a paste without saving, then saves the corrected rows in one go", async () => {
    const reportId = await addReport("Paste journey");
    const officer = await signedInAs("officer");
    const path = `/recommendations/reports/${reportId}/import`;
    const before = countRows();
    const preview = await runAction(
      importAction,
      path,
      importForm({ intent: "read", pasted: "1. Forces should train staff.\n\nAFI 2 Forces could share data.\n\nR3", addressees: "NCA" }),
      { user: officer, params: { reportId: String(reportId) } },
    );
    expect(preview.status).toBe(200);
    const body = await readJson(preview);
    expect(body.stage).toBe("preview");
    expect(body.rows.map((r: any) => [r.number, r.kind, r.addressees])).toEqual([
      ["1", "recommendation", "NCA"],
      ["AFI 2", "area_for_improvement", "NCA"],
      ["R3", "recommendation", "NCA"],
    ]);
    expect(Object.keys(body.fieldErrors)).toEqual(["rows.2.text"]);
    expect(countRows()).toEqual(before);

    const rows = (texts: string[]) =>
      Object.fromEntries(
        body.rows.flatMap((r: any, i: number) => [
          [`rows[${i}].number`, r.number],
          [`rows[${i}].kind`, r.kind],
          [`rows[${i}].text`, texts[i]],
          [`rows[${i}].addressees`, i === 1 ? "All police and crime commissioners" : r.addressees],
          [`rows[${i}].due`, i === 0 ? "31/3/2027" : ""],
        ]),
      );
    // Saving with the empty text still there is refused, and nothing is written.
    const refused = await runAction(
      importAction,
      path,
      { intent: "save", ...rows([body.rows[0].text, body.rows[1].text, ""]) },
      { user: officer, params: { reportId: String(reportId) } },
    );
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).fieldErrors["rows.2.text"]).toMatch(/Enter the text/);
    expect(countRows()).toEqual(before);

    const saved = await runAction(
      importAction,
      path,
      { intent: "save", ...rows([body.rows[0].text, body.rows[1].text, ""]), "rows[2].leaveOut": "on" },
      { user: officer, params: { reportId: String(reportId) } },
    );
    expect(redirectedTo(saved)).toBe(`/recommendations/reports/${reportId}`);
    expect(countRows().recommendations - before.recommendations).toBe(2);

    const page = await readJson(
      await runLoader(reportLoader, `/recommendations/reports/${reportId}`, {
        user: await signedInAs("viewer"),
        params: { reportId: String(reportId) },
      }),
    );
    expect(page.report.response.state).toBe("overdue");
    expect(page.grid.rows.map((r: any) => r.number)).toEqual(["1", "AFI 2"]);
    expect(page.grid.rows[0].dueOn).toBe("2027-03-31");
  });

  it("reads a CSV file into the preview, saying which rows need correcting", async () => {
    const reportId = await addReport("CSV import");
    const csv = "number,text,kind,addressees,due\n1,Forces should act,recommendation,Kent Police,1/1/2027\n2,,AFI,Nowhere Constabulary,\n";
    const response = await runAction(
      importAction,
      `/recommendations/reports/${reportId}/import`,
      importForm({ intent: "read", pasted: "" }, { name: "r.csv", text: csv }),
      {
        user: await signedInAs("officer"),
        params: { reportId: String(reportId) },
      },
    );
    const body = await readJson(response);
    expect(body.rows).toHaveLength(2);
    expect(body.rows[1].kind).toBe("area_for_improvement");
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["rows.1.addressees", "rows.1.text"]);
  });

  it("records take-up through its page, refusing a future date and a stale version; lists and downloads it with the report's marking", async () => {
    const reportId = await addReport("Take-up journey", "OFFICIAL-SENSITIVE");
    const officer = await signedInAs("officer");
    await runAction(
      importAction,
      `/recommendations/reports/${reportId}/import`,
      {
        intent: "save",
        "rows[0].number": "1",
        "rows[0].kind": "recommendation",
        "rows[0].text": "Do it",
        "rows[0].addressees": "NCA",
        "rows[0].due": "",
      },
      { user: officer, params: { reportId: String(reportId) } },
    );
    const rec = db().select().from(recommendations).where(eq(recommendations.reportId, reportId)).get()!;
    const nca = organisationId("national-crime-agency");
    const params = { recommendationId: String(rec.id), organisationId: String(nca) };
    const path = `/recommendations/${rec.id}/bodies/${nca}`;
    const post = (fields: Record<string, string>) =>
      runAction(
        takeUpAction,
        path,
        { status: "accepted", "statusOn-day": "1", "statusOn-month": "7", "statusOn-year": "2026", version: "1", ...fields },
        { user: officer, params },
      );

    const future = await post({ "statusOn-year": "2099" });
    expect(future.status).toBe(400);
    expect((await readJson(future)).fieldErrors.statusOn).toMatch(/today or in the past/);

    expect(redirectedTo(await post({}))).toBe(path);
    const stale = await post({ status: "not_accepted" });
    expect(stale.status).toBe(409);

    const page = await readJson(await runLoader(takeUpLoader, path, { user: await signedInAs("viewer"), params }));
    expect(page.takeUp.status).toBe("accepted");
    expect(page.takeUp.history).toHaveLength(1);

    const list = await readJson(await runLoader(listLoader, `/recommendations?report=${reportId}`, { user: await signedInAs("viewer") }));
    expect(list.counts.total).toBe(1);
    expect(list.counts.status).toEqual({ accepted: 1 });

    const csv = await runLoader(csvLoader, `/reports/recommendations.csv?report=${reportId}`, { user: await signedInAs("viewer") });
    expect(csv.headers.get("Content-Disposition")).toMatch(/OFFICIAL-SENSITIVE recommendations/);
    const text = await csv.text();
    expect(text.split("\r\n")[1]).toMatch(
      /^Take-up journey,2026-06-01,1,Recommendation,Do it,,National Crime Agency,.*Accepted,2026-07-01,.*OFFICIAL-SENSITIVE/,
    );
    const last = db().select().from(auditEvents).orderBy(desc(auditEvents.id)).get()!;
    expect(last.action).toBe("export");
    expect(last.summary).toMatch(/OFFICIAL-SENSITIVE/);
  });
});
