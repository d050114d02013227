// An import's life: a draft made from the uploaded file (kept here between the steps, so the pages carry only
// its id), its column mapping, organisations chosen for unknown names (kept as aliases), saving everything or
// nothing in one transaction, and undoing a saved import by archiving what it made.
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import {
  actions,
  agendaItems,
  attendees,
  auditEvents,
  contacts,
  engagementOrganisations,
  engagementThemes,
  engagements,
  importMappings,
  importRecords,
  imports,
  organisationAliases,
  personAliases,
  organisations,
  users,
} from "~db/schema";
import {
  IMPORT_FIELDS,
  IMPORT_LIMITS,
  guessMapping,
  mappingToRemember,
  normaliseName,
  type ColumnMapping,
  type ImportKind,
} from "~/domain/import";
import { hasRole } from "~/domain/permissions";
import { nowIso, recordArchiving, recordAudit, type Actor } from "../audit.server";
import { ForbiddenError, NotFoundError, RuleError } from "../errors";
import { findOrCreateTheme } from "../theme.server";
import { PERSON_FIELD_KEYS, planImport, type ImportPlan } from "./plan.server";
import { readSpreadsheet, type SourceRow } from "./read-file.server";

export { ImportFileError } from "./read-file.server";

export type ImportDraft = {
  id: number;
  kind: ImportKind;
  status: "draft" | "saved" | "undone";
  fileName: string;
  ownerUserId: number;
  headers: string[];
  rows: SourceRow[];
  notes: string[];
  mapping: ColumnMapping;
  rowCount: number;
  createdAt: string;
  savedAt: string | null;
  undoneAt: string | null;
  result: SaveResult | null;
};

export type SaveResult = { created: Record<string, number>; skipped: { line: number; says: string }[] };

type ImportRow = typeof imports.$inferSelect;

function toDraft(row: ImportRow): ImportDraft {
  return {
    ...row,
    headers: JSON.parse(row.headers) as string[],
    rows: JSON.parse(row.rows) as SourceRow[],
    notes: JSON.parse(row.notes) as string[],
    mapping: JSON.parse(row.mapping) as ColumnMapping,
    result: row.result ? (JSON.parse(row.result) as SaveResult) : null,
  };
}

function rememberedMapping(database: Db | Tx, kind: ImportKind): Record<string, string> {
  const row = database.select().from(importMappings).where(eq(importMappings.kind, kind)).get();
  return row ? (JSON.parse(row.mapping) as Record<string, string>) : {};
}

/**
 * Read the file and keep it as a draft import of `kind` for `actor`, with the mapping guessed from its headers.
 * ImportFileError when the file cannot be read; nothing is written then.
 */
export async function createImportDraft({
  bytes,
  fileName,
  kind,
  actor,
}: {
  bytes: Uint8Array;
  fileName: string;
  kind: ImportKind;
  actor: Actor;
}): Promise<ImportDraft> {
  const file = await readSpreadsheet(bytes, fileName);
  const now = new Date();
  return writeTransaction((tx) => {
    // Drafts nobody saved are working copies, not records: the expired ones go.
    tx.delete(imports)
      .where(and(eq(imports.status, "draft"), lt(imports.expiresAt, now.toISOString())))
      .run();
    const mapping = guessMapping(kind, file.headers, rememberedMapping(tx, kind));
    const row = tx
      .insert(imports)
      .values({
        kind,
        fileName: fileName.slice(0, 200),
        ownerUserId: actor.id,
        headers: JSON.stringify(file.headers),
        rows: JSON.stringify(file.rows),
        notes: JSON.stringify(file.notes),
        mapping: JSON.stringify(mapping),
        rowCount: file.rows.length,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + IMPORT_LIMITS.draftHours * 3_600_000).toISOString(),
      })
      .returning()
      .get();
    return toDraft(row);
  });
}

/** An import the person may see: their own drafts (unexpired); saved imports to officers and above. */
export function getImport({ id, actor }: { id: number; actor: Actor }): ImportDraft {
  const row = db().select().from(imports).where(eq(imports.id, id)).get();
  if (!row) throw new NotFoundError("Import");
  if (row.status === "draft" && (row.ownerUserId !== actor.id || row.expiresAt < nowIso())) throw new NotFoundError("Import");
  return toDraft(row);
}

