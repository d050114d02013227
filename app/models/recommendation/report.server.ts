// Inspection reports: create, change, archive and restore (each one transaction with its audit row), and read.
import { asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { inspectionReports, organisations, recommendations, type Marking } from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { statutoryResponse } from "~/domain/recommendations";
import { diffFields, nowIso, recordArchiving, recordAudit, type Actor } from "../audit.server";
import { atVersion, NotFoundError, RuleError } from "../errors";
import { preparedQuery } from "../prepared-statements.server";

export type InspectionReport = typeof inspectionReports.$inferSelect;

/** What a person edits on the report form. */
export type ReportInput = {
  title: string;
  publisherId: number;
  publishedOn: string;
  link?: string | null;
  marking: Marking;
  summary?: string | null;
  subjectForceId?: number | null;
  responseReceivedOn?: string | null;
};

const EDITABLE = ["title", "publisherId", "publishedOn", "link", "marking", "summary", "subjectForceId", "responseReceivedOn"] as const;

function clean(input: ReportInput) {
  return {
    title: input.title.trim(),
    publisherId: input.publisherId,
    publishedOn: input.publishedOn,
    link: input.link?.trim() || null,
    marking: input.marking,
    summary: input.summary?.trim() ? input.summary : null,
    subjectForceId: input.subjectForceId ?? null,
    responseReceivedOn: input.subjectForceId ? (input.responseReceivedOn ?? null) : null,
  };
}

/** The rules the form cannot see: the publisher and force exist and are in use, and no date is in the future. */
function checkReport(tx: Tx, next: ReturnType<typeof clean>, current: InspectionReport | undefined, today: string) {
  const errors: Record<string, string> = {};
  const publisher = tx.select().from(organisations).where(eq(organisations.id, next.publisherId)).get();
  if (!publisher) errors.publisherId = "Select the publisher from the list";
  else if (publisher.archivedAt && publisher.id !== current?.publisherId)
    errors.publisherId = `${publisher.name} is archived: select a body in use`;
  if (next.subjectForceId !== null) {
    const force = tx.select().from(organisations).where(eq(organisations.id, next.subjectForceId)).get();
    if (!force || force.kind !== "police_force") errors.subjectForceId = "Select a police force from the list";
    else if (force.archivedAt && force.id !== current?.subjectForceId)
      errors.subjectForceId = `${force.name} is archived: select a force in use`;
  }
  if (next.publishedOn > today) errors.publishedOn = "Publication date must be today or in the past";
  if (next.responseReceivedOn && next.responseReceivedOn > today)
    errors.responseReceivedOn = "The date the response was received must be today or in the past";
  if (next.responseReceivedOn && next.responseReceivedOn < next.publishedOn)
    errors.responseReceivedOn = "The date the response was received must be on or after the publication date";
  const [field] = Object.keys(errors);
  if (field) throw new RuleError(field, errors[field], errors);
}

export function createReport({
  input,
  actor,
  today = todayInUk(),
}: {
  input: ReportInput;
  actor: Actor;
  today?: string;
}): Promise<InspectionReport> {
  return writeTransaction((tx) => {
    const values = clean(input);
    checkReport(tx, values, undefined, today);
    const now = nowIso();
    const row = tx
      .insert(inspectionReports)
      .values({ ...values, createdById: actor.id, createdAt: now, updatedAt: now })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "create",
      entityType: "inspection_report",
      entityId: row.id,
      summary: `Inspection report “${row.title}” created`,
      after: Object.fromEntries(EDITABLE.map((f) => [f, row[f]])),
    });
    return row;
  });
}

function loadForChange(tx: Tx, id: number, expectedVersion: number): InspectionReport {
  return atVersion(tx.select().from(inspectionReports).where(eq(inspectionReports.id, id)).get(), expectedVersion, {
    what: "Inspection report",
    thing: "this report",
  });
}

/** Change a report's details, if it is still at the version the person saw (else ConflictError<InspectionReport>). */
export function updateReport({
  id,
  version,
  input,
  actor,
  today = todayInUk(),
}: {
  id: number;
  version: number;
  input: ReportInput;
  actor: Actor;
  today?: string;
}): Promise<InspectionReport> {
  return writeTransaction((tx) => {
    const current = loadForChange(tx, id, version);
    const values = clean(input);
    checkReport(tx, values, current, today);
    const diff = diffFields(current, values);
    if (!diff) return current;
    const row = tx
      .update(inspectionReports)
      .set({ ...values, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(inspectionReports.id, id))
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "inspection_report",
      entityId: id,
      summary: `Inspection report “${row.title}” changed`,
      ...diff,
    });
    return row;
  });
}

