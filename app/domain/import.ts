// Spreadsheet import: the kinds, the tracker's fields for each and how their headers read, and the pure rules
// for reading cells as people type them (dates, several organisations in one cell, yes/no, labels).
import {
  ACTION_KIND_LABELS,
  ACTION_OWNER_TYPE_LABELS,
  ACTION_STATUS_LABELS,
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
} from "./engagement-labels";
import { MARKINGS } from "./enums";
import { megabytes } from "./format";

export const IMPORT_KINDS = ["engagements", "actions", "contacts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ["draft", "saved", "undone"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  engagements: "Engagements, with their actions",
  actions: "Actions of engagements already in the tracker",
  contacts: "Contacts at organisations",
};

/** The limits, stated on the page and enforced when reading. The server takes a request body of up to 6 MB. */
export const IMPORT_LIMITS = {
  bytes: 5 * 1024 * 1024,
  rows: 10_000,
  columns: 100,
  cellCharacters: 32_767, // Excel's own limit for one cell
  /** A .xlsx is a zip: refuse one that would unpack to more than this (a zip bomb). */
  unpackedBytes: 100 * 1024 * 1024,
  draftHours: 24,
} as const;

/** Said next to the file field, by the page before the upload (with JavaScript) and by the server after it. */
export const IMPORT_FILE_TOO_LARGE = `The file is larger than ${megabytes(IMPORT_LIMITS.bytes)}: split it into smaller files`;

export type ImportField = {
  key: string;
  label: string;
  required?: boolean;
  /** Headers that mean this field, normalised (lower case, letters and digits): the tracker's own exports first. */
  headers: string[];
};

const ENGAGEMENT_FIELDS: ImportField[] = [
  { key: "date", label: "Date", required: true, headers: ["date", "engagement date", "meeting date", "date of meeting", "when"] },
  { key: "title", label: "Title", required: true, headers: ["title", "engagement", "meeting", "subject", "engagement title"] },
  {
    key: "organisations",
    label: "Organisations",
    required: true,
    headers: ["organisations", "organisation", "organisations engaged", "stakeholder", "stakeholders", "with", "organization", "body"],
  },
  { key: "kind", label: "Kind", headers: ["kind", "type", "engagement type", "kind of engagement"] },
  { key: "status", label: "Status", headers: ["status", "engagement status"] },
  { key: "startTime", label: "Start time", headers: ["start time", "start", "time", "from"] },
  { key: "endTime", label: "End time", headers: ["end time", "end", "to", "until"] },
  { key: "format", label: "Format", headers: ["format", "in person or virtual"] },
  { key: "location", label: "Location", headers: ["location", "venue", "place", "where"] },
  { key: "country", label: "Country", headers: ["country"] },
  { key: "lead", label: "Lead officer", headers: ["lead officer", "lead", "officer", "owner", "staff lead"] },
  { key: "themes", label: "Themes", headers: ["themes", "theme", "topics", "topic"] },
  { key: "purpose", label: "Purpose", headers: ["purpose", "objective", "aim"] },
  { key: "summary", label: "Summary of outcomes", headers: ["summary of outcomes", "summary", "outcomes", "outcome", "notes", "minutes"] },
  { key: "marking", label: "Marking", headers: ["marking", "protective marking", "classification"] },
  { key: "attendees", label: "Attendees", headers: ["attendees", "attendance", "present", "who attended"] },
  { key: "agenda", label: "Agenda", headers: ["agenda", "agenda items"] },
  { key: "actionDescription", label: "Action", headers: ["action", "actions", "follow up", "follow-up", "commitment", "next steps"] },
  { key: "actionOwner", label: "Action owner", headers: ["action owner", "action by", "owner of action", "who"] },
  { key: "actionDueDate", label: "Action due date", headers: ["action due date", "due date", "due", "deadline", "by when"] },
];

