// An engagement's edit conflict in words: what a person reads of each field, the fingerprints an edit
// form carries, and the three-way comparison after a refused save. Pure: the names of the organisations,
// people and themes an engagement refers to are looked up by the model and passed in.
// See docs/decisions/0004-engagement-form-saves-and-conflicts.md.
import { ENGAGEMENT_FIELD_LABELS, ENGAGEMENT_FORMAT_LABELS, ENGAGEMENT_KIND_LABELS, ENGAGEMENT_STATUS_LABELS } from "./engagement-labels";
import { formatDate } from "./format";

/** The engagement's own fields: what its form edits and its audit rows compare. */
export const ENGAGEMENT_FIELDS = [
  "title",
  "kind",
  "status",
  "date",
  "startTime",
  "endTime",
  "format",
  "location",
  "country",
  "purpose",
  "summary",
  "marking",
  "leadUserId",
] as const;
export type EngagementField = (typeof ENGAGEMENT_FIELDS)[number];

type FieldValues = { [K in EngagementField]: K extends "leadUserId" ? number | null : string | null };
type Person = { userId: number | null; contactId: number | null; name: string | null };
type ActionShape = { description: string; dueDate: string | null; ownerType: string; ownerUserId: number | null; ownerName: string | null };
type StoredAction = ActionShape & { id: number; kind: "commitment" | "follow_up"; version: number };

/** Names of what an engagement refers to, by id. */
export type EngagementNames = {
  orgs: Map<number, string>;
  themes: Map<number, string>;
  users: Map<number, string>;
  contacts: Map<number, string>;
};

/** An engagement as saved, with its links and children: what a conflict is compared against. */
export type StoredEngagement = {
  engagement: FieldValues & { version: number };
  organisationIds: number[];
  themeIds: number[];
  attendees: Person[];
  agenda: { id: number; title: string }[];
  actions: StoredAction[];
};

/** What the person submitted, as the form's schema parsed it. */
export type SubmittedEngagement = FieldValues & {
  organisationIds: number[];
  themeIds: number[];
  attendees: Person[];
  agenda: { title: string }[];
  commitments: (ActionShape & { id: number | null })[];
  followUps: (ActionShape & { id: number | null })[];
  loadedActions: Record<number, number>;
  baseline?: Record<string, string>;
};

/** A row of the form's commitments or follow-ups, as posted (strings). */
export type ActionFormRow = {
  id?: string;
  version?: string;
  description?: string;
  organisationId?: string;
  ownerType?: string;
  ownerUserId?: string;
  ownerName?: string;
  dueDate?: string;
  agendaKey?: string;
};
/** The form's values as posted: the fields a conflict may take from what is saved, and the rows it re-bases. */
export type ConflictFormValues = {
  [key: string]: unknown;
  agenda?: { id?: string }[];
  commitments?: ActionFormRow[];
  followUps?: ActionFormRow[];
};

/** A change shown after a refused save: `both` changed it differently; `theirs` only someone else did (the form now shows their value). */
export type ConflictChange = { field: string; label: string; saved: string; yours: string; whose: "both" | "theirs" };

export function truncate(text: string, max = 60) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pick<T extends Record<string, unknown>, K extends readonly (keyof T)[]>(row: T, keys: K): Pick<T, K[number]> {
  const out = {} as Pick<T, K[number]>;
  for (const k of keys) out[k] = row[k];
  return out;
}

/** The ids whose names describing an engagement (and what was submitted for it) needs. */
export function idsToName(stored: StoredEngagement, input?: SubmittedEngagement) {
  const actionsIn = input ? [...input.commitments, ...input.followUps] : [];
  const present = (x: number | null | undefined): x is number => Boolean(x);
  return {
    orgs: [...stored.organisationIds, ...(input?.organisationIds ?? [])],
    themes: [...stored.themeIds, ...(input?.themeIds ?? [])],
    users: [
      stored.engagement.leadUserId,
      input?.leadUserId,
      ...stored.attendees.map((a) => a.userId),
      ...(input?.attendees ?? []).map((a) => a.userId),
      ...stored.actions.map((a) => a.ownerUserId),
      ...actionsIn.map((a) => a.ownerUserId),
    ].filter(present),
    contacts: [...stored.attendees.map((a) => a.contactId), ...(input?.attendees ?? []).map((a) => a.contactId)].filter(present),
  };
}

