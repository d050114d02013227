// What an import will create, row by row, and every problem at its row and cell: the preview shows it, and saving
// writes it (computed again inside the saving transaction, so what is saved is what the database holds then).
import { createHash } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "~db/connection";
import {
  engagements,
  importRecords,
  imports,
  organisationAliases,
  organisations,
  personAliases,
  themes,
  users,
  contacts,
} from "~db/schema";
import type {
  ActionKind,
  ActionOwnerType,
  ActionStatus,
  EngagementFormat,
  EngagementKind,
  EngagementStatus,
  Marking,
} from "~/domain/enums";
import {
  IMPORT_FIELDS,
  cellReference,
  nameSimilarity,
  normaliseName,
  readActionKind,
  readAgenda,
  readAttendees,
  readActionStatus,
  readDate,
  readEngagementFormat,
  readEngagementKind,
  readEngagementStatus,
  readMarking,
  readOwnerType,
  readTime,
  readYesNo,
  splitList,
  splitNames,
  type AttendeeReading,
  type AttendeeSide,
  type ColumnMapping,
  type ImportKind,
} from "~/domain/import";
import { todayInUk } from "~/domain/dates";
import { formatDate } from "~/domain/format";
import type { Cell, SourceRow } from "./read-file.server";

/**
 * A problem at a row's cell. `fix` says how the preview page puts it right: the cell typed again (a date, a
 * missing title, a kind), or a person chosen from the staff for every cell that names them the same way.
 * Organisations are chosen once for every row instead (aliases).
 */
export type RowProblem = {
  field: string;
  cell: string | null;
  message: string;
  column: number | null;
  value: string;
  fix: "cell" | "person" | null;
};

/** Fields whose problems are put right for every row at once: people chosen from the staff, organisations as aliases. */
export const PERSON_FIELD_KEYS = ["lead", "actionOwner", "owner"];
const ORGANISATION_FIELD_KEYS = ["organisations", "organisation"];
export type UnknownOrganisation = { text: string; lines: number[]; suggestions: { id: number; name: string }[] };

export type PlannedAction = {
  kind: ActionKind;
  description: string;
  organisationId: number | null;
  ownerType: ActionOwnerType;
  ownerUserId: number | null;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  closingNote: string | null;
  closedAt: string | null;
  resolvedByEngagementId: number | null;
};
/** Exactly one of userId, contactId, name, as the attendees table holds them. */
export type PlannedAttendee = {
  userId: number | null;
  contactId: number | null;
  name: string | null;
  roleTitle: string | null;
  side: AttendeeSide;
};
export type PlannedEngagement = {
  title: string;
  kind: EngagementKind;
  status: EngagementStatus;
  date: string;
  startTime: string | null;
  endTime: string | null;
  format: EngagementFormat | null;
  location: string | null;
  country: string | null;
  purpose: string | null;
  summary: string | null;
  marking: Marking;
  leadUserId: number | null;
  organisationIds: number[];
  themes: string[];
  attendees: PlannedAttendee[];
  agenda: { title: string; outcome: string | null }[];
};
export type PlannedContact = {
  organisationId: number;
  name: string;
  roleTitle: string | null;
  email: string | null;
  phone: string | null;
  inPost: boolean;
};

/** One source row: what it will do, and why not when it cannot. */
export type PlannedRow = {
  line: number;
  fingerprint: string;
  outcome: "create" | "add_action" | "duplicate" | "already_imported" | "already_in_tracker" | "problem";
  /** What it creates, in words, or why it is skipped. */
  says: string;
  problems: RowProblem[];
  engagement?: PlannedEngagement;
  /** For add_action: the line whose engagement this row adds an action to. */
  engagementLine?: number;
  /** For actions alone: the engagement the action belongs to. */
  engagementId?: number;
  action?: PlannedAction;
  contact?: PlannedContact;
};

export type ImportPlan = {
  rows: PlannedRow[];
  unknownOrganisations: UnknownOrganisation[];
  missingFields: string[];
  counts: { create: number; skipped: number; problems: number };
};

type Lookups = ReturnType<typeof loadLookups>;