const ACTION_FIELDS: ImportField[] = [
  { key: "engagementDate", label: "Engagement date", required: true, headers: ["engagement date", "meeting date", "date"] },
  { key: "engagementTitle", label: "Engagement", required: true, headers: ["engagement", "meeting", "engagement title", "title"] },
  { key: "description", label: "What", required: true, headers: ["what", "action", "description", "action description"] },
  { key: "kind", label: "Type", headers: ["type", "kind"] },
  { key: "organisation", label: "Organisation", headers: ["organisation", "organization", "stakeholder"] },
  { key: "ownerType", label: "Owned by", headers: ["owned by", "whose"] },
  { key: "owner", label: "Owner", headers: ["owner", "action owner", "who", "assigned to"] },
  { key: "dueDate", label: "Due date", headers: ["due date", "due", "deadline", "by when"] },
  { key: "status", label: "Status", headers: ["status"] },
  { key: "closedOn", label: "Closed on", headers: ["closed on", "closed", "date closed"] },
  { key: "closingNote", label: "Closing note", headers: ["closing note", "closure note"] },
  { key: "resolvedBy", label: "Resolved by engagement", headers: ["resolved by engagement", "resolved by"] },
];

const CONTACT_FIELDS: ImportField[] = [
  { key: "organisation", label: "Organisation", required: true, headers: ["organisation", "organization", "body", "employer"] },
  { key: "name", label: "Name", required: true, headers: ["name", "full name", "contact", "contact name", "person"] },
  { key: "roleTitle", label: "Role", headers: ["role", "role title", "job title", "title", "position", "post"] },
  { key: "email", label: "Email", headers: ["email", "email address", "e mail"] },
  { key: "phone", label: "Phone", headers: ["phone", "telephone", "phone number", "tel", "mobile"] },
  { key: "inPost", label: "In post", headers: ["in post", "current", "still in post"] },
];

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  engagements: ENGAGEMENT_FIELDS,
  actions: ACTION_FIELDS,
  contacts: CONTACT_FIELDS,
};

/** "Met  Police " and "met police" are one name: lower case, letters and digits, single spaces. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export type ColumnMapping = Record<string, number>; // field key -> column index

/**
 * The mapping guessed from a file's headers: a header remembered from the last import of this kind first,
 * then the field's known headers. Each column serves one field; the first matching column wins.
 */
export function guessMapping(kind: ImportKind, headers: string[], remembered: Record<string, string> = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const normalised = headers.map(normaliseName);
  normalised.forEach((header, column) => {
    const field = remembered[header];
    if (field && mapping[field] === undefined && IMPORT_FIELDS[kind].some((f) => f.key === field)) {
      mapping[field] = column;
      used.add(column);
    }
  });
  for (const field of IMPORT_FIELDS[kind]) {
    if (mapping[field.key] !== undefined) continue;
    const column = field.headers
      .map((h) => normalised.findIndex((header, i) => !used.has(i) && header === normaliseName(h)))
      .find((i) => i >= 0);
    if (column !== undefined) {
      mapping[field.key] = column;
      used.add(column);
    }
  }
  return mapping;
}

/** What to remember of a mapping: each mapped column's header, normalised, to its field. */
export function mappingToRemember(headers: string[], mapping: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping)) {
    const header = headers[column] ? normaliseName(headers[column]) : "";
    if (header) out[header] = field;
  }
  return out;
}

// ----------------------------------------------------------------------------------------------------------
// Dates

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export type DateReading = { ok: true; date: string } | { ok: false; problem: string };

