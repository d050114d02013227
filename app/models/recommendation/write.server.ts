// Changing recommendations: bringing a report's recommendations in (many at once, one transaction), editing one,
// archiving and restoring it, and recording a body's take-up. Every rule is checked here, whatever the page.
import { and, eq, isNull, max } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { inspectionReports, organisations, recommendationAddressees, recommendations, takeUpChanges } from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { parseLooseDate } from "~/domain/recommendation-paste";
import {
  ADDRESSEE_GROUP_RULES,
  groupOfWords,
  MAX_RECOMMENDATIONS_PER_IMPORT,
  RECOMMENDATION_KINDS,
  TAKE_UP_STATUS_LABELS,
  type AddresseeGroup,
  type RecommendationKind,
  type TakeUpStatus,
} from "~/domain/recommendations";
import { diffFields, nowIso, recordArchiving, recordAudit, type Actor } from "../audit.server";
import { atVersion, NotFoundError, RuleError } from "../errors";

export type Recommendation = typeof recommendations.$inferSelect;
export type Addressee = typeof recommendationAddressees.$inferSelect;

/** One recommendation as the import preview posts it: every field text, checked here. */
export type RecommendationRowInput = { number: string; text: string; kind: string; addressees: string; due: string };

export const MAX_NUMBER_LENGTH = 20;
export const MAX_TEXT_LENGTH = 5000;

type ResolvedAddressee = { organisationId: number; viaGroup: AddresseeGroup | null };
type ResolvedRow = { number: string; text: string; kind: RecommendationKind; dueOn: string | null; addressees: ResolvedAddressee[] };

type OrgRow = { id: number; name: string; shortName: string | null; slug: string; kind: string; nation: string; archivedAt: string | null };

/** Looks bodies up by slug, name or short name, ignoring case, from one read of the organisations. */
function organisationDirectory(tx: Tx | Db) {
  const all: OrgRow[] = tx
    .select({
      id: organisations.id,
      name: organisations.name,
      shortName: organisations.shortName,
      slug: organisations.slug,
      kind: organisations.kind,
      nation: organisations.nation,
      archivedAt: organisations.archivedAt,
    })
    .from(organisations)
    .orderBy(organisations.name)
    .all();
  const byWords = new Map<string, OrgRow>();
  for (const o of all) for (const w of [o.slug, o.name, o.shortName]) if (w) byWords.set(w.trim().toLowerCase(), o);
  const members = (group: AddresseeGroup) => {
    const rule = ADDRESSEE_GROUP_RULES[group];
    return all.filter((o) => !o.archivedAt && o.kind === rule.kind && (!rule.nations || rule.nations.includes(o.nation)));
  };
  return { find: (words: string) => byWords.get(words.trim().toLowerCase().replace(/\s+/g, " ")), members };
}
type Directory = ReturnType<typeof organisationDirectory>;

/**
 * The bodies named in "All 43 territorial forces; NCA; npcc": groups expanded to their members in use, each body
 * once. A message when a name is unknown, a body archived, or nothing is named.
 */
function resolveAddressees(dir: Directory, words: string): { ok: true; addressees: ResolvedAddressee[] } | { ok: false; message: string } {
  const parts = words
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, message: "Name at least one body it is addressed to" };
  const chosen = new Map<number, ResolvedAddressee>();
  for (const part of parts) {
    const group = groupOfWords(part);
    if (group) {
      for (const o of dir.members(group)) if (!chosen.has(o.id)) chosen.set(o.id, { organisationId: o.id, viaGroup: group });
      continue;
    }
    const org = dir.find(part);
    if (!org) return { ok: false, message: `“${part.slice(0, 100)}” is not a body in the list of organisations` };
    if (org.archivedAt) return { ok: false, message: `${org.name} is archived: name a body in use` };
    chosen.set(org.id, { organisationId: org.id, viaGroup: null });
  }
  return { ok: true, addressees: [...chosen.values()] };
}

const numberKey = (n: string) => n.trim().replace(/\s+/g, " ").toLowerCase();