/**
 * What the preview says an engagement row will create, with the names its organisations and people were read as:
 * "Engagement “Quarterly review” on 31 March 2026 with NCA, led by Jane Smith, with a follow-up for Tom Walker: …".
 */
function engagementSays(
  lookups: { staffNameById: Map<number, string>; organisationNameById: Map<number, string> },
  row: { title: string; date: string; organisationIds: (number | null)[]; leadUserId: number | null; action?: PlannedAction },
): string {
  const organisations = row.organisationIds.flatMap((id) => (id === null ? [] : [lookups.organisationNameById.get(id) ?? ""]));
  const lead = row.leadUserId === null ? undefined : lookups.staffNameById.get(row.leadUserId);
  return `Engagement “${row.title}” on ${formatDate(row.date)} with ${organisations.join(", ")}${lead ? `, led by ${lead}` : ""}${
    row.action ? `, with a follow-up${forStaff(lookups, row.action.ownerUserId)}: ${row.action.description}` : ""
  }`;
}

/** " for Jane Smith": the member of staff an action is for, as the preview names them. */
function forStaff(lookups: { staffNameById: Map<number, string> }, userId: number | null): string {
  const name = userId === null ? undefined : lookups.staffNameById.get(userId);
  return name ? ` for ${name}` : "";
}

function loadLookups(database: Db | Tx, kind: ImportKind, withAttendees: boolean) {
  const orgs = database
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .all();
  const organisationByName = new Map<string, number>();
  for (const o of orgs) {
    organisationByName.set(normaliseName(o.name), o.id);
    if (o.shortName) organisationByName.set(normaliseName(o.shortName), o.id);
  }
  const live = new Set(orgs.map((o) => o.id));
  for (const a of database.select().from(organisationAliases).all())
    if (live.has(a.organisationId)) organisationByName.set(a.alias, a.organisationId);
  const staff = database
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(isNull(users.deactivatedAt))
    .all();
  const userByName = new Map<string, number>();
  for (const u of staff) {
    userByName.set(normaliseName(u.name), u.id);
    userByName.set(u.email.toLowerCase(), u.id);
  }
  // A name chosen on an earlier preview ("J. Smith"), for someone still on the staff. A member of staff whose own
  // name it is comes first: the tracker's record of a person over a remembered reading of a file.
  const active = new Set(staff.map((u) => u.id));
  for (const a of database.select().from(personAliases).all())
    if (active.has(a.userId) && !userByName.has(a.alias)) userByName.set(a.alias, a.userId);
  const archivedThemes = new Set(
    database
      .select({ name: themes.name, archivedAt: themes.archivedAt })
      .from(themes)
      .all()
      .filter((t) => t.archivedAt)
      .map((t) => normaliseName(t.name)),
  );
  const engagementByKey = new Map<string, number>();
  if (kind !== "contacts")
    for (const e of database
      .select({ id: engagements.id, date: engagements.date, title: engagements.title })
      .from(engagements)
      .where(isNull(engagements.archivedAt))
      .all())
      engagementByKey.set(`${e.date}|${normaliseName(e.title)}`, e.id);
  const contactKeys = new Set<string>();
  if (kind === "contacts")
    for (const c of database.select({ organisationId: contacts.organisationId, name: contacts.name }).from(contacts).all())
      contactKeys.add(`${c.organisationId}|${normaliseName(c.name)}`);
  // Attendees who are contacts, by name: the export names their organisation, which picks one of several.
  const contactsByName = new Map<string, { id: number; organisationId: number; roleTitle: string | null }[]>();
  if (withAttendees)
    for (const c of database
      .select({ id: contacts.id, name: contacts.name, organisationId: contacts.organisationId, roleTitle: contacts.roleTitle })
      .from(contacts)
      .all()) {
      const key = normaliseName(c.name);
      contactsByName.set(key, [...(contactsByName.get(key) ?? []), c]);
    }
  // For the preview's "what": the names the file's were read as (an alias remembered long ago shows whom it means).
  const staffNameById = new Map(staff.map((u) => [u.id, u.name]));
  const organisationNameById = new Map(orgs.map((o) => [o.id, o.shortName ?? o.name]));
  return {
    orgs,
    organisationByName,
    userByName,
    staffNameById,
    organisationNameById,
    archivedThemes,
    engagementByKey,
    contactKeys,
    contactsByName,
  };
}

