// The demo-data generator: realistic, deterministic engagements with the reference organisations,
// for trying the app and for benchmarks. The same seed and "today" give the same data.
// Fast on purpose (benchmarks fill 20,000 engagements): one transaction, prepared statements.
import type { Db } from "../db/connection";
import { hashPassword } from "~/models/password.server";
import { REPORT_COUNT_BACKFILL, REPORT_COUNT_TABLES } from "../db/report-count-triggers.mjs";
import { seedDemoRecommendations } from "./demo-recommendations";

export const DEMO_PASSWORD = "demo passphrase for trying the tracker";

export const DEMO_STAFF = [
  { email: "priya.shah@demo.example.org", name: "Priya Shah", role: "officer" },
  { email: "tom.walker@demo.example.org", name: "Tom Walker", role: "officer" },
  { email: "aisha.bello@demo.example.org", name: "Aisha Bello", role: "officer" },
  { email: "grace.liu@demo.example.org", name: "Grace Liu", role: "manager" },
  { email: "demo.admin@demo.example.org", name: "Dev Admin", role: "admin" },
] as const;

export const DEMO_THEMES = [
  "Victim identification",
  "Prosecutions",
  "International cooperation",
  "Inspection recommendations",
  "Labour exploitation",
  "Criminal exploitation and county lines",
  "Sexual exploitation",
  "Child victims",
  "Data and the National Referral Mechanism",
  "Training and awareness",
];

export class DemoRefused extends Error {}

export type DemoOptions = { engagements: number; seed?: number; today?: string; force?: boolean };
export type DemoResult = {
  engagements: number;
  actions: number;
  agendaItems: number;
  attendees: number;
  resolvedFollowUps: number;
  replaced: number;
  recommendations: { reports: number; recommendations: number; takeUps: number };
  staff: { email: string; name: string; role: string }[];
  password: string;
  milliseconds: number;
};

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const chance = (p: number) => next() < p;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  return { next, int, pick, chance, weighted };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function ukToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(),
  );
}

const FIRST = [
  "James",
  "Sarah",
  "Mohammed",
  "Emma",
  "David",
  "Olivia",
  "Daniel",
  "Sophie",
  "Amir",
  "Hannah",
  "Chidi",
  "Ngozi",
  "Linh",
  "Marco",
  "Elena",
  "Andrius",
  "Ioana",
  "Claire",
  "Rajesh",
  "Fiona",
  "Kwame",
  "Joanne",
  "Pierre",
  "Maria",
];
const LAST = [
  "Smith",
  "Jones",
  "Khan",
  "Taylor",
  "Brown",
  "Williams",
  "Patel",
  "Evans",
  "Okafor",
  "Adeyemi",
  "Nguyen",
  "Rossi",
  "Papadopoulos",
  "Kazlauskas",
  "Popescu",
  "Martin",
  "Murphy",
  "Hughes",
  "Campbell",
  "Ali",
  "Clarke",
  "Dubois",
  "Moreau",
  "Byrne",
];

const ROLES: Record<string, readonly string[]> = {
  police_force: [
    "Detective Chief Inspector, modern slavery lead",
    "Detective Superintendent",
    "Assistant Chief Constable",
    "Detective Inspector, exploitation team",
    "Chief Superintendent, public protection",
  ],
  pcc: ["Police and Crime Commissioner", "Chief Executive", "Head of Policy", "Victims Commissioning Manager"],
  national_policing_body: [
    "Head of Modern Slavery and Human Trafficking",
    "Senior Investigating Officer",
    "Programme Director",
    "Intelligence Manager",
    "Deputy Director",
  ],
  border_immigration: ["Director, Safeguarding", "Head of Modern Slavery", "Senior Officer, Border Force", "Deputy Director, Operations"],
  inspectorate: ["HM Inspector of Constabulary", "Inspection Lead", "Senior Policy Adviser"],
  prosecutor: ["Modern Slavery Lead Prosecutor", "Chief Crown Prosecutor", "Legal Adviser"],
  government_department: ["Head of Modern Slavery Unit", "Policy Lead", "Deputy Director", "Senior Policy Adviser"],
  international_agency: ["Head of Unit, Trafficking in Human Beings", "Liaison Officer", "Analyst", "Senior Specialist"],
  overseas_agency: ["Director General", "Head of Investigations", "Liaison Officer", "Head of International Cooperation"],
};

