// Test data written straight into the test's SQLite copy, for tests of pages that read
// engagements and actions without going through the engagement form.
import { eq } from "drizzle-orm";
import { db } from "~db/connection";
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
} from "~db/schema";

export function organisationId(slug: string): number {
  const row = db().select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).get();
  if (!row) throw new Error(`no organisation ${slug}`);
  return row.id;
}

export function insertTheme(name: string): number {
  return db().insert(themes).values({ name, createdAt: new Date().toISOString() }).returning().get().id;
}

type EngagementFixture = Partial<typeof engagements.$inferInsert> & {
  organisationSlugs?: string[];
  themeIds?: number[];
  actions?: Partial<typeof actions.$inferInsert>[];
};

export function insertEngagement(input: EngagementFixture = {}) {
  const { organisationSlugs = ["europol"], themeIds = [], actions: actionInputs = [], ...fields } = input;
  return db().transaction((tx) => {
    const engagement = tx
      .insert(engagements)
      .values({ title: "Fixture meeting", kind: "meeting", status: "held", date: "2026-10-01", ...fields })
      .returning()
      .get();
    for (const slug of organisationSlugs)
      tx.insert(engagementOrganisations)
        .values({ engagementId: engagement.id, organisationId: organisationId(slug) })
        .run();
    for (const themeId of themeIds) tx.insert(engagementThemes).values({ engagementId: engagement.id, themeId }).run();
    const inserted = actionInputs.map((a, position) =>
      tx
        .insert(actions)
        .values({
          engagementId: engagement.id,
          kind: "commitment",
          description: "Fixture action",
          ownerType: "office",
          organisationId: organisationId(organisationSlugs[0]),
          position,
          ...a,
        })
        .returning()
        .get(),
    );
    return { engagement, actions: inserted };
  });
}

/** A contact of an organisation (for attendees who are contacts). */
export function insertContact(organisationSlug: string, name: string, roleTitle: string | null = null): number {
  return db()
    .insert(contacts)
    .values({ organisationId: organisationId(organisationSlug), name, roleTitle })
    .returning()
    .get().id;
}

/** An attendee of an engagement: a staff user, a contact, or a free-text name (give exactly one). */
export function insertAttendee(
  engagementId: number,
  input: {
    userId?: number;
    contactId?: number;
    name?: string;
    roleTitle?: string | null;
    side?: "office" | "stakeholder" | "other";
    position?: number;
  },
) {
  return db()
    .insert(attendees)
    .values({
      engagementId,
      position: input.position ?? 0,
      side: input.side ?? "stakeholder",
      userId: input.userId,
      contactId: input.contactId,
      name: input.name,
      roleTitle: input.roleTitle,
    })
    .returning()
    .get();
}

/** An agenda item of an engagement. */
export function insertAgendaItem(
  engagementId: number,
  input: { title: string; notes?: string | null; outcome?: string | null; position?: number },
) {
  return db()
    .insert(agendaItems)
    .values({ engagementId, position: input.position ?? 0, title: input.title, notes: input.notes, outcome: input.outcome })
    .returning()
    .get();
}