export function previewImport(draft: Pick<ImportDraft, "kind" | "headers" | "rows" | "mapping">, database: Db | Tx = db()): ImportPlan {
  return planImport({ database, kind: draft.kind, headers: draft.headers, rows: draft.rows, mapping: draft.mapping });
}

function ownDraft(tx: Tx, id: number, actor: Actor): ImportRow {
  const row = tx.select().from(imports).where(eq(imports.id, id)).get();
  if (!row || row.ownerUserId !== actor.id || row.expiresAt < nowIso()) throw new NotFoundError("Import");
  if (row.status !== "draft") throw new RuleError("import", "This import has already been saved");
  return row;
}

/** Change the column mapping of a draft, and remember it for the next import of its kind. */
export function setImportMapping({ id, mapping, actor }: { id: number; mapping: ColumnMapping; actor: Actor }): Promise<void> {
  return writeTransaction((tx) => {
    const row = ownDraft(tx, id, actor);
    const headers = JSON.parse(row.headers) as string[];
    const fields = new Set(IMPORT_FIELDS[row.kind].map((f) => f.key));
    const clean: ColumnMapping = {};
    for (const [field, column] of Object.entries(mapping))
      if (fields.has(field) && Number.isInteger(column) && column >= 0 && column < headers.length) clean[field] = column;
    tx.update(imports)
      .set({ mapping: JSON.stringify(clean) })
      .where(eq(imports.id, id))
      .run();
    const remember = JSON.stringify({ ...rememberedMapping(tx, row.kind), ...mappingToRemember(headers, clean) });
    tx.insert(importMappings)
      .values({ kind: row.kind, mapping: remember, updatedAt: nowIso(), updatedById: actor.id })
      .onConflictDoUpdate({ target: importMappings.kind, set: { mapping: remember, updatedAt: nowIso(), updatedById: actor.id } })
      .run();
  });
}

/**
 * Cells typed again on the preview page (a date that could not be read): each `L<line>-C<column>` of the draft
 * takes its new text. Only the draft changes; the next preview checks the cells again like the rest of the file.
 */
export function correctImportCells({ id, cells, actor }: { id: number; cells: Record<string, string>; actor: Actor }): Promise<number> {
  return writeTransaction((tx) => {
    const row = ownDraft(tx, id, actor);
    const rows = JSON.parse(row.rows) as SourceRow[];
    const byLine = new Map(rows.map((r) => [r.line, r]));
    const width = (JSON.parse(row.headers) as string[]).length;
    let changed = 0;
    for (const [where, value] of Object.entries(cells)) {
      const m = /^L(\d+)-C(\d+)$/.exec(where);
      const source = m ? byLine.get(Number(m[1])) : undefined;
      const column = m ? Number(m[2]) : -1;
      if (!source || column >= width || typeof value !== "string") continue;
      const text = value.trim().slice(0, IMPORT_LIMITS.cellCharacters);
      if (String(source.cells[column] ?? "") === text) continue;
      source.cells[column] = text;
      changed++;
    }
    if (changed)
      tx.update(imports)
        .set({ rows: JSON.stringify(rows) })
        .where(eq(imports.id, id))
        .run();
    return changed;
  });
}

/**
 * A person the file names in a way the tracker does not know ("J. Smith") is member of staff `userId`: every
 * lead or owner cell of the draft naming them so is written as their email, which the preview then matches, and
 * the name is read as them in every later import too (person_aliases). Audited.
 */