const TOPICS = [
  "National Referral Mechanism referrals",
  "Victim identification at the border",
  "Duty to notify",
  "Prosecutions and charge rates",
  "Joint investigation teams",
  "Training for first responders",
  "Data sharing",
  "Progress on inspection recommendations",
  "County lines and criminal exploitation",
  "Labour exploitation in car washes and nail bars",
  "Online sexual exploitation",
  "Victim care after rescue",
  "Slavery and Trafficking Prevention Orders",
  "Financial investigation and confiscation",
  "Intelligence sharing",
  "Safe returns and reintegration",
  "Child victims and guardianship",
  "Supply chain transparency",
  "Cross-border cooperation",
  "Language support for victims",
];

const TOPIC_THEMES: Record<string, number[]> = {
  "National Referral Mechanism referrals": [8, 0],
  "Victim identification at the border": [0],
  "Duty to notify": [8],
  "Prosecutions and charge rates": [1],
  "Joint investigation teams": [2, 1],
  "Training for first responders": [9, 0],
  "Data sharing": [8, 2],
  "Progress on inspection recommendations": [3],
  "County lines and criminal exploitation": [5, 7],
  "Labour exploitation in car washes and nail bars": [4],
  "Online sexual exploitation": [6],
  "Victim care after rescue": [0],
  "Slavery and Trafficking Prevention Orders": [1],
  "Financial investigation and confiscation": [1],
  "Intelligence sharing": [2],
  "Safe returns and reintegration": [2, 0],
  "Child victims and guardianship": [7],
  "Supply chain transparency": [4],
  "Cross-border cooperation": [2],
  "Language support for victims": [0, 9],
};

const NOTES = [
  (o: string, t: string, r: ReturnType<typeof prng>) =>
    `${o} reported ${r.int(12, 480)} cases linked to ${t.toLowerCase()} in the last quarter, ${r.pick(["up", "down"])} ${r.int(3, 35)}% on the quarter before.`,
  (o: string, t: string) =>
    `The office raised concerns about inconsistent practice on ${t.toLowerCase()}. ${o} acknowledged the gaps and described the work under way.`,
  (o: string, t: string) => `${o} set out its current approach to ${t.toLowerCase()} and the resources committed to it this year.`,
  (o: string, t: string, r: ReturnType<typeof prng>) =>
    `Discussion of ${r.int(2, 6)} recent cases. ${o} noted delays in the referral process and asked for the office's view.`,
  (_o: string, t: string) =>
    `Both sides agreed that ${t.toLowerCase()} remains a priority. Figures to be checked before they are published.`,
];

const OUTCOMES = [
  "Agreed to share updated figures before the next meeting.",
  "The office will set out its recommendations in writing.",
  "A joint note will be drafted and circulated.",
  "To be raised again at the national working group.",
  "No change for now; review in three months.",
  "Agreed a single point of contact on each side.",
];

const STAKEHOLDER_COMMITMENTS = [
  (t: string) => `Share the latest figures on ${t.toLowerCase()}`,
  (t: string) => `Provide a written update on ${t.toLowerCase()}`,
  () => "Nominate a single point of contact for the office",
  () => "Circulate the action plan agreed at the meeting",
  (t: string) => `Review local guidance on ${t.toLowerCase()} and report back`,
  () => "Confirm attendance at the next national roundtable",
];
const OFFICE_COMMITMENTS = [
  (t: string) => `Send the office's research on ${t.toLowerCase()}`,
  () => "Share the Commissioner's letter to chief constables",
  (t: string) => `Introduce the team to the national lead on ${t.toLowerCase()}`,
  () => "Provide comments on the draft strategy",
];
const FOLLOW_UPS = [
  (o: string) => `Write to ${o} confirming the actions agreed`,
  (o: string) => `Arrange the next meeting with ${o}`,
  (_o: string, t: string) => `Brief the Commissioner on ${t.toLowerCase()}`,
  (o: string, t: string) => `Chase ${o} for the figures on ${t.toLowerCase()}`,
];
const DONE_NOTES = [
  "Received and filed in the shared folder.",
  "Done on time.",
  "Completed; discussed at the following meeting.",
  "Sent, and acknowledged by return.",
  "Done, a week late.",
];
const DROPPED_NOTES = [
  "No longer needed after the policy change.",
  "Superseded by the national review.",
  "Contact left post; not pursued.",
  "Overtaken by events.",
];

