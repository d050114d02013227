import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { db, writeTransaction, type Tx } from "~db/connection";
import { engagements, engagementThemes, themes } from "~db/schema";
import { nowIso, recordArchiving, recordAudit, type Actor } from "./audit.server";
import { NotFoundError, RuleError } from "./errors";
import { preparedStatement } from "./prepared-statements.server";

export type Theme = typeof themes.$inferSelect;
export type ThemeOption = { id: number; name: string; archived: boolean };

/** Themes offered on the engagement form and the list's filter: active ones, plus any of `keepIds` (already chosen). */
export function listThemeOptions(keepIds: number[] = []): ThemeOption[] {
  const rows = preparedStatement("SELECT id, name, archived_at AS archivedAt FROM themes ORDER BY lower(name)").all() as Pick<
    Theme,
    "id" | "name" | "archivedAt"
  >[];
  return rows
    .filter((t) => !t.archivedAt || keepIds.includes(t.id))
    .map((t) => ({ id: t.id, name: t.archivedAt ? `${t.name} (archived)` : t.name, archived: Boolean(t.archivedAt) }));
}

/** Every theme with how many (unarchived) engagements carry it, for the themes page. */
export function listThemesWithUse() {
  return db()
    .select({ id: themes.id, name: themes.name, archivedAt: themes.archivedAt, engagements: count(engagements.id) })
    .from(themes)
    .leftJoin(engagementThemes, eq(engagementThemes.themeId, themes.id))
    .leftJoin(engagements, and(eq(engagements.id, engagementThemes.engagementId), isNull(engagements.archivedAt)))
    .groupBy(themes.id)
    .orderBy(asc(sql`lower(${themes.name})`))
    .all();
}

function findThemeByName(tx: Tx, name: string): Theme | undefined {
  return tx
    .select()
    .from(themes)
    .where(sql`lower(${themes.name}) = lower(${name.trim()})`)
    .get();
}

/**
 * The theme called `name` (any case), created when there is none, inside the caller's transaction.
 * An archived theme of that name is an error at `field`: it was retired on purpose.
 */
export function findOrCreateTheme({ tx, name, actor, field = "newTheme" }: { tx: Tx; name: string; actor: Actor; field?: string }): Theme {
  const existing = findThemeByName(tx, name);
  if (existing) {
    if (existing.archivedAt)
      throw new RuleError(field, `The theme “${existing.name}” is archived: choose another, or ask for it to be restored`);
    return existing;
  }
  const theme = tx.insert(themes).values({ name: name.trim(), createdAt: nowIso() }).returning().get();
  recordAudit(tx, {
    actor,
    action: "create",
    entityType: "theme",
    entityId: theme.id,
    summary: `Theme “${theme.name}” created`,
    after: { name: theme.name },
  });
  return theme;
}

function setArchived({ id, actor }: { id: number; actor: Actor }, archived: boolean): Promise<Theme> {
  return writeTransaction((tx) => {
    const current = tx.select().from(themes).where(eq(themes.id, id)).get();
    if (!current) throw new NotFoundError("Theme");
    if (Boolean(current.archivedAt) === archived) return current;
    const archivedAt = archived ? nowIso() : null;
    const row = tx.update(themes).set({ archivedAt }).where(eq(themes.id, id)).returning().get();
    recordArchiving(tx, {
      actor,
      entityType: "theme",
      entityId: id,
      named: `Theme “${current.name}”`,
      archived,
      before: current.archivedAt,
      after: archivedAt,
    });
    return row;
  });
}

/** Stop offering a theme for new engagements; the engagements that have it keep it. */
export function archiveTheme(change: { id: number; actor: Actor }): Promise<Theme> {
  return setArchived(change, true);
}

export function restoreTheme(change: { id: number; actor: Actor }): Promise<Theme> {
  return setArchived(change, false);
}

/** Add a theme from the themes page; a name already used (in any case) is an error at the field. */
export function addTheme({ name, actor }: { name: string; actor: Actor }): Promise<Theme> {
  return writeTransaction((tx) => {
    const existing = findThemeByName(tx, name);
    if (existing)
      throw new RuleError(
        "name",
        existing.archivedAt ? `“${existing.name}” already exists, archived: restore it instead` : `“${existing.name}” already exists`,
      );
    return findOrCreateTheme({ tx, name, actor, field: "name" });
  });
}