export function choosePersonInImport({
  id,
  text,
  userId,
  actor,
}: {
  id: number;
  text: string;
  userId: number;
  actor: Actor;
}): Promise<number> {
  const key = normaliseName(text);
  if (!key) throw new RuleError("text", "Say which name the member of staff is for");
  return writeTransaction((tx) => {
    const row = ownDraft(tx, id, actor);
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user || user.deactivatedAt) throw new RuleError("userId", "Choose a member of staff who can use the tracker");
    const mapping = JSON.parse(row.mapping) as ColumnMapping;
    const columns = PERSON_FIELD_KEYS.map((k) => mapping[k]).filter((c): c is number => c !== undefined);
    const rows = JSON.parse(row.rows) as SourceRow[];
    let changed = 0;
    for (const source of rows)
      for (const column of columns)
        if (normaliseName(String(source.cells[column] ?? "")) === key) {
          source.cells[column] = user.email;
          changed++;
        }
    if (changed)
      tx.update(imports)
        .set({ rows: JSON.stringify(rows) })
        .where(eq(imports.id, id))
        .run();
    const existing = tx.select().from(personAliases).where(eq(personAliases.alias, key)).get();
    if (existing?.userId !== user.id) {
      if (existing) tx.update(personAliases).set({ userId: user.id }).where(eq(personAliases.id, existing.id)).run();
      else tx.insert(personAliases).values({ alias: key, userId: user.id, createdAt: nowIso(), createdById: actor.id }).run();
      recordAudit(tx, {
        actor,
        action: existing ? "update" : "create",
        entityType: "user",
        entityId: user.id,
        summary: `“${text.trim()}” will be read as ${user.name} in imports`,
        before: existing ? { alias: key, userId: existing.userId } : null,
        after: { alias: key, userId: user.id },
      });
    }
    return changed;
  });
}

/** The members of staff a person in a file may be, for the preview page. */
export function listStaffChoices() {
  return db().select({ id: users.id, name: users.name }).from(users).where(isNull(users.deactivatedAt)).orderBy(users.name).all();
}

/** "Met Police" means organisation `organisationId` from now on, in this import and every later one. Audited. */
export function rememberOrganisationAlias({
  alias,
  organisationId,
  actor,
}: {
  alias: string;
  organisationId: number;
  actor: Actor;
}): Promise<void> {
  const key = normaliseName(alias);
  if (!key) throw new RuleError("alias", "Say which name the organisation is for");
  return writeTransaction((tx) => {
    const organisation = tx.select().from(organisations).where(eq(organisations.id, organisationId)).get();
    if (!organisation || organisation.archivedAt) throw new RuleError("organisationId", "Choose an organisation we know");
    const existing = tx.select().from(organisationAliases).where(eq(organisationAliases.alias, key)).get();
    if (existing) tx.update(organisationAliases).set({ organisationId }).where(eq(organisationAliases.id, existing.id)).run();
    else tx.insert(organisationAliases).values({ alias: key, organisationId, createdAt: nowIso(), createdById: actor.id }).run();
    recordAudit(tx, {
      actor,
      action: "create",
      entityType: "organisation",
      entityId: organisationId,
      summary: `“${alias.trim()}” will be read as ${organisation.name} in imports`,
      before: existing ? { alias: key, organisationId: existing.organisationId } : null,
      after: { alias: key, organisationId },
    });
  });
}

/** Saving refused: the plan still has problems (or required columns unmapped). Nothing was written. */
export class ImportProblemsError extends RuleError {
  constructor(public readonly plan: ImportPlan) {
    super(
      "import",
      plan.missingFields.length
        ? `Choose the column for ${plan.missingFields.join(", ")} before saving`
        : `${plan.counts.problems} ${plan.counts.problems === 1 ? "row has problems" : "rows have problems"}: put them right before saving`,
    );
    this.name = "ImportProblemsError";
  }
}

/**
 * Save a draft: every row it plans, in one transaction, or nothing (ImportProblemsError while any row has a
 * problem). One audit event for the import (file, rows, person), one for each record made, and an import_records
 * row linking each record to its import, source row and fingerprint (so importing the rows again skips them).
 * Importing only ever creates records; it never changes an existing action, so the action owner rule
 * (assertMayChangeAction) has nothing to check here.
 */