function existingNumbers(tx: Tx | Db, reportId: number, exceptId?: number): Set<string> {
  return new Set(
    tx
      .select({ id: recommendations.id, number: recommendations.number })
      .from(recommendations)
      .where(eq(recommendations.reportId, reportId))
      .all()
      .filter((r) => r.id !== exceptId)
      .map((r) => numberKey(r.number)),
  );
}

function checkNumber(number: string): string | null {
  if (!number) return "Enter the number as printed in the report, for example 3, R7 or AFI 2";
  if (number.length > MAX_NUMBER_LENGTH) return `The number must be ${MAX_NUMBER_LENGTH} characters or fewer`;
  return null;
}

function checkText(text: string): string | null {
  if (!text) return "Enter the text of the recommendation";
  if (text.length > MAX_TEXT_LENGTH) return `The text must be ${MAX_TEXT_LENGTH.toLocaleString("en-GB")} characters or fewer`;
  return null;
}

/**
 * Every problem with rows to be brought into a report, at `rows.N.field`, and the rows as they would be saved.
 * The import page shows these in its preview; importRecommendations refuses on any of them.
 */
function checkRows(tx: Tx | Db, reportId: number, rows: RecommendationRowInput[]) {
  const errors: Record<string, string> = {};
  if (!rows.length) errors.rows = "There are no recommendations to save: paste them or choose a CSV file";
  if (rows.length > MAX_RECOMMENDATIONS_PER_IMPORT)
    errors.rows = `One import can bring in at most ${MAX_RECOMMENDATIONS_PER_IMPORT} recommendations; this one has ${rows.length.toLocaleString("en-GB")}. Split it into smaller parts`;
  if (errors.rows) return { errors, resolved: [] as ResolvedRow[] };
  const dir = organisationDirectory(tx);
  const taken = existingNumbers(tx, reportId);
  const seen = new Map<string, number>();
  const resolved: ResolvedRow[] = [];
  rows.forEach((row, i) => {
    const at = (field: string, message: string | null) => {
      if (message) errors[`rows.${i}.${field}`] = message;
    };
    const number = (row.number ?? "").trim().replace(/\s+/g, " ");
    const text = (row.text ?? "").trim();
    at("number", checkNumber(number));
    if (number) {
      const key = numberKey(number);
      if (taken.has(key)) at("number", `Recommendation ${number} is already in this report: change the number or leave this row out`);
      else if (seen.has(key))
        at("number", `Number ${number} is also used by row ${seen.get(key)! + 1}: each number appears once in a report`);
      else seen.set(key, i);
    }
    at("text", checkText(text));
    const kind = RECOMMENDATION_KINDS.find((k) => k === row.kind);
    if (!kind) at("kind", "Choose recommendation or area for improvement");
    const dueText = (row.due ?? "").trim();
    const dueOn = dueText ? parseLooseDate(dueText) : null;
    if (dueText && !dueOn) at("due", "The date to be met by must be a real date, like 31 3 2027");
    const addressees = resolveAddressees(dir, row.addressees ?? "");
    if (!addressees.ok) at("addressees", addressees.message);
    resolved.push({ number, text, kind: kind ?? "recommendation", dueOn, addressees: addressees.ok ? addressees.addressees : [] });
  });
  return { errors, resolved };
}

function ruleErrorOf(errors: Record<string, string>): RuleError {
  const [field] = Object.keys(errors);
  return new RuleError(field, errors[field], errors);
}

function liveReport(tx: Tx, reportId: number) {
  const report = tx.select().from(inspectionReports).where(eq(inspectionReports.id, reportId)).get();
  if (!report) throw new NotFoundError("Inspection report");
  if (report.archivedAt) throw new RuleError("rows", "This report is archived: restore it before adding recommendations");
  return report;
}

/** The problems the preview shows for each row (nothing is written). */
export function previewRecommendations({ reportId, rows }: { reportId: number; rows: RecommendationRowInput[] }) {
  return checkRows(db(), reportId, rows).errors;
}

