// Checking the ids an engagement form names: each must exist and be choosable.
import { inArray } from "drizzle-orm";
import { type Tx } from "~db/connection";
import { contacts, organisations, themes, users } from "~db/schema";
import type { FieldErrors } from "~/forms/form-data";
import type { EngagementInput } from "~/forms/engagement";
import { RuleError } from "../errors";
import type { Aggregate } from "./aggregate.server";

/** Several rule failures at once (unknown or archived ids), each at its field. */
export class EngagementRuleErrors extends RuleError {
  constructor(fieldErrors: FieldErrors) {
    const [field, message] = Object.entries(fieldErrors)[0];
    super(field, message, fieldErrors);
    this.name = "EngagementRuleErrors";
  }
}

export type Existing = { organisationIds: number[]; userIds: number[]; themeIds: number[]; contactIds: number[] };
export const NOTHING: Existing = { organisationIds: [], userIds: [], themeIds: [], contactIds: [] };

/**
 * Every id the form names must exist and be choosable: not archived or deactivated, unless the
 * engagement already had it (an edit may keep what it has). Returns the problems, each at its field.
 */
export function checkReferences(tx: Tx, input: EngagementInput, existing: Existing): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= message);

  const orgIds = input.organisationIds;
  const orgRows = orgIds.length
    ? tx
        .select({ id: organisations.id, name: organisations.name, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
        .all()
    : [];
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  // Report at the row where the person chose it: find its index in the posted rows.
  input.organisationIds.forEach((oid, i) => {
    const row = orgById.get(oid);
    const field = `organisations.${input.organisationFormIndex?.[i] ?? i}.organisationId`;
    if (!row) add(field, "Choose an organisation from the list");
    else if (row.archivedAt && !existing.organisationIds.includes(oid)) add(field, `${row.name} is archived: choose another organisation`);
  });

  const userIds = new Set<number>();
  if (input.leadUserId) userIds.add(input.leadUserId);
  for (const a of input.attendees) if (a.userId) userIds.add(a.userId);
  for (const a of [...input.commitments, ...input.followUps]) if (a.ownerUserId) userIds.add(a.ownerUserId);
  const userRows = userIds.size
    ? tx
        .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(inArray(users.id, [...userIds]))
        .all()
    : [];
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const checkUser = (uid: number | null, field: string) => {
    if (!uid) return;
    const row = userById.get(uid);
    if (!row) add(field, "Choose a member of staff from the list");
    else if (row.deactivatedAt && !existing.userIds.includes(uid))
      add(field, `${row.name}'s account is no longer active: choose someone else`);
  };
  checkUser(input.leadUserId, "leadUserId");
  for (const a of input.attendees) checkUser(a.userId, `attendees.${a.formIndex}.person`);
  for (const a of input.commitments) checkUser(a.ownerUserId, `commitments.${a.formIndex}.ownerUserId`);
  for (const a of input.followUps) checkUser(a.ownerUserId, `followUps.${a.formIndex}.ownerUserId`);

  const contactIds = input.attendees.filter((a) => a.contactId).map((a) => a.contactId!);
  const contactRows = contactIds.length
    ? tx
        .select({ id: contacts.id, organisationId: contacts.organisationId, name: contacts.name, inPost: contacts.inPost })
        .from(contacts)
        .where(inArray(contacts.id, contactIds))
        .all()
    : [];
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  for (const a of input.attendees) {
    if (!a.contactId) continue;
    const field = `attendees.${a.formIndex}.person`;
    const row = contactById.get(a.contactId);
    if (!row) add(field, "Choose a person from the list");
    else if (!orgIds.includes(row.organisationId))
      add(field, `${row.name} is not a contact of the organisations involved: add their organisation, or choose someone else`);
    else if (!row.inPost && !existing.contactIds.includes(a.contactId)) add(field, `${row.name} is no longer in post: choose someone else`);
  }

  if (input.themeIds.length) {
    const themeRows = tx
      .select({ id: themes.id, name: themes.name, archivedAt: themes.archivedAt })
      .from(themes)
      .where(inArray(themes.id, input.themeIds))
      .all();
    const themeById = new Map(themeRows.map((t) => [t.id, t]));
    for (const tid of input.themeIds) {
      const row = themeById.get(tid);
      if (!row) add("themeIds", "Choose themes from the list");
      else if (row.archivedAt && !existing.themeIds.includes(tid)) add("themeIds", `The theme “${row.name}” is archived: choose another`);
    }
  }

  for (const a of [...input.commitments, ...input.followUps]) {
    const section = a.kind === "commitment" ? "commitments" : "followUps";
    if (a.organisationId && !orgIds.includes(a.organisationId))
      add(`${section}.${a.formIndex}.organisationId`, "Choose one of the organisations involved");
    else if (!a.organisationId && orgIds.length > 1)
      add(
        `${section}.${a.formIndex}.organisationId`,
        `Choose which organisation this ${a.kind === "commitment" ? "commitment" : "follow-up"} concerns`,
      );
  }
  return errors;
}

export function throwIfErrors(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new EngagementRuleErrors(errors);
}

export function existingOf(aggregate: Aggregate): Existing {
  return {
    organisationIds: aggregate.organisationIds,
    themeIds: aggregate.themeIds,
    userIds: [
      ...(aggregate.engagement.leadUserId ? [aggregate.engagement.leadUserId] : []),
      ...aggregate.attendees.filter((a) => a.userId).map((a) => a.userId!),
      ...aggregate.actions.filter((a) => a.ownerUserId).map((a) => a.ownerUserId!),
    ],
    contactIds: aggregate.attendees.filter((a) => a.contactId).map((a) => a.contactId!),
  };
}
