// The engagement form's values, shared by the browser (react-hook-form) and the server, which
// restructures them for a person without JavaScript ("Add another agenda item", "Move up", ...).
import type { ActionRowValues, EngagementFormValues } from "~/forms/engagement-values";

export type Section = "organisations" | "attendees" | "agenda" | "commitments" | "followUps";

type Row<S extends Section> = NonNullable<EngagementFormValues[S]>[number];

let counter = 0;
/** A key for a new agenda item, so a commitment can say which item it came from before either is saved. */
function newAgendaKey(): string {
  counter = (counter + 1) % 1_000_000;
  return `n${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** An empty commitment (owned by the stakeholder until chosen) or follow-up (owned by the given member of staff). */
export function blankAction(kind: "commitment" | "follow_up", defaults: { ownerUserId?: string } = {}): ActionRowValues {
  const dueDate = { "dueDate-day": "", "dueDate-month": "", "dueDate-year": "" };
  return kind === "commitment"
    ? {
        id: "",
        version: "",
        description: "",
        organisationId: "",
        ownerType: "stakeholder",
        ownerUserId: "",
        ownerName: "",
        ...dueDate,
        agendaKey: "",
      }
    : { id: "", version: "", description: "", organisationId: "", ownerUserId: defaults.ownerUserId ?? "", ...dueDate };
}

export function blankRow<S extends Section>(section: S, defaults: { ownerUserId?: string } = {}): Row<S> {
  switch (section) {
    case "organisations":
      return { organisationId: "" } as Row<S>;
    case "attendees":
      return { person: "", name: "", roleTitle: "", side: "stakeholder" } as Row<S>;
    case "agenda":
      return { key: newAgendaKey(), id: "", title: "", notes: "", outcome: "" } as Row<S>;
    case "commitments":
      return blankAction("commitment") as Row<S>;
    default:
      return blankAction("follow_up", defaults) as Row<S>;
  }
}

/** A row with nothing typed in it: the form ignores it when saved, and with JavaScript it is not shown. */
export function isBlankRow(section: Exclude<Section, "organisations">, row: Record<string, unknown> | undefined): boolean {
  if (!row) return true;
  const has = (k: string) => typeof row[k] === "string" && (row[k] as string).trim() !== "";
  if (has("id")) return false;
  switch (section) {
    case "attendees":
      return !has("person") && !has("name") && !has("roleTitle");
    case "agenda":
      return !has("title") && !has("notes") && !has("outcome");
    default:
      // The owner defaults (stakeholder, the person logging it) are not something typed.
      return !has("description") && !has("ownerName") && !["dueDate", "dueDate-day", "dueDate-month", "dueDate-year"].some(has);
  }
}

/** What a new engagement that resolves a follow-up starts from: the context of the meeting it came from. */
export type ResolvedContext = {
  organisationIds: number[];
  marking: string;
  themeIds: string[];
  country: string;
  description: string;
  engagementTitle: string;
};

/**
 * A new engagement's form. Its optional sections hold a few empty rows for a person without
 * JavaScript (shown folded away, so one submit fits the common case); with JavaScript the empty rows
 * are dropped and each section starts with its "Add" button. Rows left empty are ignored when saved.
 */
export function newEngagementValues(opts: {
  userId: number;
  today: string;
  organisationIds?: number[];
  country?: string;
  resolves?: ResolvedContext;
  resolvesActionId?: number;
  title?: string;
  quick?: boolean;
}): EngagementFormValues {
  const me = String(opts.userId);
  const from = opts.resolves;
  const organisationIds = from?.organisationIds.length ? from.organisationIds : (opts.organisationIds ?? []);
  return {
    title: opts.title ?? "",
    kind: opts.quick ? "call" : "meeting",
    status: "held",
    date: opts.today,
    startTime: "",
    endTime: "",
    durationMinutes: "",
    format: "",
    location: "",
    country: from?.country || opts.country || "",
    organisations: organisationIds.length ? organisationIds.map((id) => ({ organisationId: String(id) })) : [blankRow("organisations")],
    leadUserId: me,
    purpose: from ? `Follow-up to “${from.engagementTitle}”: ${from.description}` : "",
    summary: "",
    themeIds: from?.themeIds ?? [],
    newTheme: "",
    // A follow-up of an OFFICIAL-SENSITIVE meeting is at least as sensitive.
    marking: from?.marking === "OFFICIAL-SENSITIVE" ? "OFFICIAL-SENSITIVE" : "OFFICIAL",
    attendees: [{ person: `user:${me}`, name: "", roleTitle: "", side: "office" }, blankRow("attendees"), blankRow("attendees")],
    agenda: [blankRow("agenda"), blankRow("agenda"), blankRow("agenda")],
    commitments: [blankRow("commitments"), blankRow("commitments")],
    followUps: [blankRow("followUps", { ownerUserId: me })],
    resolvesActionId: opts.resolvesActionId ? String(opts.resolvesActionId) : "",
  };
}

/**
 * "Copy from the last meeting with this organisation": its organisations, attendees and agenda topics
 * added to what the form holds (nothing typed is replaced); not its dates, notes, outcomes or actions.
 * The marking only ever rises: a copy of an OFFICIAL-SENSITIVE meeting's attendees and agenda is too.
 */
export function copyFromEngagement(
  values: EngagementFormValues,
  source: EngagementFormValues,
  from: { id: number; title: string },
): { values: EngagementFormValues; focus: string; copied: { id: number; title: string } } {
  const keep = <R extends Record<string, unknown>>(rows: R[] | undefined, section: Exclude<Section, "organisations">) =>
    (Array.isArray(rows) ? rows : []).filter((r) => r && typeof r === "object" && !isBlankRow(section, r));
  const organisations = (values.organisations ?? []).filter((r) => r?.organisationId);
  for (const row of source.organisations ?? [])
    if (row.organisationId && !organisations.some((r) => r.organisationId === row.organisationId)) organisations.push(row);
  const attendees = keep(values.attendees, "attendees");
  for (const a of source.attendees ?? []) {
    const same = attendees.some((b) => (a.person && a.person !== "other" ? b.person === a.person : b.name === a.name));
    if (!same) attendees.push({ person: a.person ?? "", name: a.name ?? "", roleTitle: a.roleTitle ?? "", side: a.side ?? "stakeholder" });
  }
  const agenda = keep(values.agenda, "agenda");
  for (const item of source.agenda ?? [])
    if (item.title && !agenda.some((a) => a.title === item.title)) agenda.push({ ...blankRow("agenda"), title: item.title });
  return {
    values: {
      ...values,
      title: values.title?.trim() ? values.title : (source.title ?? ""),
      organisations: organisations.length ? organisations : [blankRow("organisations")],
      attendees,
      agenda,
      marking: source.marking === "OFFICIAL-SENSITIVE" ? "OFFICIAL-SENSITIVE" : values.marking,
    },
    focus: "copied",
    copied: from,
  };
}

type Restructured = { values: EngagementFormValues; focus: string };

/**
 * Apply one of the form's row buttons ("add:agenda", "remove:agenda:2", "up:agenda:2", "down:agenda:2")
 * to posted values. Null when the intent is not one of them (a save, or something tampered).
 */
export function restructure(values: EngagementFormValues, intent: string, defaults: { ownerUserId?: string } = {}): Restructured | null {
  const m = /^(add|remove|up|down):(organisations|attendees|agenda|commitments|followUps)(?::(\d{1,3}))?$/.exec(intent);
  if (!m) return null;
  const [, verb, sectionName] = m;
  const section = sectionName as Section;
  const index = m[3] === undefined ? -1 : Number(m[3]);
  const rows = [...((values[section] as Row<Section>[] | undefined) ?? [])].map((r) => (r && typeof r === "object" ? r : {}));
  const first = FIRST_FIELD[section];
  let focus = `${section}.${Math.max(0, index)}.${first}`;
  if (verb === "add") {
    rows.push(blankRow(section, defaults));
    focus = `${section}.${rows.length - 1}.${first}`;
  } else if (index < 0 || index >= rows.length) {
    return null;
  } else if (verb === "remove") {
    rows.splice(index, 1);
    if (section === "organisations" && rows.length === 0) rows.push(blankRow("organisations"));
    focus = rows.length ? `${section}.${Math.min(index, rows.length - 1)}.${first}` : `${section}-add`;
  } else {
    const to = verb === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= rows.length) return null;
    [rows[index], rows[to]] = [rows[to], rows[index]];
    focus = `${section}-${to}-${verb}`;
  }
  return { values: { ...values, [section]: rows }, focus };
}

export const FIRST_FIELD: Record<Section, string> = {
  organisations: "organisationId",
  attendees: "person",
  agenda: "title",
  commitments: "description",
  followUps: "description",
};

export const ADD_LABELS: Record<Section, string> = {
  organisations: "Add another organisation",
  attendees: "Add another attendee",
  agenda: "Add another agenda item",
  commitments: "Add another commitment",
  followUps: "Add another follow-up",
};

/** The add button of a section that has no rows yet. */
export const ADD_FIRST_LABELS: Record<Section, string> = {
  organisations: "Add an organisation",
  attendees: "Add an attendee",
  agenda: "Add an agenda item",
  commitments: "Add a commitment",
  followUps: "Add a follow-up",
};