/** The fingerprints of rows an import already saved (and not undone), with the import that saved them. */
function importedFingerprints(database: Db | Tx, fingerprints: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < fingerprints.length; i += 500) {
    const rows = database
      .select({ fingerprint: importRecords.fingerprint, importId: importRecords.importId })
      .from(importRecords)
      .innerJoin(imports, eq(imports.id, importRecords.importId))
      .where(and(inArray(importRecords.fingerprint, fingerprints.slice(i, i + 500)), eq(imports.status, "saved")))
      .all();
    for (const r of rows) out.set(r.fingerprint, r.importId);
  }
  return out;
}

function fingerprintOf(kind: ImportKind, values: Record<string, string>): string {
  const canonical = Object.keys(values)
    .sort()
    .map((k) => `${k}=${normaliseName(values[k])}`)
    .join("\u0001");
  return createHash("sha256").update(`${kind}\u0002${canonical}`).digest("hex").slice(0, 32);
}

export function planImport({
  database,
  kind,
  headers,
  rows,
  mapping,
  today = todayInUk(),
}: {
  database: Db | Tx;
  kind: ImportKind;
  headers: string[];
  rows: SourceRow[];
  mapping: ColumnMapping;
  today?: string;
}): ImportPlan {
  const lookups = loadLookups(database, kind, kind === "engagements" && mapping.attendees !== undefined);
  const fields = IMPORT_FIELDS[kind];
  const missingFields = fields.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.label);
  const unknown = new Map<string, UnknownOrganisation>();
  const seen = new Map<string, number>(); // fingerprint -> first line
  const engagementLines = new Map<string, number>(); // date|title -> line of the row that creates it

  const texts = rows.map((row) => {
    const values: Record<string, string> = {};
    for (const f of fields) if (mapping[f.key] !== undefined) values[f.key] = String(row.cells[mapping[f.key]] ?? "").trim();
    return values;
  });
  const fingerprints = texts.map((values) => fingerprintOf(kind, values));
  const imported = importedFingerprints(database, fingerprints);

  const planned = rows.map((row, index): PlannedRow => {
    const problems: RowProblem[] = [];
    const cell = (key: string): Cell => (mapping[key] === undefined ? "" : (row.cells[mapping[key]] ?? ""));
    const text = (key: string) => String(cell(key)).trim();
    const ref = (key: string) => (mapping[key] === undefined ? null : cellReference(mapping[key], row.line));
    const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
    const problem = (key: string, message: string) =>
      problems.push({
        field: label(key),
        cell: ref(key),
        message,
        column: mapping[key] ?? null,
        value: text(key),
        fix: PERSON_FIELD_KEYS.includes(key)
          ? "person"
          : ORGANISATION_FIELD_KEYS.includes(key) || mapping[key] === undefined
            ? null
            : "cell",
      });
    const fingerprint = fingerprints[index];
    const base = { line: row.line, fingerprint, problems };

    const earlier = seen.get(fingerprint);
    if (earlier !== undefined) return { ...base, outcome: "duplicate", says: `The same as line ${earlier}: left out` };
    seen.set(fingerprint, row.line);
    const importId = imported.get(fingerprint);
    if (importId !== undefined) return { ...base, outcome: "already_imported", says: `Already imported (import ${importId}): left out` };

    const required = (key: string): string => {
      const value = text(key);
      if (!value && mapping[key] !== undefined) problem(key, `${label(key)} is missing`);
      return value;
    };
    const date = (key: string, needed: boolean): string | null => {
      const raw = cell(key);
      if (raw === "" || String(raw).trim() === "") {
        if (needed && mapping[key] !== undefined) problem(key, `${label(key)} is missing`);
        return null;
      }
      const reading = readDate(typeof raw === "number" ? raw : String(raw));
      if (!reading.ok) problem(key, reading.problem);
      return reading.ok ? reading.date : null;
    };
    const optional = (key: string) => text(key) || null;
    const organisation = (name: string): number | null => {
      const id = lookups.organisationByName.get(normaliseName(name));
      if (id !== undefined) return id;
      const key = normaliseName(name);
      const entry = unknown.get(key) ?? { text: name, lines: [], suggestions: suggest(lookups, name) };
      entry.lines.push(row.line);
      unknown.set(key, entry);
      return null;
    };
    const staff = (key: string): number | null => {
      const value = text(key);
      if (!value) return null;
      const id = lookups.userByName.get(value.includes("@") ? value.toLowerCase() : normaliseName(value));
      if (id === undefined) problem(key, `${value} is not a member of staff: write their name or email as the tracker knows it`);
      return id ?? null;
    };
    const choice = <T>(key: string, read: (s: string) => T | undefined, fallback: T, allowed: string): T => {
      const value = text(key);
      if (!value) return fallback;
      const result = read(value);
      if (result === undefined) problem(key, `${label(key)} “${value}” is not one of ${allowed}`);
      return result ?? fallback;
    };

    if (kind === "contacts") {
      const orgText = required("organisation");
      const name = required("name");
      const organisationId = orgText ? organisation(orgText) : null;
      if (orgText && organisationId === null) problem("organisation", `${orgText} is not an organisation we know: choose one below`);
      const inPostText = text("inPost");
      const inPost = inPostText ? readYesNo(inPostText) : true;
      if (inPost === undefined) problem("inPost", `In post “${inPostText}” is not yes or no`);
      if (problems.length || organisationId === null)
        return { ...base, outcome: "problem", says: "Cannot be imported until the problems are put right" };
      if (lookups.contactKeys.has(`${organisationId}|${normaliseName(name)}`))
        return { ...base, outcome: "already_in_tracker", says: "A contact of that name is already there: left out" };
      const contact = {
        organisationId,
        name,
        roleTitle: optional("roleTitle"),
        email: optional("email"),
        phone: optional("phone"),
        inPost: inPost ?? true,
      };
      return { ...base, outcome: "create", says: `Contact ${name}`, contact };
    }

    if (kind === "actions") {
      const engagementDate = date("engagementDate", true);
      const engagementTitle = required("engagementTitle");
      const description = required("description");
      let engagementId: number | undefined;
      if (engagementDate && engagementTitle) {
        engagementId = lookups.engagementByKey.get(`${engagementDate}|${normaliseName(engagementTitle)}`);
        if (engagementId === undefined)
          problem(
            "engagementTitle",
            `No engagement “${engagementTitle}” on ${engagementDate} in the tracker: import the engagements first`,
          );
      }
      const action = readAction({ text, date, choice, staff, problem, organisation });
      const resolvedByText = text("resolvedBy");
      let resolvedByEngagementId: number | null = null;
      if (resolvedByText) {
        // The export writes "2026-08-03 Review with the Met": the engagement's date, then its title.
        const m = /^(\S+)\s+(.+)$/.exec(resolvedByText);
        const reading = m ? readDate(m[1]) : null;
        const found = m && reading?.ok ? lookups.engagementByKey.get(`${reading.date}|${normaliseName(m[2])}`) : undefined;
        if (found === undefined)
          problem(
            "resolvedBy",
            `No engagement “${resolvedByText}” in the tracker: write its date and title, like 2024-03-31 Quarterly review`,
          );
        resolvedByEngagementId = found ?? null;
      }
      if (problems.length || engagementId === undefined)
        return { ...base, outcome: "problem", says: "Cannot be imported until the problems are put right" };
      return {
        ...base,
        outcome: "create",
        says: `${action.kind === "commitment" ? "Commitment" : "Follow-up"}${forStaff(lookups, action.ownerUserId)}: ${description}`,
        engagementId,
        action: { ...action, description, resolvedByEngagementId },
      };
    }

    // Engagements, with an action on the row when it has one.
    const engagementDate = date("date", true);
    const title = required("title");
    const orgTexts = splitNames(text("organisations"), (name) => lookups.organisationByName.has(normaliseName(name)));
    if (!orgTexts.length && mapping.organisations !== undefined) problem("organisations", "Organisations is missing");
    const organisationIds = [...new Set(orgTexts.map(organisation))];
    const missingOrgs = orgTexts.filter((_, i) => organisationIds[i] === null);
    for (const name of orgTexts.filter((n) => lookups.organisationByName.get(normaliseName(n)) === undefined))
      problem("organisations", `${name} is not an organisation we know: choose one below`);
    const startTime = timeOf("startTime");
    const endTime = timeOf("endTime");
    function timeOf(key: string): string | null {
      const raw = cell(key);
      if (raw === "" || String(raw).trim() === "") return null;
      const time = readTime(raw);
      if (!time) problem(key, `${label(key)} “${raw}” is not a time: write it like 14:30`);
      return time;
    }
    const marking = choice("marking", readMarking, "OFFICIAL" as Marking, "OFFICIAL, OFFICIAL-SENSITIVE");
    const engagementKind = choice(
      "kind",
      readEngagementKind,
      "meeting" as EngagementKind,
      "Meeting, Call, Visit, Conference, Correspondence, Other",
    );
    const defaultStatus: EngagementStatus = engagementDate && engagementDate > today ? "planned" : "held";
    const status = choice("status", readEngagementStatus, defaultStatus, "Planned, Held, Cancelled");
    const format = choice("format", readEngagementFormat, null as EngagementFormat | null, "In person, Virtual, Hybrid");
    const leadUserId = staff("lead");
    const themeNames = splitList(text("themes"));
    for (const t of themeNames) if (lookups.archivedThemes.has(normaliseName(t))) problem("themes", `The theme “${t}” is archived`);
    const actionText = text("actionDescription");
    let action: PlannedAction | undefined;
    if (actionText) {
      const ownerUserId = staff("actionOwner");
      const dueDate = date("actionDueDate", false);
      action = {
        kind: "follow_up",
        description: actionText,
        organisationId: organisationIds.length === 1 ? organisationIds[0] : null,
        ownerType: "office",
        ownerUserId: ownerUserId ?? leadUserId,
        ownerName: null,
        dueDate,
        status: "open",
        closingNote: null,
        closedAt: null,
        resolvedByEngagementId: null,
      };
    }
    const attendees = readAttendees(text("attendees")).map((a) => plannedAttendee(lookups, a));
    if (attendees.length > ATTENDEES_AT_MOST) problem("attendees", `An engagement can have at most ${ATTENDEES_AT_MOST} attendees`);
    const agenda = readAgenda(text("agenda"));
    if (agenda.length > AGENDA_ITEMS_AT_MOST) problem("agenda", `An engagement can have at most ${AGENDA_ITEMS_AT_MOST} agenda items`);
    if (problems.length || missingOrgs.length || !engagementDate)
      return { ...base, outcome: "problem", says: "Cannot be imported until the problems are put right" };
    const key = `${engagementDate}|${normaliseName(title)}`;
    const sameEngagement = engagementLines.get(key);
    if (sameEngagement !== undefined && action)
      return {
        ...base,
        outcome: "add_action",
        says: `Follow-up for the engagement on line ${sameEngagement}: ${actionText}`,
        engagementLine: sameEngagement,
        action,
      };
    if (lookups.engagementByKey.has(key))
      return { ...base, outcome: "already_in_tracker", says: `The tracker already has “${title}” on ${engagementDate}: left out` };
    engagementLines.set(key, row.line);
    const engagement: PlannedEngagement = {
      title,
      kind: engagementKind,
      status,
      date: engagementDate,
      startTime,
      endTime,
      format,
      location: optional("location"),
      country: optional("country"),
      purpose: optional("purpose"),
      summary: optional("summary"),
      marking,
      leadUserId,
      organisationIds: organisationIds as number[],
      themes: themeNames,
      attendees,
      agenda,
    };
    return {
      ...base,
      outcome: "create",
      says: engagementSays(lookups, { title, date: engagementDate, organisationIds, leadUserId, action }),
      engagement,
      action,
    };
  });

  const creates = planned.filter((r) => r.outcome === "create" || r.outcome === "add_action").length;
  const withProblems = planned.filter((r) => r.outcome === "problem").length;
  void headers;
  return {
    rows: planned,
    unknownOrganisations: [...unknown.values()],
    missingFields,
    counts: { create: creates, skipped: planned.length - creates - withProblems, problems: withProblems },
  };
}