/** Archive (or restore) a report: it leaves the lists, and its recommendations with it; nothing is deleted. */
export function setReportArchived({
  id,
  version,
  archived,
  actor,
}: {
  id: number;
  version: number;
  archived: boolean;
  actor: Actor;
}): Promise<InspectionReport> {
  return writeTransaction((tx) => {
    const current = loadForChange(tx, id, version);
    if (Boolean(current.archivedAt) === archived)
      throw new RuleError("version", archived ? "This report is already archived" : "This report is not archived");
    const archivedAt = archived ? nowIso() : null;
    const row = tx
      .update(inspectionReports)
      .set({ archivedAt, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(inspectionReports.id, id))
      .returning()
      .get();
    recordArchiving(tx, {
      actor,
      entityType: "inspection_report",
      entityId: id,
      named: `Inspection report “${row.title}”`,
      archived,
      before: current.archivedAt,
      after: archivedAt,
    });
    return row;
  });
}

const publisher = alias(organisations, "publisher");
const subjectForce = alias(organisations, "subject_force");

function reportSelect(database: Db = db()) {
  return database
    .select({
      report: inspectionReports,
      publisherName: publisher.name,
      publisherShortName: publisher.shortName,
      publisherSlug: publisher.slug,
      subjectForceName: subjectForce.name,
      subjectForceSlug: subjectForce.slug,
    })
    .from(inspectionReports)
    .innerJoin(publisher, eq(publisher.id, inspectionReports.publisherId))
    .leftJoin(subjectForce, eq(subjectForce.id, inspectionReports.subjectForceId));
}

export type ReportView = ReturnType<typeof viewOf>;

function viewOf(row: Awaited<ReturnType<ReturnType<typeof reportSelect>["all"]>>[number], today: string) {
  return {
    ...row.report,
    publisherName: row.publisherName,
    publisherShortName: row.publisherShortName,
    publisherSlug: row.publisherSlug,
    subjectForceName: row.subjectForceName,
    subjectForceSlug: row.subjectForceSlug,
    response: statutoryResponse(row.report, today),
  };
}

const reportById = preparedQuery((database) =>
  reportSelect(database)
    .where(eq(inspectionReports.id, sql.placeholder("id")))
    .prepare(),
);

/** One report with its publisher and force named, and its statutory response; NotFoundError when there is none. */
export function getReport({ id, today = todayInUk() }: { id: number; today?: string }): ReportView {
  const row = reportById().get({ id });
  if (!row) throw new NotFoundError("Inspection report");
  return viewOf(row, today);
}

const recommendationCounts = preparedQuery((database) =>
  database
    .select({ reportId: recommendations.reportId, n: count() })
    .from(recommendations)
    .where(isNull(recommendations.archivedAt))
    .groupBy(recommendations.reportId)
    .prepare(),
);
const reportsNewestFirst = (includeArchived: boolean) =>
  preparedQuery((database) =>
    reportSelect(database)
      .where(includeArchived ? undefined : isNull(inspectionReports.archivedAt))
      .orderBy(desc(inspectionReports.publishedOn), desc(inspectionReports.id))
      .prepare(),
  );
const liveReports = reportsNewestFirst(false);
const everyReport = reportsNewestFirst(true);

/** Every report, newest first (archived ones only when asked), with how many recommendations each has. */
export function listReports({ includeArchived = false, today = todayInUk() }: { includeArchived?: boolean; today?: string } = {}) {
  const counts = new Map(
    recommendationCounts()
      .all()
      .map((r) => [r.reportId, r.n]),
  );
  return (includeArchived ? everyReport : liveReports)()
    .all()
    .map((row) => ({ ...viewOf(row, today), recommendationCount: counts.get(row.report.id) ?? 0 }));
}

/** The organisations a report form offers: publishers (any body in use) and police forces. */
export function listReportFormChoices() {
  const orgs = db()
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.name))
    .all();
  return { publishers: orgs, forces: orgs.filter((o) => o.kind === "police_force") };
}

/** The publishers the list can filter by: every organisation that has published a report. */
export function listPublishers() {
  return db()
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(inspectionReports)
    .innerJoin(organisations, eq(organisations.id, inspectionReports.publisherId))
    .where(isNull(inspectionReports.archivedAt))
    .orderBy(asc(organisations.name))
    .all();
}