function isoFrom(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function fullYear(text: string): number {
  const n = Number(text);
  // Two-digit years: 00–69 are 2000s, 70–99 the 1900s (Excel's own cut-off is 29; the office's records start in the 2000s).
  return text.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/** An Excel date number (days since 1899-12-30, the 1900 leap-year bug included) as YYYY-MM-DD. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80_000) return null;
  const ms = Math.round((Math.floor(serial) - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date as people type it: 31/03/2024, 31/3/24, 31-03-2024, 31.03.2024, 31-Mar-24, 31 March 2024, 2024-03-31,
 * or an Excel date number. Day first, as the UK writes it; 03/31/2024 cannot be day first and is a problem
 * (a US date), never silently turned round.
 */
export function readDate(value: string | number): DateReading {
  if (typeof value === "number") {
    const iso = excelSerialToIso(value);
    return iso ? { ok: true, date: iso } : { ok: false, problem: `${value} is not a date` };
  }
  const text = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) {
    const iso = isoFrom(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { ok: true, date: iso } : { ok: false, problem: `${text} is not a real date` };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    const iso = isoFrom(year, b, a);
    if (iso) return { ok: true, date: iso };
    if (isoFrom(year, a, b))
      return { ok: false, problem: `${text} looks like a US date (month first): write it day first, ${m[2]}/${m[1]}/${m[3]}` };
    return { ok: false, problem: `${text} is not a real date` };
  }
  m = /^(\d{1,2})[\s/-]+([A-Za-z]{3,9})\.?[\s/,-]+(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    const iso = month ? isoFrom(fullYear(m[3]), month, Number(m[1])) : null;
    return iso ? { ok: true, date: iso } : { ok: false, problem: `${text} is not a real date` };
  }
  if (/^\d+(\.\d+)?$/.test(text)) return readDate(Number(text));
  return { ok: false, problem: `${text} is not a date we can read: write it like 31/03/2024` };
}

/** "14:00", "2pm", "14.30", or an Excel time fraction, as HH:MM. */
export function readTime(value: string | number): string | null {
  if (typeof value === "number") {
    if (value < 0 || value >= 1) return null;
    const minutes = Math.round(value * 24 * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  }
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? "0");
  if (m[3]?.toLowerCase() === "pm" && hours < 12) hours += 12;
  if (m[3]?.toLowerCase() === "am" && hours === 12) hours = 0;
  if (!m[2] && !m[3]) return null;
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

// ----------------------------------------------------------------------------------------------------------
// Several values in one cell

/**
 * "NCA; Met Police", one per line, or "NCA and Border Force": the names, trimmed. A part with " and " in it is
 * split there only when it is not itself a name we know ("Mayor's Office for Policing and Crime") and every
 * piece is one.
 */
export function splitNames(text: string, isKnown: (name: string) => boolean = () => false): string[] {
  return splitList(text).flatMap((part) => {
    if (isKnown(part) || !/\s+and\s+/i.test(part)) return [part];
    const pieces = part
      .split(/\s+and\s+/i)
      .map((s) => s.trim())
      .filter(Boolean);
    return pieces.every(isKnown) ? pieces : [part];
  });
}

/** Themes are separated by ; or new lines only ("Victims and survivors" is one theme). */
export function splitList(text: string): string[] {
  return text
    .split(/;|\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Columns of the tracker's own exports that the tracker works out rather than stores (counts, kinds, whether
 * overdue, links): importing them would add nothing, and they come back the same once the records are in.
 */
export const DERIVED_EXPORT_HEADERS = ["kinds of organisation", "commitments", "follow ups", "actions done", "overdue", "link"];

// ----------------------------------------------------------------------------------------------------------
// Attendees and agenda, as the tracker's engagements CSV writes them (one per line in the cell)

export type AttendeeSide = keyof typeof ATTENDEE_SIDE_LABELS;
export type AttendeeReading = { name: string; detail: string | null; side: AttendeeSide };

const SIDE_BY_LABEL = new Map<string, AttendeeSide>(
  (Object.entries(ATTENDEE_SIDE_LABELS) as [AttendeeSide, string][]).flatMap(([side, label]) => [
    [normaliseName(label), side],
    [side, side],
  ]),
);

/**
 * "Jane Doe (Head of MSHT, NCA): Stakeholder", one attendee a line, as the export writes them; a line without
 * a side ("Jane Doe") is a stakeholder, and one without brackets has no role. The bracket's text is kept whole
 * (`detail`): the plan decides whether its last part names the contact's organisation.
 */
export function readAttendees(text: string): AttendeeReading[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      let rest = line;
      let side: AttendeeSide = "stakeholder";
      const sideMatch = /^(.*):\s*([^:()]+)$/.exec(rest);
      const known = sideMatch ? SIDE_BY_LABEL.get(normaliseName(sideMatch[2])) : undefined;
      if (sideMatch && known) {
        side = known;
        rest = sideMatch[1].trim();
      }
      const open = rest.endsWith(")") ? openingBracket(rest) : -1;
      return open > 0
        ? { name: rest.slice(0, open).trim(), detail: rest.slice(open + 1, -1).trim() || null, side }
        : { name: rest, detail: null, side };
    })
    .filter((a) => a.name);
}

/** Where the bracket closed by the text's last character opens ("Jo (Head (Interim), NCA)" → 3), or -1. */
function openingBracket(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) return i;
  }
  return -1;
}