type RowReaders = {
  text: (key: string) => string;
  date: (key: string, needed: boolean) => string | null;
  choice: <T>(key: string, read: (s: string) => T | undefined, fallback: T, allowed: string) => T;
  staff: (key: string) => number | null;
  problem: (key: string, message: string) => void;
  organisation: (name: string) => number | null;
};

/** The engagement form's own limits. */
const ATTENDEES_AT_MOST = 100;
const AGENDA_ITEMS_AT_MOST = 100;

/**
 * An attendee line as the tracker stores it: a member of staff on the office's side (by name), a contact named
 * with their organisation ("Jane Doe (Head of MSHT, NCA)"), else a name as written with the bracket as its role,
 * so that the export writes the same line again.
 */
function plannedAttendee(lookups: Lookups, { name, detail, side }: AttendeeReading): PlannedAttendee {
  const user = () => lookups.userByName.get(normaliseName(name));
  const staff = side === "office" ? user() : undefined;
  if (staff !== undefined) return { userId: staff, contactId: null, name: null, roleTitle: detail, side };
  if (detail) {
    const parts = detail.split(", ");
    const organisationId = lookups.organisationByName.get(normaliseName(parts[parts.length - 1]));
    const role = parts.slice(0, -1).join(", ") || null;
    const there = (lookups.contactsByName.get(normaliseName(name)) ?? []).filter((c) => c.organisationId === organisationId);
    const contact = there.find((c) => c.roleTitle === role) ?? there[0];
    if (contact) {
      return { userId: null, contactId: contact.id, name: null, roleTitle: role === contact.roleTitle ? null : role, side };
    }
  }
  const other = user();
  if (other !== undefined) return { userId: other, contactId: null, name: null, roleTitle: detail, side };
  return { userId: null, contactId: null, name, roleTitle: detail, side };
}