/**
 * An engagement's fields as a person reads them ("National Crime Agency", "1. Referral trends"),
 * one string per field and per action (`action-ID`): what conflicts are compared and shown in.
 */
function describeFields(
  fields: FieldValues & {
    organisationIds: number[];
    themeIds: number[];
    attendees: Person[];
    agenda: string[];
    actions: Map<number, ActionShape>;
  },
  names: EngagementNames,
): Record<string, string> {
  const none = "None";
  const out: Record<string, string> = {};
  for (const field of ENGAGEMENT_FIELDS) {
    const value = fields[field];
    if (value === null || value === undefined || value === "") out[field] = none;
    else if (field === "kind") out[field] = ENGAGEMENT_KIND_LABELS[value as keyof typeof ENGAGEMENT_KIND_LABELS] ?? String(value);
    else if (field === "status") out[field] = ENGAGEMENT_STATUS_LABELS[value as keyof typeof ENGAGEMENT_STATUS_LABELS] ?? String(value);
    else if (field === "format") out[field] = ENGAGEMENT_FORMAT_LABELS[value as keyof typeof ENGAGEMENT_FORMAT_LABELS] ?? String(value);
    else if (field === "date") out[field] = formatDate(String(value));
    else if (field === "leadUserId") out[field] = names.users.get(value as number) ?? "Unknown";
    else out[field] = String(value);
  }
  const list = (items: string[]) => (items.length ? items.join("\n") : none);
  out.organisationIds = list(fields.organisationIds.map((i) => names.orgs.get(i) ?? "Unknown").sort());
  out.themeIds = list(fields.themeIds.map((i) => names.themes.get(i) ?? "Unknown").sort());
  out.attendees = list(
    fields.attendees.map((a) =>
      a.userId ? (names.users.get(a.userId) ?? "Unknown") : a.contactId ? (names.contacts.get(a.contactId) ?? "Unknown") : (a.name ?? ""),
    ),
  );
  out.agenda = list(fields.agenda.map((title, i) => `${i + 1}. ${title}`));
  for (const [id, a] of fields.actions)
    out[`action-${id}`] = [
      a.description,
      a.dueDate ? `due ${formatDate(a.dueDate)}` : "no due date",
      a.ownerType === "office"
        ? a.ownerUserId
          ? `owner ${names.users.get(a.ownerUserId) ?? "unknown"}`
          : "owner the office"
        : `owner ${a.ownerName ?? "the stakeholder"}`,
    ].join("; ");
  return out;
}

function describeStored(stored: StoredEngagement, names: EngagementNames) {
  return describeFields(
    {
      ...pick(stored.engagement, ENGAGEMENT_FIELDS),
      organisationIds: stored.organisationIds,
      themeIds: stored.themeIds,
      attendees: stored.attendees,
      agenda: stored.agenda.map((a) => a.title),
      actions: new Map(stored.actions.map((a) => [a.id, a])),
    },
    names,
  );
}

/** FNV-1a: a short, stable fingerprint of a field's text, so the form can carry what it was loaded with cheaply. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Fingerprints of every field as loaded: the edit form posts them back, so a conflict can tell whose change is whose. */
export function engagementBaseline(stored: StoredEngagement, names: EngagementNames): Record<string, string> {
  return Object.fromEntries(Object.entries(describeStored(stored, names)).map(([k, v]) => [k, fingerprint(v)]));
}

/**
 * After a refused save: a three-way comparison of what the form was loaded with (its baseline),
 * what is saved now, and what the person submitted. A field only someone else changed is taken
 * into the form (saving again will not undo their change); a field both changed keeps the
 * person's input and is shown beside what is saved now. Versions become the current ones, so
 * saving again applies the person's input on purpose. Without a baseline every difference counts
 * as changed by both. `savedForm` is what is saved now as the form's values.
 */