export async function saveImport({
  id,
  actor,
  dryRun = false,
}: {
  id: number;
  actor: Actor;
  dryRun?: boolean;
}): Promise<{ plan: ImportPlan; result: SaveResult }> {
  const rolledBack = new Error("dry run");
  let outcome: { plan: ImportPlan; result: SaveResult } | undefined;
  try {
    await writeTransaction((tx) => {
      const row = ownDraft(tx, id, actor);
      const draft = toDraft(row);
      const plan = previewImport(draft, tx);
      if (plan.missingFields.length || plan.counts.problems) throw new ImportProblemsError(plan);
      const result = writePlan(tx, draft, plan, actor);
      const savedAt = nowIso();
      tx.update(imports)
        .set({ status: "saved", savedAt, result: JSON.stringify(result), rows: "[]" })
        .where(eq(imports.id, id))
        .run();
      const made = Object.entries(result.created)
        .filter(([, n]) => n)
        .map(([what, n]) => `${n} ${what}`)
        .join(", ");
      recordAudit(tx, {
        actor,
        action: "import",
        entityType: "import",
        entityId: id,
        summary: `Spreadsheet “${draft.fileName}” imported: ${draft.rowCount} rows, ${made || "nothing"} created, ${result.skipped.length} left out`,
        after: {
          fileName: draft.fileName,
          kind: draft.kind,
          rowCount: draft.rowCount,
          created: result.created,
          skipped: result.skipped.length,
        },
      });
      outcome = { plan, result };
      if (dryRun) throw rolledBack;
    });
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
  return outcome!;
}

/**
 * Insert `values` in statements of `size` rows and return the new ids in insertion order. Inside the import's
 * IMMEDIATE transaction nobody else inserts, and AUTOINCREMENT ids only grow, so sorting them restores the order
 * (SQLite does not promise the order of RETURNING rows). One statement per row made a 10,000-row save take
 * tens of seconds, nearly all of it building queries.
 */
function insertMany<T>(values: T[], insert: (batch: T[]) => { id: number }[], size = 400): number[] {
  const ids: number[] = [];
  for (const batch of chunks(values, size))
    ids.push(
      ...insert(batch)
        .map((r) => r.id)
        .sort((a, b) => a - b),
    );
  return ids;
}

function writePlan(tx: Tx, draft: ImportDraft, plan: ImportPlan, actor: Actor): SaveResult {
  const now = nowIso();
  const created: Record<string, number> = { engagements: 0, actions: 0, contacts: 0, themes: 0 };
  const skipped: SaveResult["skipped"] = plan.rows
    .filter((r) => r.outcome !== "create" && r.outcome !== "add_action")
    .map((r) => ({ line: r.line, says: r.says }));
  const links: (typeof importRecords.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];
  const from = (line: number) => ` (imported from “${draft.fileName}”, line ${line})`;
  const audit = (entityType: string, entityId: number, summary: string, after: Record<string, unknown>) =>
    audits.push({
      at: now,
      actorUserId: actor.id,
      actorEmail: actor.email,
      action: "create",
      entityType,
      entityId: String(entityId),
      summary,
      after: JSON.stringify({ ...after, importId: draft.id }),
      ip: actor.ip ?? null,
    });

  const contactRows = plan.rows.filter((r) => r.contact && r.outcome === "create");
  const contactIds = insertMany(
    contactRows.map((r) => ({ ...r.contact!, createdAt: now, updatedAt: now })),
    (batch) => tx.insert(contacts).values(batch).returning({ id: contacts.id }).all(),
  );
  contactRows.forEach((r, i) => {
    links.push({ importId: draft.id, entityType: "contact", entityId: contactIds[i], sourceRow: r.line, fingerprint: r.fingerprint });
    // No name in the summary: erasing a contact redacts before/after, and a summary must need no rewriting (0003).
    audit("contact", contactIds[i], `Contact added${from(r.line)}`, { organisationId: r.contact!.organisationId, name: r.contact!.name });
  });
  created.contacts = contactIds.length;

  const engagementRows = plan.rows.filter((r) => r.engagement && r.outcome === "create");
  const engagementIds = insertMany(
    engagementRows.map((r) => {
      const { organisationIds: _o, themes: _t, attendees: _a, agenda: _g, ...fields } = r.engagement!;
      return { ...fields, createdById: actor.id, createdAt: now, updatedAt: now };
    }),
    (batch) => tx.insert(engagements).values(batch).returning({ id: engagements.id }).all(),
  );
  const engagementByLine = new Map(engagementRows.map((r, i) => [r.line, engagementIds[i]]));
  const themeIds = new Map<string, number>();
  const organisationLinks: (typeof engagementOrganisations.$inferInsert)[] = [];
  const themeLinks = new Map<string, typeof engagementThemes.$inferInsert>();
  const attendeeRows: (typeof attendees.$inferInsert)[] = [];
  const agendaRows: (typeof agendaItems.$inferInsert)[] = [];
  engagementRows.forEach((r, i) => {
    const engagementId = engagementIds[i];
    const { organisationIds, themes: themeNames, attendees: people, agenda, ...fields } = r.engagement!;
    for (const organisationId of organisationIds) organisationLinks.push({ engagementId, organisationId });
    people.forEach((person, position) => attendeeRows.push({ ...person, engagementId, position }));
    agenda.forEach((item, position) => agendaRows.push({ ...item, engagementId, position }));
    for (const name of themeNames) {
      const key = normaliseName(name);
      let themeId = themeIds.get(key);
      if (themeId === undefined) {
        const theme = findOrCreateTheme({ tx, name, actor, field: "themes" });
        if (theme.createdAt >= now) created.themes++;
        themeId = theme.id;
        themeIds.set(key, themeId);
      }
      themeLinks.set(`${engagementId}:${themeId}`, { engagementId, themeId });
    }
    links.push({ importId: draft.id, entityType: "engagement", entityId: engagementId, sourceRow: r.line, fingerprint: r.fingerprint });
    audit("engagement", engagementId, `Engagement “${fields.title}” on ${fields.date} recorded${from(r.line)}`, {
      ...fields,
      organisationIds,
      themes: themeNames,
      attendees: people.map((p) => (p.userId ? `user:${p.userId}` : p.contactId ? `contact:${p.contactId}` : p.name)),
      agenda: agenda.map((item) => item.title),
    });
  });
  for (const batch of chunks(organisationLinks, 2000)) tx.insert(engagementOrganisations).values(batch).run();
  for (const batch of chunks([...themeLinks.values()], 2000)) tx.insert(engagementThemes).values(batch).run();
  for (const batch of chunks(attendeeRows, 1000)) tx.insert(attendees).values(batch).run();
  for (const batch of chunks(agendaRows, 1000)) tx.insert(agendaItems).values(batch).run();
  created.engagements = engagementIds.length;

  const positions = new Map<number, number>();
  const actionRows = plan.rows
    .filter((r) => r.action && (r.outcome === "create" || r.outcome === "add_action"))
    .map((r) => {
      const engagementId = r.engagement
        ? engagementByLine.get(r.line)!
        : r.engagementLine !== undefined
          ? engagementByLine.get(r.engagementLine)!
          : r.engagementId!;
      const position = positions.get(engagementId) ?? 0;
      positions.set(engagementId, position + 1);
      return {
        r,
        values: { ...r.action!, engagementId, position, closedById: r.action!.closedAt ? actor.id : null, createdAt: now, updatedAt: now },
      };
    });
  const actionIds = insertMany(
    actionRows.map((a) => a.values),
    (batch) => tx.insert(actions).values(batch).returning({ id: actions.id }).all(),
  );
  actionRows.forEach(({ r, values }, i) => {
    links.push({ importId: draft.id, entityType: "action", entityId: actionIds[i], sourceRow: r.line, fingerprint: r.fingerprint });
    audit(
      "action",
      actionIds[i],
      `${values.kind === "commitment" ? "Commitment" : "Follow-up"} #${actionIds[i]} recorded${from(r.line)}`,
      values,
    );
  });
  created.actions = actionIds.length;

  links.sort((a, b) => a.sourceRow - b.sourceRow || (a.entityType === "engagement" ? -1 : b.entityType === "engagement" ? 1 : 0));
  for (const batch of chunks(links, 1000)) tx.insert(importRecords).values(batch).run();
  for (const batch of chunks(audits, 500)) tx.insert(auditEvents).values(batch).run();
  return { created, skipped };
}

/**
 * Undo a saved import (managers): its engagements archived, its outstanding actions dropped, its contacts marked
 * no longer in post: nothing deleted, every change audited with the import event. The import's rows may then be
 * imported again.
 */
export function undoImport({ id, actor }: { id: number; actor: Actor }): Promise<{ archived: number }> {
  if (!hasRole(actor.role, "manager"))
    throw new ForbiddenError("Only a manager can undo an import", [
      { entityType: "import", entityId: id, summary: `Undo of import ${id} refused: needs manager, has ${actor.role}` },
    ]);
  return writeTransaction((tx) => {
    const row = tx.select().from(imports).where(eq(imports.id, id)).get();
    if (!row || row.status === "draft") throw new NotFoundError("Import");
    if (row.status === "undone") throw new RuleError("import", "This import has already been undone");
    const records = tx.select().from(importRecords).where(eq(importRecords.importId, id)).all();
    const now = nowIso();
    const ids = (type: string) => records.filter((r) => r.entityType === type).map((r) => r.entityId);
    let archived = 0;
    for (const chunk of chunks(ids("engagement"))) {
      const changed = tx
        .update(engagements)
        .set({ archivedAt: now, updatedAt: now, version: sql`${engagements.version} + 1` })
        .where(and(inArray(engagements.id, chunk), isNull(engagements.archivedAt)))
        .returning({ id: engagements.id, title: engagements.title })
        .all();
      // The same event as archiving by hand, so its history reads alike and restoring it is the usual restore.
      for (const e of changed)
        recordArchiving(tx, {
          actor,
          entityType: "engagement",
          entityId: e.id,
          named: `Engagement “${e.title}”`,
          archived: true,
          before: null,
          after: now,
          because: "import undone",
        });
      archived += changed.length;
    }
    for (const chunk of chunks(ids("action"))) {
      const changed = tx
        .update(actions)
        .set({
          status: "dropped",
          closingNote: `Import ${id} undone`,
          closedAt: now,
          closedById: actor.id,
          updatedAt: now,
          version: sql`${actions.version} + 1`,
        })
        .where(and(inArray(actions.id, chunk), inArray(actions.status, ["open", "in_progress"])))
        .returning({ id: actions.id })
        .all();
      for (const a of changed) {
        recordAudit(tx, {
          actor,
          action: "update",
          entityType: "action",
          entityId: a.id,
          summary: `Action #${a.id} dropped: import ${id} undone`,
          after: { status: "dropped" },
        });
      }
      archived += changed.length;
    }
    for (const chunk of chunks(ids("contact"))) {
      const changed = tx
        .update(contacts)
        .set({ inPost: false, updatedAt: now, version: sql`${contacts.version} + 1` })
        .where(and(inArray(contacts.id, chunk), eq(contacts.inPost, true)))
        .returning({ id: contacts.id })
        .all();
      for (const c of changed) {
        recordAudit(tx, {
          actor,
          action: "update",
          entityType: "contact",
          entityId: c.id,
          summary: `Contact #${c.id} marked not in post: import ${id} undone`,
          before: { inPost: true },
          after: { inPost: false },
        });
      }
      archived += changed.length;
    }
    tx.update(imports).set({ status: "undone", undoneAt: now, undoneById: actor.id }).where(eq(imports.id, id)).run();
    recordAudit(tx, {
      actor,
      action: "import_undone",
      entityType: "import",
      entityId: id,
      summary: `Import ${id} of “${row.fileName}” undone: ${archived} records archived`,
      after: { archived },
    });
    return { archived };
  });
}

/** Saved imports, newest first, for the import page. */
export function listSavedImports(limit = 20) {
  return db()
    .select({
      id: imports.id,
      fileName: imports.fileName,
      kind: imports.kind,
      status: imports.status,
      rowCount: imports.rowCount,
      savedAt: imports.savedAt,
      result: imports.result,
    })
    .from(imports)
    .where(inArray(imports.status, ["saved", "undone"]))
    .orderBy(desc(imports.id))
    .limit(limit)
    .all();
}

/** Organisations to choose from for an unknown name. */
export function listOrganisationChoices() {
  return db()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(organisations.name)
    .all();
}

function* chunks<T>(list: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** The plan for a file without keeping anything (the command line's --dry-run): the same reading and checks. */
export async function planFile({ bytes, fileName, kind }: { bytes: Uint8Array; fileName: string; kind: ImportKind }) {
  const file = await readSpreadsheet(bytes, fileName);
  const mapping = guessMapping(kind, file.headers, rememberedMapping(db(), kind));
  return { ...file, mapping, plan: planImport({ database: db(), kind, headers: file.headers, rows: file.rows, mapping }) };
}

/** The active member of staff the command line imports as (officers and above), or null. */
export function importActorByEmail(email: string): Actor | null {
  const user = db().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user || user.deactivatedAt || !hasRole(user.role, "officer")) return null;
  return { id: user.id, email: user.email, role: user.role };
}
