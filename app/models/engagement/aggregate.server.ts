// The engagement aggregate as stored: an engagement with its organisations, themes, attendees, agenda
// items and the actions (commitments and follow-ups) it gave rise to, loaded whole; and the names of
// what it refers to. See docs/decisions/0004-engagement-form-saves-and-conflicts.md.
import { asc, eq, inArray } from "drizzle-orm";
import { type Db, type Tx } from "~db/connection";
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

export function loadAggregate(tx: Tx | Db, id: number): Aggregate | undefined {
  const engagement = tx.select().from(engagements).where(eq(engagements.id, id)).get();
  if (!engagement) return undefined;
  const organisationIds = tx
    .select({ id: engagementOrganisations.organisationId })
    .from(engagementOrganisations)
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(eq(engagementOrganisations.engagementId, id))
    .orderBy(asc(organisations.name))
    .all()
    .map((r) => r.id);
  const themeIds = tx
    .select({ id: engagementThemes.themeId })
    .from(engagementThemes)
    .where(eq(engagementThemes.engagementId, id))
    .all()
    .map((r) => r.id);
  return {
    engagement,
    organisationIds,
    themeIds,
    attendees: tx.select().from(attendees).where(eq(attendees.engagementId, id)).orderBy(asc(attendees.position)).all(),
    agenda: tx.select().from(agendaItems).where(eq(agendaItems.engagementId, id)).orderBy(asc(agendaItems.position)).all(),
    actions: tx.select().from(actions).where(eq(actions.engagementId, id)).orderBy(asc(actions.kind), asc(actions.position)).all(),
  };
}

/** The names of the organisations, themes, staff and contacts with these ids. */
export function loadNames(
  database: Tx | Db,
  ids: { orgs: number[]; themes: number[]; users: number[]; contacts: number[] },
): EngagementNames {
  const unique = (list: number[]) => [...new Set(list.filter((x) => Number.isSafeInteger(x) && x > 0))];
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