type Org = { id: number; slug: string; name: string; shortName: string | null; kind: string; nation: string };

const KIND_WEIGHTS: Record<string, number> = {
  police_force: 30,
  pcc: 14,
  national_policing_body: 20,
  border_immigration: 8,
  inspectorate: 5,
  prosecutor: 5,
  government_department: 9,
  international_agency: 5,
  overseas_agency: 4,
};

const UK = new Set(["England", "Wales", "Scotland", "Northern Ireland", "UK"]);

/**
 * Fill the database with `engagements` demo engagements. Refuses (DemoRefused) when it holds
 * engagements people recorded, unless `force`. Demo engagements from an earlier run are replaced,
 * so a run gives the same data set whatever came before.
 */
export async function seedDemo(database: Db, options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const sqlite = database.$client;
  const count = Math.floor(options.engagements);
  if (!Number.isFinite(count) || count < 1 || count > 500_000)
    throw new DemoRefused("--engagements must be a whole number from 1 to 500,000");
  const today = options.today ?? ukToday();
  const r = prng(options.seed ?? 20261128);
  const real = sqlite.prepare("select count(*) as n from engagements where is_demo = 0").get() as { n: number };
  if (real.n > 0 && !options.force)
    throw new DemoRefused(
      `The database holds ${real.n} engagements recorded by people. Demo data would mix with them: use an empty database, or --force to add it anyway.`,
    );

  const orgs = sqlite
    .prepare("select id, slug, name, short_name as shortName, kind, nation from organisations where archived_at is null order by id")
    .all() as Org[];
  if (!orgs.length) throw new DemoRefused("No organisations: load the reference organisations first (npm run db:seed)");

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date().toISOString();

  // Keeping the text index up to date row by row is most of the cost of a large run (about 80%):
  // the seed lifts its triggers, writes everything, puts the triggers back as they were and
  // rebuilds the index in one pass. All inside the one transaction, so no reader ever sees a gap.
  const ftsTriggers = sqlite
    .prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'engagements' and name like 'engagements_fts_%'")
    .all() as { name: string; sql: string }[];
  // The report builder's counters likewise (docs/decisions/0030): their triggers tripled the seed's time. They are
  // emptied and filled again from every engagement at the end, the earlier run's replaced ones included.
  const reportCountTriggers = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'trigger' and (name glob 'report_counts_*' or name glob 'report_*_drop_nought')",
    )
    .all() as { name: string; sql: string }[];
  const cacheSize = sqlite.pragma("cache_size", { simple: true });
  sqlite.pragma("cache_size = -200000"); // 200 MB of page cache for the bulk write

  const result = sqlite.transaction(() => {
    for (const t of [...ftsTriggers, ...reportCountTriggers]) sqlite.exec(`drop trigger "${t.name.replace(/"/g, '""')}"`);
    // Replace an earlier run's demo engagements (and everything hanging off them).
    const demoIds = "select id from engagements where is_demo = 1";
    const replaced = (sqlite.prepare(`select count(*) as n from engagements where is_demo = 1`).get() as { n: number }).n;
    if (replaced) {
      sqlite.prepare(`update actions set resolved_by_engagement_id = null where resolved_by_engagement_id in (${demoIds})`).run();
      for (const table of ["recommendation_links", "actions", "attendees", "agenda_items", "engagement_themes", "engagement_organisations"])
        sqlite.prepare(`delete from ${table} where engagement_id in (${demoIds})`).run();
      sqlite.prepare("delete from engagements where is_demo = 1").run();
    }

    // Demo staff, made once.
    const findUser = sqlite.prepare("select id from users where email = ?");
    const insertUser = sqlite.prepare(
      "insert into users (email, name, role, password_hash, is_demo, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)",
    );
    const staff = DEMO_STAFF.map((s) => {
      const found = findUser.get(s.email) as { id: number } | undefined;
      const id = found ? found.id : Number(insertUser.run(s.email, s.name, s.role, passwordHash, now, now).lastInsertRowid);
      return { ...s, id };
    });
    const officers = staff.filter((s) => s.role !== "admin");

    const findTheme = sqlite.prepare("select id from themes where lower(name) = lower(?)");
    const insertTheme = sqlite.prepare("insert into themes (name, created_at) values (?, ?)");
    const themeIds = DEMO_THEMES.map((name) => {
      const found = findTheme.get(name) as { id: number } | undefined;
      return found ? found.id : Number(insertTheme.run(name, now).lastInsertRowid);
    });

    const insertEngagement = sqlite.prepare(
      `insert into engagements (title, kind, status, date, start_time, end_time, format, location, country, purpose, summary, marking, lead_user_id, created_by_id, is_demo, created_at, updated_at)
       values (@title, @kind, @status, @date, @startTime, @endTime, @format, @location, @country, @purpose, @summary, @marking, @lead, @lead, 1, @at, @at)`,
    );
    const insertLink = sqlite.prepare("insert into engagement_organisations (engagement_id, organisation_id) values (?, ?)");
    const insertEngagementTheme = sqlite.prepare("insert into engagement_themes (engagement_id, theme_id) values (?, ?)");
    const insertAttendee = sqlite.prepare(
      "insert into attendees (engagement_id, position, user_id, name, role_title, side) values (?, ?, ?, ?, ?, ?)",
    );
    const insertAgenda = sqlite.prepare("insert into agenda_items (engagement_id, position, title, notes, outcome) values (?, ?, ?, ?, ?)");
    const insertAction = sqlite.prepare(
      `insert into actions (engagement_id, kind, description, organisation_id, owner_type, owner_user_id, owner_name, due_date, status, closing_note, closed_at, closed_by_id, agenda_item_id, position, created_at, updated_at)
       values (@engagementId, @kind, @description, @organisationId, @ownerType, @ownerUserId, @ownerName, @dueDate, @status, @closingNote, @closedAt, @closedById, @agendaItemId, @position, @at, @updatedAt)`,
    );
    const resolve = sqlite.prepare(
      "update actions set resolved_by_engagement_id = ?, status = 'done', closing_note = ?, closed_at = ?, closed_by_id = owner_user_id, updated_at = ?, version = version + 1 where id = ?",
    );

    const weightedOrgs = orgs.map((o) => [o, KIND_WEIGHTS[o.kind] ?? 3] as const);
    // Engagements spread over the last three years, a few (1.5%) planned in the next two months; in date order.
    const span = 3 * 365;
    const dates = Array.from({ length: count }, () =>
      r.chance(0.015) ? addDays(today, r.int(1, 60)) : addDays(today, -r.int(0, span)),
    ).sort();
    const openFollowUps = new Map<number, { id: number; date: string }[]>();
    let actionsMade = 0;
    let agendaMade = 0;
    let attendeesMade = 0;
    let resolved = 0;

    for (const date of dates) {
      const future = date > today;
      const howMany = r.weighted([
        [1, 80],
        [2, 17],
        [3, 3],
      ] as const);
      const chosen: Org[] = [];
      while (chosen.length < howMany) {
        const o = r.weighted(weightedOrgs);
        if (!chosen.includes(o)) chosen.push(o);
      }
      const lead = r.pick(officers);
      const main = chosen[0];
      const short = main.shortName || main.name;
      const topics = [r.pick(TOPICS), r.pick(TOPICS), r.pick(TOPICS), r.pick(TOPICS)].filter((t, i, a) => a.indexOf(t) === i);
      const kind = r.weighted([
        ["meeting", 45],
        ["call", 25],
        ["visit", 10],
        ["conference", 5],
        ["correspondence", 12],
        ["other", 3],
      ] as const);
      const status = future ? "planned" : r.chance(0.07) ? "cancelled" : "held";
      const overseas = !UK.has(main.nation) && main.nation !== "International";
      const title =
        kind === "meeting"
          ? r.pick([`Quarterly meeting with ${short}`, `Meeting with ${short} on ${topics[0].toLowerCase()}`, `${short}: ${topics[0]}`])
          : kind === "call"
            ? `Call with ${short} on ${topics[0].toLowerCase()}`
            : kind === "visit"
              ? `Visit to ${short}`
              : kind === "conference"
                ? `${topics[0]} conference (${short})`
                : kind === "correspondence"
                  ? `Letter to ${short} on ${topics[0].toLowerCase()}`
                  : `${short}: ${topics[0].toLowerCase()}`;
      const startHour = r.int(9, 16);
      const length = r.pick([30, 45, 60, 60, 90, 120]);
      const endMinutes = startHour * 60 + length;
      const timed = kind !== "correspondence";
      const format =
        kind === "correspondence"
          ? null
          : kind === "visit"
            ? "in_person"
            : kind === "call"
              ? "virtual"
              : r.pick(["in_person", "virtual", "hybrid"] as const);
      const held = status === "held";
      const engagementId = Number(
        insertEngagement.run({
          title,
          kind,
          status,
          date,
          startTime: timed ? `${String(startHour).padStart(2, "0")}:${r.pick(["00", "30"])}` : null,
          endTime: timed ? `${String(Math.floor(endMinutes / 60)).padStart(2, "0")}:${String(endMinutes % 60).padStart(2, "0")}` : null,
          format,
          location:
            format === "in_person"
              ? kind === "visit"
                ? `${main.name} offices`
                : r.pick(["The office, London", `${main.name} offices`, "Home Office, 2 Marsham Street"])
              : format === "virtual"
                ? "Microsoft Teams"
                : format === "hybrid"
                  ? "The office, London, and online"
                  : null,
          country: overseas
            ? main.nation
            : main.nation === "International"
              ? r.pick(["Netherlands", "France", "United Kingdom"])
              : "United Kingdom",
          purpose: `To discuss ${topics
            .slice(0, 2)
            .map((t) => t.toLowerCase())
            .join(" and ")} with ${short}.`,
          summary: held
            ? `${r.pick(NOTES)(short, topics[0], r)} ${r.pick(OUTCOMES)}`
            : status === "cancelled"
              ? "Cancelled at short notice; to be rearranged."
              : null,
          marking: r.chance(0.15) ? "OFFICIAL-SENSITIVE" : "OFFICIAL",
          lead: lead.id,
          at: `${future ? addDays(today, -r.int(1, 20)) : date}T17:${String(r.int(10, 59)).padStart(2, "0")}:00.000Z`,
        }).lastInsertRowid,
      );
      for (const o of chosen) insertLink.run(engagementId, o.id);
      const themeSet = new Set<number>();
      for (const t of topics.slice(0, r.int(1, 2))) for (const i of TOPIC_THEMES[t] ?? []) themeSet.add(themeIds[i]);
      for (const id of themeSet) insertEngagementTheme.run(engagementId, id);

      // Follow-ups this engagement resolves: the chain between meetings with an organisation.
      if (!future && status === "held") {
        const pending = openFollowUps.get(main.id);
        if (pending?.length && r.chance(0.35)) {
          const fu = pending.shift()!;
          if (fu.date < date) {
            resolve.run(engagementId, `Resolved by engagement “${title}”`, `${date}T17:00:00.000Z`, `${date}T17:00:00.000Z`, fu.id);
            resolved++;
          }
        }
      }
      if (status === "cancelled") continue;

      let position = 0;
      const office = r.chance(0.3) ? [lead, r.pick(officers)].filter((s, i, a) => a.indexOf(s) === i) : [lead];
      for (const s of office) insertAttendee.run(engagementId, position++, s.id, null, null, "office");
      for (const o of chosen)
        for (let i = r.int(1, o === main ? 3 : 1); i > 0; i--) {
          insertAttendee.run(
            engagementId,
            position++,
            null,
            `${r.pick(FIRST)} ${r.pick(LAST)}`,
            `${r.pick(ROLES[o.kind] ?? ["Representative"])}, ${o.shortName || o.name}`,
            "stakeholder",
          );
        }
      attendeesMade += position;

      const agendaIds: number[] = [];
      const items = kind === "correspondence" ? 1 : r.int(2, 4);
      for (let i = 0; i < items; i++) {
        const topic = topics[i % topics.length];
        agendaIds.push(
          Number(
            insertAgenda.run(engagementId, i, topic, held ? r.pick(NOTES)(short, topic, r) : null, held ? r.pick(OUTCOMES) : null)
              .lastInsertRowid,
          ),
        );
      }
      agendaMade += items;

      const actionsOf = (kindOfAction: "commitment" | "follow_up", n: number) => {
        for (let i = 0; i < n; i++) {
          const topic = r.pick(topics);
          const org = r.pick(chosen);
          const byOffice = kindOfAction === "follow_up" || r.chance(0.35);
          const owner = byOffice ? r.pick(officers) : null;
          const due = addDays(date, r.pick([7, 14, 14, 21, 28, 30, 42, 60, 90]));
          const age = (Date.parse(today) - Date.parse(due)) / 86_400_000;
          let state: "open" | "in_progress" | "done" | "dropped" = "open";
          // Old actions are mostly closed; a few linger overdue, as in any real register.
          if (age > 180)
            state = r.weighted([
              ["done", 85],
              ["dropped", 12],
              ["open", 2],
              ["in_progress", 1],
            ] as const);
          else if (age > 30)
            state = r.weighted([
              ["done", 78],
              ["dropped", 8],
              ["open", 10],
              ["in_progress", 4],
            ] as const);
          else if (age > 0)
            state = r.weighted([
              ["done", 55],
              ["open", 30],
              ["in_progress", 10],
              ["dropped", 5],
            ] as const);
          else
            state = r.weighted([
              ["open", 75],
              ["in_progress", 18],
              ["done", 7],
            ] as const);
          const ended = state === "done" || state === "dropped";
          const closedOn = ended ? (due < today ? addDays(due, -r.int(0, 5)) : today) : null;
          const description =
            kindOfAction === "follow_up"
              ? r.pick(FOLLOW_UPS)(org.shortName || org.name, topic)
              : byOffice
                ? r.pick(OFFICE_COMMITMENTS)(topic)
                : r.pick(STAKEHOLDER_COMMITMENTS)(topic);
          const id = Number(
            insertAction.run({
              engagementId,
              kind: kindOfAction,
              description,
              organisationId: org.id,
              ownerType: byOffice ? "office" : "stakeholder",
              ownerUserId: owner?.id ?? null,
              ownerName: byOffice ? null : r.chance(0.6) ? `${r.pick(FIRST)} ${r.pick(LAST)}` : null,
              dueDate: due,
              status: state,
              closingNote: state === "done" ? r.pick(DONE_NOTES) : state === "dropped" ? r.pick(DROPPED_NOTES) : null,
              closedAt: closedOn ? `${closedOn < date ? date : closedOn}T16:00:00.000Z` : null,
              closedById: ended ? (owner?.id ?? lead.id) : null,
              agendaItemId: kindOfAction === "commitment" && r.chance(0.6) ? r.pick(agendaIds) : null,
              position: i,
              at: `${date}T17:00:00.000Z`,
              updatedAt: `${closedOn ?? date}T17:00:00.000Z`,
            }).lastInsertRowid,
          );
          if (kindOfAction === "follow_up" && !ended) {
            const list = openFollowUps.get(org.id) ?? [];
            list.push({ id, date });
            openFollowUps.set(org.id, list);
          }
        }
        actionsMade += n;
      };
      if (status === "held") {
        actionsOf(
          "commitment",
          r.weighted([
            [0, 15],
            [1, 25],
            [2, 30],
            [3, 20],
            [4, 10],
          ] as const),
        );
        actionsOf(
          "follow_up",
          r.weighted([
            [0, 25],
            [1, 55],
            [2, 20],
          ] as const),
        );
      } else {
        actionsOf("follow_up", r.chance(0.5) ? 1 : 0);
      }
    }

    // Inspection reports and their take-up, from a sequence of their own so the engagements above stay the same.
    const recommendationsMade = seedDemoRecommendations(sqlite, {
      orgs,
      today,
      now,
      staffIds: staff.map((s) => s.id),
      r: prng((options.seed ?? 20261128) + 1),
    });

    for (const t of ftsTriggers) sqlite.exec(t.sql);
    if (ftsTriggers.length) sqlite.exec("insert into engagements_fts (engagements_fts) values ('rebuild')");
    if (reportCountTriggers.length) {
      for (const table of REPORT_COUNT_TABLES) sqlite.exec(`delete from ${table}`);
      for (const statement of REPORT_COUNT_BACKFILL) sqlite.exec(statement);
      for (const t of reportCountTriggers) sqlite.exec(t.sql);
    }

    sqlite
      .prepare("insert into audit_events (at, action, entity_type, summary) values (?, 'seed', 'engagement', ?)")
      .run(now, `${count} demo engagements generated${replaced ? `, replacing ${replaced}` : ""}`);
    return {
      engagements: count,
      actions: actionsMade,
      agendaItems: agendaMade,
      attendees: attendeesMade,
      resolvedFollowUps: resolved,
      replaced,
      staff: staff.map(({ email, name, role }) => ({ email, name, role })),
      recommendations: recommendationsMade,
    };
  })();

  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  return { ...result, password: DEMO_PASSWORD, milliseconds: Math.round(performance.now() - started) };
}
