// The engagement aggregate as stored: an engagement with its organisations, themes, attendees, agenda
// items and the actions (commitments and follow-ups) it gave rise to, loaded whole; and the names of
// what it refers to. See docs/decisions/0004-engagement-form-saves-and-conflicts.md.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, type Tx } from "~db/connection";
import { preparedStatement } from "~/models/prepared-statements.server";
import {
  actions,
  agendaItems,
  attendees,
  contacts,
  engagementOrganisations,
  engagements,
  engagementThemes,
  organisations,
  themes,
  users,
} from "~db/schema";
import type { EngagementNames } from "~/domain/engagement-conflict";

export type Engagement = typeof engagements.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;

export type Aggregate = {
  engagement: Engagement;
  organisationIds: number[];
  themeIds: number[];
  attendees: (typeof attendees.$inferSelect)[];
  agenda: (typeof agendaItems.$inferSelect)[];
  actions: ActionRow[];
};

/**
 * The aggregate's queries, one engagement id each. On the process-wide connection (the pages read through it on
 * every request) each is prepared once; drizzle otherwise builds and prepares the SQL on every call, which cost
 * more than running it (docs/decisions/0019). Inside a transaction they are prepared as they run.
 */
function aggregateQueries(handle: Tx | Db) {
  const id = sql.placeholder("id");
  return {
    engagement: handle.select().from(engagements).where(eq(engagements.id, id)).prepare(),
    organisationIds: handle
      .select({ id: engagementOrganisations.organisationId })
      .from(engagementOrganisations)
      .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
      .where(eq(engagementOrganisations.engagementId, id))
      .orderBy(asc(organisations.name))
      .prepare(),
    themeIds: handle.select({ id: engagementThemes.themeId }).from(engagementThemes).where(eq(engagementThemes.engagementId, id)).prepare(),
    attendees: handle.select().from(attendees).where(eq(attendees.engagementId, id)).orderBy(asc(attendees.position)).prepare(),
    agenda: handle.select().from(agendaItems).where(eq(agendaItems.engagementId, id)).orderBy(asc(agendaItems.position)).prepare(),
    actions: handle.select().from(actions).where(eq(actions.engagementId, id)).orderBy(asc(actions.kind), asc(actions.position)).prepare(),
  };
}

const preparedOnConnection = new WeakMap<Db, ReturnType<typeof aggregateQueries>>();

function queriesFor(handle: Tx | Db): ReturnType<typeof aggregateQueries> {
  if (!("$client" in handle)) return aggregateQueries(handle);
  let queries = preparedOnConnection.get(handle);
  if (!queries) preparedOnConnection.set(handle, (queries = aggregateQueries(handle)));
  return queries;
}

export function loadAggregate(tx: Tx | Db, id: number): Aggregate | undefined {
  const queries = queriesFor(tx);
  const engagement = queries.engagement.get({ id });
  if (!engagement) return undefined;
  return {
    engagement,
    organisationIds: queries.organisationIds.all({ id }).map((r) => r.id),
    themeIds: queries.themeIds.all({ id }).map((r) => r.id),
    attendees: queries.attendees.all({ id }),
    agenda: queries.agenda.all({ id }),
    actions: queries.actions.all({ id }),
  };
}

const NAME_TABLES = { orgs: "organisations", themes: "themes", users: "users", contacts: "contacts" } as const;

/** The names of the organisations, themes, staff and contacts with these ids. */
export function loadNames(
  database: Tx | Db,
  ids: { orgs: number[]; themes: number[]; users: number[]; contacts: number[] },
): EngagementNames {
  const unique = (list: number[]) => [...new Set(list.filter((x) => Number.isSafeInteger(x) && x > 0))];
  // Outside a transaction (the pages), one statement per table prepared once, the ids as a JSON list.
  if ("$client" in database) {
    const client = database.$client;
    const named = (kind: keyof typeof NAME_TABLES) => {
      const list = unique(ids[kind]);
      if (!list.length) return new Map<number, string>();
      const rows = preparedStatement(`SELECT id, name FROM ${NAME_TABLES[kind]} WHERE id IN (SELECT value FROM json_each(?))`, client).all(
        JSON.stringify(list),
      ) as { id: number; name: string }[];
      return new Map(rows.map((r) => [r.id, r.name]));
    };
    return { orgs: named("orgs"), themes: named("themes"), users: named("users"), contacts: named("contacts") };
  }
  const orgs = unique(ids.orgs);
  const themeIds = unique(ids.themes);
  const userIds = unique(ids.users);
  const contactIds = unique(ids.contacts);
  return {
    orgs: new Map(
      orgs.length
        ? database
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, orgs))
            .all()
            .map((o) => [o.id, o.name])
        : [],
    ),
    themes: new Map(
      themeIds.length
        ? database
            .select({ id: themes.id, name: themes.name })
            .from(themes)
            .where(inArray(themes.id, themeIds))
            .all()
            .map((t) => [t.id, t.name])
        : [],
    ),
    users: new Map(
      userIds.length
        ? database
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, userIds))
            .all()
            .map((u) => [u.id, u.name])
        : [],
    ),
    contacts: new Map(
      contactIds.length
        ? database
            .select({ id: contacts.id, name: contacts.name })
            .from(contacts)
            .where(inArray(contacts.id, contactIds))
            .all()
            .map((c) => [c.id, c.name])
        : [],
    ),
  };
}