export function resolveEngagementConflict<V extends ConflictFormValues>({
  stored,
  savedForm,
  names,
  input,
  posted,
}: {
  stored: StoredEngagement;
  savedForm: V;
  names: EngagementNames;
  input: SubmittedEngagement;
  posted: V;
}) {
  const saved = describeStored(stored, names);
  const submittedActions = new Map([...input.commitments, ...input.followUps].filter((a) => a.id).map((a) => [a.id!, a]));
  const yours = describeFields(
    {
      ...pick(input, ENGAGEMENT_FIELDS),
      organisationIds: input.organisationIds,
      themeIds: input.themeIds,
      attendees: input.attendees,
      agenda: input.agenda.map((a) => a.title),
      actions: new Map(
        [...submittedActions].map(([id, a]) => [id, { ...a, ownerUserId: a.ownerType === "office" ? a.ownerUserId : null }]),
      ),
    },
    names,
  );
  const baseline = input.baseline ?? {};
  const hasBaseline = Object.keys(baseline).length > 0;
  const values: V = { ...posted };
  const changes: ConflictChange[] = [];
  const FORM_KEY: Record<string, string> = {
    organisationIds: "organisations",
    themeIds: "themeIds",
    attendees: "attendees",
    agenda: "agenda",
  };

  for (const field of [...ENGAGEMENT_FIELDS, "organisationIds", "themeIds", "attendees", "agenda"]) {
    if (saved[field] === yours[field]) continue;
    const theirsChanged = !hasBaseline || baseline[field] !== fingerprint(saved[field]);
    const youChanged = !hasBaseline || baseline[field] !== fingerprint(yours[field]);
    if (!theirsChanged) continue; // only you changed it: your input stands, nothing to say
    const whose = youChanged ? "both" : "theirs";
    changes.push({ field, label: ENGAGEMENT_FIELD_LABELS[field], saved: saved[field], yours: yours[field], whose });
    if (whose === "theirs") {
      const key = FORM_KEY[field] ?? field;
      (values as Record<string, unknown>)[key] = (savedForm as Record<string, unknown>)[key];
    }
  }

  // Actions: each under its own version. Rows of actions someone removed become new rows; actions
  // someone added are added to the form; an action only someone else changed takes their values.
  const actionById = new Map(stored.actions.map((a) => [a.id, a]));
  const savedRows = new Map([...(savedForm.commitments ?? []), ...(savedForm.followUps ?? [])].map((r) => [String(r.id), r]));
  const savedRow = (id: number): ActionFormRow => savedRows.get(String(id)) ?? {};
  const rows = <R>(list: R[] | undefined): R[] => (Array.isArray(list) ? list.filter((r) => r && typeof r === "object") : []);
  const rebase = (row: ActionFormRow): ActionFormRow => {
    const existing = row.id ? actionById.get(Number(row.id)) : undefined;
    if (!existing) return row.id ? { ...row, id: "", version: "" } : row;
    const field = `action-${existing.id}`;
    const label = `${existing.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(existing.description, 40)}”`;
    if (saved[field] !== yours[field]) {
      const theirsChanged = !hasBaseline || baseline[field] !== fingerprint(saved[field]);
      const youChanged = !hasBaseline || baseline[field] !== fingerprint(yours[field]);
      if (theirsChanged) {
        changes.push({ field, label, saved: saved[field], yours: yours[field], whose: youChanged ? "both" : "theirs" });
        if (!youChanged) return { ...savedRow(existing.id), agendaKey: row.agendaKey ?? "" };
      }
    }
    return { ...row, version: String(existing.version) };
  };
  const commitments = rows(values.commitments).map(rebase);
  const followUps = rows(values.followUps).map(rebase);
  const submittedIds = new Set([...commitments, ...followUps].map((r) => r.id).filter(Boolean));
  for (const a of stored.actions) {
    if (submittedIds.has(String(a.id))) continue;
    const label = `${a.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(a.description, 40)}”`;
    if (input.loadedActions[a.id] === undefined) {
      (a.kind === "commitment" ? commitments : followUps).push(savedRow(a.id));
      changes.push({
        field: `action-${a.id}`,
        label,
        saved: saved[`action-${a.id}`],
        yours: "Added by someone else: now in your form",
        whose: "theirs",
      });
    } else if (input.loadedActions[a.id] !== a.version) {
      changes.push({ field: `action-${a.id}`, label, saved: saved[`action-${a.id}`], yours: "Removed", whose: "both" });
    }
  }
  const agendaIds = new Set(stored.agenda.map((a) => String(a.id)));
  const agenda = rows(values.agenda).map((row) => (row.id && !agendaIds.has(String(row.id)) ? { ...row, id: "" } : row));

  return {
    version: stored.engagement.version,
    actionVersions: Object.fromEntries(stored.actions.map((a) => [a.id, a.version])) as Record<number, number>,
    baseline: engagementBaseline(stored, names),
    values: { ...values, version: String(stored.engagement.version), agenda, commitments, followUps },
    changes,
  };
}
