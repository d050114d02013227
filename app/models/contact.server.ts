import { and, asc, eq, sql } from "drizzle-orm";
import { createOnce } from "./create-keys.server";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { attendees, auditEvents, contacts, organisations } from "~db/schema";
import { fieldLabel } from "~/domain/field-labels";
import { diffFields, nowIso, recordAudit, type Actor } from "./audit.server";
import { atVersion, NotFoundError } from "./errors";
import { preparedQuery } from "./prepared-statements.server";

export type Contact = typeof contacts.$inferSelect;

export type ContactInput = {
  name: string;
  roleTitle?: string | null;
  email?: string | null;
  phone?: string | null;
  inPost: boolean;
};

/** What erasure leaves in the before/after of a removed contact's earlier audit events. */
const ERASED_AUDIT_VALUE = JSON.stringify({ redacted: "erased" });

// Audit summaries of contact events never name the person: erasure redacts before/after,
// and a summary free of personal data needs no rewriting.

export function listContacts(organisationId: number): Contact[] {
  return contactsQuery().all({ organisationId });
}

const contactsQuery = preparedQuery((database) =>
  database
    .select()
    .from(contacts)
    .where(eq(contacts.organisationId, sql.placeholder("organisationId")))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .prepare(),
);

/** A contact of this organisation; a contact of another organisation is not found here. */
export function getContact({ organisationId, contactId }: { organisationId: number; contactId: number }): Contact | undefined {
  return db()
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.organisationId, organisationId)))
    .get();
}

function clean(input: ContactInput) {
  return {
    name: input.name.trim(),
    roleTitle: input.roleTitle?.trim() || null,
    email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() || null,
    inPost: input.inPost,
  };
}

function organisationName(tx: Tx | Db, organisationId: number): string {
  const org = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!org) throw new NotFoundError("Organisation");
  return org.name;
}

export function addContact({
  organisationId,
  input,
  actor,
  createKey,
}: {
  organisationId: number;
  input: ContactInput;
  actor: Actor;
  /** The form's one-time key: a second post with it lands on the contact the first added. */
  createKey?: string | null;
}): Promise<Contact> {
  return writeTransaction(
    (tx) =>
      createOnce(
        tx,
        { key: createKey, userId: actor.id, entityType: "contact" },
        {
          find: (id) =>
            tx
              .select()
              .from(contacts)
              .where(and(eq(contacts.id, id), eq(contacts.organisationId, organisationId)))
              .get(),
          create: () => addContactIn(tx, { organisationId, input, actor }),
        },
      ).record,
  );
}

function addContactIn(tx: Tx, { organisationId, input, actor }: { organisationId: number; input: ContactInput; actor: Actor }): Contact {
  const orgName = organisationName(tx, organisationId);
  const now = nowIso();
  const row = tx
    .insert(contacts)
    .values({ ...clean(input), organisationId, createdAt: now, updatedAt: now })
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    action: "create",
    entityType: "contact",
    entityId: row.id,
    summary: `Contact added to ${orgName}`,
    after: { organisationId, ...clean(input) },
  });
  return row;
}

export function updateContact({
  organisationId,
  contactId,
  version: expectedVersion,
  input,
  actor,
}: {
  organisationId: number;
  contactId: number;
  version: number;
  input: ContactInput;
  actor: Actor;
}): Promise<Contact> {
  return writeTransaction((tx) => {
    const current = atVersion(
      tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.organisationId, organisationId)))
        .get(),
      expectedVersion,
      { what: "Contact", thing: "this contact" },
    );
    const next = clean(input);
    const diff = diffFields(current, next);
    if (!diff) return current;
    const row = tx
      .update(contacts)
      .set({ ...next, updatedAt: nowIso(), version: current.version + 1 })
      .where(and(eq(contacts.id, contactId), eq(contacts.version, expectedVersion)))
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "contact",
      entityId: contactId,
      summary: `Contact at ${organisationName(tx, organisationId)} updated`,
      ...diff,
    });
    return row;
  });
}

/**
 * Erase a contact: the row is deleted, not archived, because a contact is personal data that
 * the person can ask us to erase (see docs/decisions/0003-contact-erasure.md). Their earlier
 * audit events keep who did what and when, but their before/after are redacted; the removal
 * itself is recorded with the contact's id and the organisation only. Engagements they attended
 * keep an anonymous attendee line in their place.
 */
export async function removeContact({
  organisationId,
  contactId,
  actor,
}: {
  organisationId: number;
  contactId: number;
  actor: Actor;
}): Promise<void> {
  await writeTransaction((tx) => {
    const current = tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.organisationId, organisationId)))
      .get();
    if (!current) throw new NotFoundError("Contact");
    const orgName = organisationName(tx, organisationId);
    tx.update(attendees).set({ contactId: null, name: "Former contact (details erased)" }).where(eq(attendees.contactId, contactId)).run();
    tx.delete(contacts).where(eq(contacts.id, contactId)).run();
    tx.update(auditEvents)
      .set({
        before: sql`case when ${auditEvents.before} is null then null else ${ERASED_AUDIT_VALUE} end`,
        after: sql`case when ${auditEvents.after} is null then null else ${ERASED_AUDIT_VALUE} end`,
      })
      .where(and(eq(auditEvents.entityType, "contact"), eq(auditEvents.entityId, String(contactId))))
      .run();
    recordAudit(tx, {
      actor,
      action: "delete",
      entityType: "contact",
      entityId: contactId,
      summary: `Contact removed from ${orgName}`,
      // Not personal: lets the organisation's history find this event after the row is gone.
      before: { organisationId },
    });
  });
}

/** After a conflict: where the saved contact now differs from what the person submitted. */
export function describeContactConflict({ current, submitted }: { current: Contact; submitted: ContactInput }) {
  const next = clean(submitted);
  const show = (field: keyof typeof next, value: unknown) =>
    field === "inPost" ? (value ? "Yes" : "No") : value === null || value === undefined || value === "" ? "None" : String(value);
  return (Object.keys(next) as (keyof typeof next)[])
    .filter((field) => (current[field] ?? null) !== (next[field] ?? null))
    .map((field) => ({ field, label: fieldLabel("contact", field), saved: show(field, current[field]), yours: show(field, next[field]) }));
}