function readAction({ text, date, choice, staff, problem, organisation }: Omit<RowReaders, "lookups">): Omit<PlannedAction, "description"> {
  const kind = choice("kind", readActionKind, "follow_up" as ActionKind, "Commitment, Follow-up");
  const status = choice("status", readActionStatus, "open" as ActionStatus, "Open, In progress, Done, Dropped");
  const orgText = text("organisation");
  const organisationId = orgText ? organisation(orgText) : null;
  if (orgText && organisationId === null) problem("organisation", `${orgText} is not an organisation we know: choose one below`);
  const ownerType = choice("ownerType", readOwnerType, "office" as ActionOwnerType, "The office, The stakeholder");
  const ownerText = text("owner");
  let ownerUserId: number | null = null;
  let ownerName: string | null = null;
  if (ownerType === "stakeholder") ownerName = ownerText || null;
  else ownerUserId = staff("owner");
  const closedOn = date("closedOn", false);
  const closed = status === "done" || status === "dropped";
  return {
    kind,
    organisationId,
    ownerType,
    ownerUserId,
    ownerName,
    dueDate: date("dueDate", false),
    status,
    closingNote: text("closingNote") || null,
    closedAt: closed ? `${closedOn ?? todayInUk()}T12:00:00.000Z` : null,
    resolvedByEngagementId: null,
  };
}

function suggest(lookups: Lookups, name: string): { id: number; name: string }[] {
  const wanted = normaliseName(name);
  return lookups.orgs
    .map((o) => ({
      id: o.id,
      name: o.name,
      score: Math.max(nameSimilarity(wanted, normaliseName(o.name)), o.shortName ? nameSimilarity(wanted, normaliseName(o.shortName)) : 0),
    }))
    .filter((o) => o.score >= 0.35)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map(({ id, name }) => ({ id, name }));
}
