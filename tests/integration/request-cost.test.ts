// What one page request costs the database: the session looked up once however many loaders ask, and a
// text search with more matches than the count shows listed in date order without sorting every match.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSession, endSession } from "~/models/auth.server";
import { loader as listLoader } from "~/routes/engagements._index";
import { loader as rootLoader } from "~/root";
import { db } from "~db/connection";
import { sessionCookieHeader } from "../support/session";
import { buildRequest, readJson, runLoader, signedInAs, type TestUser } from "../support/requests";

let officer: TestUser;
beforeAll(async () => {
  officer = await signedInAs("officer", "cost");
});

/** Counts the reads of the sessions table from now on: every run of a statement selecting from it, prepared once or not. */
function countSessionLookups(): { count: () => number; stop: () => void } {
  const statement = Object.getPrototypeOf(db().$client.prepare("select 1")) as { get: (...args: unknown[]) => unknown };
  const get = statement.get;
  let n = 0;
  statement.get = function (this: { source: string }, ...args: unknown[]) {
    if (/^select .* from "sessions"/i.test(this.source)) n++;
    return get.apply(this, args);
  };
  return { count: () => n, stop: () => (statement.get = get) };
}

let counter: ReturnType<typeof countSessionLookups> | undefined;
afterEach(() => counter?.stop());

/** One page request as Remix runs it: the root's loader and the route's, each given its own copy of the request. */
async function pageRequest(path: string, { requestId, cookie }: { requestId: string; cookie: string }) {
  const request = buildRequest(path);
  request.headers.set("Cookie", cookie);
  request.headers.set("x-tracker-request-id", requestId);
  const copy = () => new Request(request.url, { method: request.method, headers: request.headers });
  const [root, route] = await Promise.all([
    rootLoader({ request: copy(), params: {}, context: {} }),
    listLoader({ request: copy(), params: {}, context: {} }).catch((thrown: unknown) => thrown as Response),
  ]);
  return { root: await readJson(root), route: route as Response };
}

describe("the session is looked up once per request", () => {
  it("the root loader and the page's loader of one request share one lookup; the next request looks again", async () => {
    counter = countSessionLookups();
    const first = await pageRequest("/engagements", { requestId: "cost-1", cookie: officer.cookie });
    expect(first.root.user.email).toBe(officer.email);
    expect(first.route.status).toBe(200);
    expect(counter.count()).toBe(1);
    await pageRequest("/engagements", { requestId: "cost-2", cookie: officer.cookie });
    expect(counter.count()).toBe(2);
  });

  it("a session ended between two requests is noticed by the next one", async () => {
    const token = await createSession({ userId: officer.id, ip: "127.0.0.1" });
    const cookie = await sessionCookieHeader(token);
    const before = await pageRequest("/engagements", { requestId: "cost-3", cookie });
    expect(before.root.user.id).toBe(officer.id);
    await endSession({ token, user: null });
    const after = await pageRequest("/engagements", { requestId: "cost-4", cookie });
    expect(after.root.user).toBeNull();
    expect(after.route.status).toBe(302);
  });

  it("without the server's request id every loader looks the session up itself", async () => {
    counter = countSessionLookups();
    await runLoader(rootLoader, "/engagements", { user: officer });
    await runLoader(listLoader, "/engagements", { user: officer });
    expect(counter.count()).toBe(2);
  });
});

describe("a text search with more than 10,000 matches", () => {
  const WORD = "lorrywatch";
  const MATCHES = 10_400;

  beforeAll(() => {
    // Dates scattered against the order of the ids (as an import of old minutes leaves them), some archived,
    // and engagements without the word in between.
    const client = db().$client;
    const insert = client.prepare(
      "insert into engagements (title, kind, status, date, archived_at, purpose) values (?, 'meeting', 'held', ?, ?, ?)",
    );
    const start = Date.UTC(2015, 0, 1);
    client.transaction(() => {
      for (let i = 0; i < MATCHES + 600; i++) {
        const date = new Date(start + ((i * 7919) % 4000) * 86_400_000).toISOString().slice(0, 10);
        const matches = i % 20 !== 7;
        insert.run(
          matches ? `Roadside check ${i}` : `Other meeting ${i}`,
          date,
          i % 50 === 3 ? "2026-01-01T00:00:00.000Z" : null,
          matches ? `Talked about the ${WORD} scheme` : "Nothing in common",
        );
      }
    })();
  });

  /** The ids the list must show, in its order (newest first, then the higher id), straight from the table. */
  function expectedIds(after: { date: string; id: number } | null, limit: number): number[] {
    return (
      db()
        .$client.prepare(
          `select id from engagements where archived_at is null and purpose like ? ${after ? "and (date, id) < (?, ?)" : ""}
           order by date desc, id desc limit ?`,
        )
        .all(...[`%${WORD}%`, ...(after ? [after.date, after.id] : []), limit]) as { id: number }[]
    ).map((r) => r.id);
  }

  it('shows "More than 1,000" (a common word) and the first pages in date order, forwards and back', async () => {
    const first = await readJson(await runLoader(listLoader, `/engagements?q=${WORD}`, { user: officer }));
    // A common word's count stops past 1,000: the page shows "More than 1,000 engagements" (docs/decisions/0025).
    expect(first.totalCap).toBe(1_000);
    expect(first.total).toBe(1_001);
    const shown = first.rows.map((r: { id: number }) => r.id);
    expect(shown).toEqual(expectedIds(null, 25));

    const second = await readJson(await runLoader(listLoader, first.next, { user: officer }));
    const last = first.rows[24];
    expect(second.rows.map((r: { id: number }) => r.id)).toEqual(expectedIds({ date: last.date, id: last.id }, 25));

    const back = await readJson(await runLoader(listLoader, second.previous, { user: officer }));
    expect(back.rows.map((r: { id: number }) => r.id)).toEqual(shown);
    expect(back.previous).toBeNull();
  });

  it("counts exactly 1,000 live matches of a word that archived engagements carry too, not past the cap", async () => {
    // Whether a word is common is decided from the live matches alone: 1,000 of them and five archived are 1,000.
    const insert = db().$client.prepare(
      "insert into engagements (title, kind, status, date, archived_at, purpose) values (?, 'meeting', 'held', '2016-03-01', ?, 'A kerbwatch visit')",
    );
    db().$client.transaction(() => {
      for (let i = 0; i < 1_005; i++) insert.run(`Kerb ${i}`, i % 201 === 5 ? "2026-01-01T00:00:00.000Z" : null);
    })();
    const data = await readJson(await runLoader(listLoader, "/engagements?q=kerbwatch", { user: officer }));
    expect(data.total).toBe(1_000);
  });

  it("counts exactly when the other filters leave fewer than 1,000", async () => {
    const data = await readJson(await runLoader(listLoader, `/engagements?q=${WORD}&from=2016-01-01&to=2016-01-31`, { user: officer }));
    const expected = db()
      .$client.prepare(
        "select count(*) as n from engagements where archived_at is null and purpose like ? and date between '2016-01-01' and '2016-01-31'",
      )
      .get(`%${WORD}%`) as { n: number };
    expect(expected.n).toBeGreaterThan(25);
    expect(data.total).toBe(expected.n);
    expect(data.rows.map((r: { id: number }) => r.id)).toEqual(
      (
        db()
          .$client.prepare(
            "select id from engagements where archived_at is null and purpose like ? and date between '2016-01-01' and '2016-01-31' order by date desc, id desc limit 25",
          )
          .all(`%${WORD}%`) as { id: number }[]
      ).map((r) => r.id),
    );
  });
});
