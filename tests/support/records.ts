// Reads and writes that only tests need: counting rows to prove a refused request wrote nothing,
// and reading or changing a record directly rather than through a page.
import { count, eq } from "drizzle-orm";
import { db } from "~db/connection";
import {
  actions,
  agendaItems,
  attendees,
  engagementOrganisations,
  engagements,
  engagementThemes,
  organisations,
  themes,
  users,
} from "~db/schema";
import { changeActionAs, type Action, type ActionChange } from "~/models/action.server";
import type { Actor } from "~/models/audit.server";

/** How many rows each table of the engagement aggregate holds. */
export function countEngagementRows() {
  const database = db();
  const n = (
    table:
      | typeof engagements
      | typeof attendees
      | typeof agendaItems
      | typeof actions
      | typeof engagementOrganisations
      | typeof engagementThemes
      | typeof themes,
  ) => database.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    engagements: n(engagements),
    organisations: n(engagementOrganisations),
    themes: n(themes),
    engagementThemes: n(engagementThemes),
    attendees: n(attendees),
    agendaItems: n(agendaItems),
    actions: n(actions),
  };
}

export function getOrganisationById(id: number) {
  return db().select().from(organisations).where(eq(organisations.id, id)).get();
}

export function getAction(id: number): Action | undefined {
  return db().select().from(actions).where(eq(actions.id, id)).get();
}

/** An account with its password hash, to prove what was stored. */
export function getUserByEmailWithHash(email: string) {
  return db().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/** Change an action as someone else did meanwhile, whoever may change it (the change is audited as theirs). */
export function changeAction({ id, version, change, actor }: { id: number; version: number; change: ActionChange; actor: Actor }) {
  return changeActionAs({ id, version, change, user: { ...actor, role: "admin" } });
}