/**
 * "1. Welcome: agreed\n2. Data sharing", as the export writes the agenda: a numbered line starts an item, its
 * title up to the first ": " and the outcome after it; an unnumbered line continues the item before it.
 * A cell with no numbers at all is one item a line.
 */
export function readAgenda(text: string): { title: string; outcome: string | null }[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const numbered = lines.some((l) => /^\s*\d+\.\s/.test(l));
  const items: string[] = [];
  for (const line of lines) {
    const m = /^\s*\d+\.\s+(.*)$/.exec(line);
    if (!numbered || m || !items.length) items.push((m ? m[1] : line).trim());
    else items[items.length - 1] += `\n${line}`;
  }
  return items.map((item) => {
    const at = item.indexOf(": ");
    return at > 0 ? { title: item.slice(0, at).trim(), outcome: item.slice(at + 2) || null } : { title: item.trim(), outcome: null };
  });
}

// ----------------------------------------------------------------------------------------------------------
// Labels back to values: the tracker's own labels ("Follow-up", "The office") and the values themselves.

function fromLabels<T extends string>(labels: Record<T, string>, extra: Record<string, T> = {}) {
  const byText = new Map<string, T>();
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    byText.set(normaliseName(label), value);
    byText.set(normaliseName(value), value);
  }
  for (const [text, value] of Object.entries(extra)) byText.set(normaliseName(text), value);
  return (text: string): T | undefined => byText.get(normaliseName(text));
}

export const readEngagementKind = fromLabels(ENGAGEMENT_KIND_LABELS, { letter: "correspondence", email: "correspondence", phone: "call" });
export const readEngagementStatus = fromLabels(ENGAGEMENT_STATUS_LABELS, { done: "held", complete: "held", completed: "held" });
export const readEngagementFormat = fromLabels(ENGAGEMENT_FORMAT_LABELS, {
  online: "virtual",
  teams: "virtual",
  "face to face": "in_person",
});
export const readActionKind = fromLabels(ACTION_KIND_LABELS, { "follow up": "follow_up", action: "follow_up" });
export const readActionStatus = fromLabels(ACTION_STATUS_LABELS, { closed: "done", complete: "done", completed: "done" });
export const readOwnerType = fromLabels(ACTION_OWNER_TYPE_LABELS, { us: "office", ours: "office", them: "stakeholder" });
export function readMarking(text: string): (typeof MARKINGS)[number] | undefined {
  const n = normaliseName(text);
  return MARKINGS.find((m) => normaliseName(m) === n);
}
export function readYesNo(text: string): boolean | undefined {
  const n = normaliseName(text);
  if (["yes", "y", "true", "1", "in post", "current"].includes(n)) return true;
  if (["no", "n", "false", "0", "left", "former"].includes(n)) return false;
  return undefined;
}

// ----------------------------------------------------------------------------------------------------------
// Suggestions for a name we do not know

function bigrams(text: string): Set<string> {
  const s = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Dice similarity of two normalised names' letter pairs, 0 to 1; the initials of a long name count as a match. */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const initials = b
    .split(" ")
    .filter((w) => !["of", "and", "the", "for"].includes(w))
    .map((w) => w[0])
    .join("");
  if (a.replace(/ /g, "") === initials) return 0.9;
  const words = b.split(" ");
  // "Met Police": every word the start of a word of the name.
  if (a.split(" ").every((w) => w.length > 2 && words.some((x) => x.startsWith(w)))) return 0.85;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** A cell reference as a spreadsheet shows it: column 0 of line 12 is A12. */
export function cellReference(column: number, line: number): string {
  let name = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${line}`;
}