function insertAddressees(tx: Tx, recommendationId: number, addressees: ResolvedAddressee[], now: string) {
  for (const a of addressees)
    tx.insert(recommendationAddressees)
      .values({ recommendationId, organisationId: a.organisationId, viaGroup: a.viaGroup, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .run();
}

/**
 * Save a report's recommendations, all or none: each with its bodies (groups expanded) at "Not yet known".
 * RuleError with every problem at `rows.N.field` (or `rows`) when any row is wrong.
 */
export function importRecommendations({
  reportId,
  rows,
  actor,
}: {
  reportId: number;
  rows: RecommendationRowInput[];
  actor: Actor;
}): Promise<{ added: number; addressees: number }> {
  return writeTransaction((tx) => {
    const report = liveReport(tx, reportId);
    const { errors, resolved } = checkRows(tx, reportId, rows);
    if (Object.keys(errors).length) throw ruleErrorOf(errors);
    const last = tx
      .select({ p: max(recommendations.position) })
      .from(recommendations)
      .where(eq(recommendations.reportId, reportId))
      .get();
    let position = (last?.p ?? 0) + 1;
    const now = nowIso();
    let addressees = 0;
    for (const row of resolved) {
      const saved = tx
        .insert(recommendations)
        .values({
          reportId,
          number: row.number,
          position: position++,
          text: row.text,
          kind: row.kind,
          dueOn: row.dueOn,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      insertAddressees(tx, saved.id, row.addressees, now);
      addressees += row.addressees.length;
      recordAudit(tx, {
        actor,
        action: "create",
        entityType: "recommendation",
        entityId: saved.id,
        summary: `Recommendation ${saved.number} of “${report.title}” added`,
        after: {
          number: saved.number,
          kind: saved.kind,
          text: saved.text,
          dueOn: saved.dueOn,
          organisationIds: row.addressees.map((a) => a.organisationId),
          groups: [...new Set(row.addressees.map((a) => a.viaGroup).filter(Boolean))],
        },
      });
    }
    return { added: resolved.length, addressees };
  });
}

export type RecommendationInput = { number: string; text: string; kind: string; dueOn: string | null; addAddressees: string };

/**
 * Change a recommendation's number, text, kind and date, and address it to more bodies (`addAddressees`, as the
 * import reads them; empty adds none). ConflictError<Recommendation> on a stale version.
 */
export function updateRecommendation({
  id,
  version,
  input,
  actor,
}: {
  id: number;
  version: number;
  input: RecommendationInput;
  actor: Actor;
}): Promise<Recommendation> {
  return writeTransaction((tx) => {
    const current = atVersion(tx.select().from(recommendations).where(eq(recommendations.id, id)).get(), version, {
      what: "Recommendation",
      thing: "this recommendation",
    });
    const errors: Record<string, string> = {};
    const number = input.number.trim().replace(/\s+/g, " ");
    const text = input.text.trim();
    const numberProblem = checkNumber(number);
    if (numberProblem) errors.number = numberProblem;
    else if (existingNumbers(tx, current.reportId, id).has(numberKey(number)))
      errors.number = `Recommendation ${number} is already in this report: each number appears once`;
    const textProblem = checkText(text);
    if (textProblem) errors.text = textProblem;
    const kind = RECOMMENDATION_KINDS.find((k) => k === input.kind);
    if (!kind) errors.kind = "Choose recommendation or area for improvement";
    let added: ResolvedAddressee[] = [];
    if (input.addAddressees.trim()) {
      const resolved = resolveAddressees(organisationDirectory(tx), input.addAddressees);
      if (resolved.ok) added = resolved.addressees;
      else errors.addAddressees = resolved.message;
    }
    if (Object.keys(errors).length) throw ruleErrorOf(errors);
    const values = { number, text, kind: kind!, dueOn: input.dueOn };
    const now = nowIso();
    const existing = tx
      .select({
        id: recommendationAddressees.id,
        organisationId: recommendationAddressees.organisationId,
        archivedAt: recommendationAddressees.archivedAt,
      })
      .from(recommendationAddressees)
      .where(eq(recommendationAddressees.recommendationId, id))
      .all();
    const already = new Set(existing.filter((a) => !a.archivedAt).map((a) => a.organisationId));
    // A body taken off earlier and named again is put back, with the take-up it had.
    const removedEarlier = new Map(existing.filter((a) => a.archivedAt).map((a) => [a.organisationId, a.id]));
    added = added.filter((a) => !already.has(a.organisationId));
    const diff = diffFields(current, values);
    if (!diff && !added.length) return current;
    for (const a of added) {
      const takeUpId = removedEarlier.get(a.organisationId);
      if (takeUpId) changeTakeUpPresence(tx, { takeUpId, removed: false, actor, number: values.number });
    }
    insertAddressees(
      tx,
      id,
      added.filter((a) => !removedEarlier.has(a.organisationId)),
      now,
    );
    const row = tx
      .update(recommendations)
      .set({ ...values, updatedAt: now, version: current.version + 1 })
      .where(eq(recommendations.id, id))
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "recommendation",
      entityId: id,
      summary: `Recommendation ${row.number} changed${added.length ? ` and addressed to ${added.length} more ${added.length === 1 ? "body" : "bodies"}` : ""}`,
      before: diff?.before ?? {},
      after: { ...(diff?.after ?? {}), ...(added.length ? { addedOrganisationIds: added.map((a) => a.organisationId) } : {}) },
    });
    return row;
  });
}

/** Archive or restore a recommendation (its take-up is kept). ConflictError<Recommendation> on a stale version. */
export function setRecommendationArchived({
  id,
  version,
  archived,
  actor,
}: {
  id: number;
  version: number;
  archived: boolean;
  actor: Actor;
}): Promise<Recommendation> {
  return writeTransaction((tx) => {
    const current = atVersion(tx.select().from(recommendations).where(eq(recommendations.id, id)).get(), version, {
      what: "Recommendation",
      thing: "this recommendation",
    });
    if (Boolean(current.archivedAt) === archived)
      throw new RuleError("version", archived ? "This recommendation is already archived" : "This recommendation is not archived");
    const archivedAt = archived ? nowIso() : null;
    const row = tx
      .update(recommendations)
      .set({ archivedAt, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(recommendations.id, id))
      .returning()
      .get();
    recordArchiving(tx, {
      actor,
      entityType: "recommendation",
      entityId: id,
      named: `Recommendation ${row.number}`,
      archived,
      before: current.archivedAt,
      after: archivedAt,
    });
    return row;
  });
}

export type TakeUpInput = { status: TakeUpStatus; statusOn: string; source: string | null; note: string | null };

/**
 * Record where a body stands with a recommendation: the status, its date (not in the future), the source and a note.
 * Kept in the take-up's history and audited, in one transaction. ConflictError<Addressee> on a stale version.
 */
export function setTakeUp({
  recommendationId,
  organisationId,
  version,
  input,
  actor,
  today = todayInUk(),
}: {
  recommendationId: number;
  organisationId: number;
  version: number;
  input: TakeUpInput;
  actor: Actor;
  today?: string;
}): Promise<Addressee> {
  return writeTransaction((tx) => {
    const { current, rec } = takeUpAtVersion(tx, { recommendationId, organisationId, version });
    if (current.archivedAt)
      throw new RuleError("status", "This body was taken off the recommendation: put it back before recording its take-up");
    if (input.statusOn > today) throw new RuleError("statusOn", "The date of the status must be today or in the past");
    if (rec?.archivedAt) throw new RuleError("status", "This recommendation is archived: restore it before recording its take-up");
    const values = {
      status: input.status,
      statusOn: input.statusOn,
      source: input.source?.trim() || null,
      note: input.note?.trim() ? input.note : null,
    };
    const diff = diffFields(current, values);
    if (!diff) return current;
    const now = nowIso();
    const row = tx
      .update(recommendationAddressees)
      .set({ ...values, updatedAt: now, version: current.version + 1 })
      .where(eq(recommendationAddressees.id, current.id))
      .returning()
      .get();
    tx.insert(takeUpChanges)
      .values({ addresseeId: current.id, ...values, changedAt: now, changedById: actor.id })
      .run();
    const body = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get();
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "take_up",
      entityId: current.id,
      summary: `Take-up of recommendation ${rec?.number ?? recommendationId} by ${body?.name ?? "a body"}: ${TAKE_UP_STATUS_LABELS[values.status]}`,
      ...diff,
    });
    return row;
  });
}

/**
 * Take a body off a recommendation (`removed`), or put it back: its take-up and history are kept, it leaves (or
 * rejoins) the lists, grid and counts. Kept in the take-up's history and audited. ConflictError<Addressee> on a
 * stale version.
 */
export function setTakeUpRemoved({
  recommendationId,
  organisationId,
  version,
  removed,
  actor,
}: {
  recommendationId: number;
  organisationId: number;
  version: number;
  removed: boolean;
  actor: Actor;
}): Promise<Addressee> {
  return writeTransaction((tx) => {
    const { current, rec } = takeUpAtVersion(tx, { recommendationId, organisationId, version });
    if (Boolean(current.archivedAt) === removed)
      throw new RuleError("version", removed ? "This body is already off the recommendation" : "This body is on the recommendation");
    if (rec?.archivedAt) throw new RuleError("version", "This recommendation is archived: restore it first");
    if (removed) {
      const live = tx
        .select({ id: recommendationAddressees.id })
        .from(recommendationAddressees)
        .where(and(eq(recommendationAddressees.recommendationId, recommendationId), isNull(recommendationAddressees.archivedAt)))
        .all();
      if (live.length <= 1)
        throw new RuleError("version", "This is the only body the recommendation is addressed to: archive the recommendation instead");
    }
    return changeTakeUpPresence(tx, { takeUpId: current.id, removed, actor, number: rec?.number ?? String(recommendationId) });
  });
}

/** Archive or restore one take-up, with its history row and audit row (inside the caller's transaction). */
function changeTakeUpPresence(
  tx: Tx,
  { takeUpId, removed, actor, number }: { takeUpId: number; removed: boolean; actor: Actor; number: string },
) {
  const current = tx.select().from(recommendationAddressees).where(eq(recommendationAddressees.id, takeUpId)).get()!;
  const now = nowIso();
  const archivedAt = removed ? now : null;
  const row = tx
    .update(recommendationAddressees)
    .set({ archivedAt, updatedAt: now, version: current.version + 1 })
    .where(eq(recommendationAddressees.id, takeUpId))
    .returning()
    .get();
  tx.insert(takeUpChanges)
    .values({
      addresseeId: takeUpId,
      change: removed ? "removed" : "restored",
      status: current.status,
      statusOn: current.statusOn,
      source: null,
      note: null,
      changedAt: now,
      changedById: actor.id,
    })
    .run();
  const body = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, current.organisationId)).get();
  recordArchiving(tx, {
    actor,
    entityType: "take_up",
    entityId: takeUpId,
    named: `Take-up of recommendation ${number} by ${body?.name ?? "a body"}`,
    archived: removed,
    before: current.archivedAt,
    after: archivedAt,
  });
  return row;
}

/** A take-up at the version the person saw (else a conflict), with its recommendation's number and archived state. */
function takeUpAtVersion(
  tx: Tx,
  { recommendationId, organisationId, version }: { recommendationId: number; organisationId: number; version: number },
) {
  const found = tx
    .select()
    .from(recommendationAddressees)
    .where(
      and(eq(recommendationAddressees.recommendationId, recommendationId), eq(recommendationAddressees.organisationId, organisationId)),
    )
    .get();
  const current = atVersion(found, version, { what: "Take-up", thing: "this take-up" });
  const rec = tx
    .select({ archivedAt: recommendations.archivedAt, number: recommendations.number })
    .from(recommendations)
    .where(eq(recommendations.id, recommendationId))
    .get();
  return { current, rec };
}
