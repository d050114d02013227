// The engagement form's values, shared by the browser (react-hook-form) and the server, which
// restructures them for a person without JavaScript ("Add another agenda item", "Move up", ...).
import type { ActionRowValues, EngagementFormValues } from "~/forms/engagement";

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

/**
 * A new engagement's form: the common case (one organisation, three agenda items, two commitments,
 * a follow-up) fits without adding rows; rows left empty are ignored when it is saved.
 */
export function newEngagementValues(opts: {
  userId: number;
  today: string;
  organisationIds?: number[];
  country?: string;
  resolvesActionId?: number;
  title?: string;
}): EngagementFormValues {
  const me = String(opts.userId);
  return {
    title: opts.title ?? "",
    kind: "meeting",
    status: "held",
    date: opts.today,
    startTime: "",
    endTime: "",
    durationMinutes: "",
    format: "",
    location: "",
    country: opts.country ?? "",
    organisations: opts.organisationIds?.length
      ? opts.organisationIds.map((id) => ({ organisationId: String(id) }))
      : [blankRow("organisations")],
    leadUserId: me,
    purpose: "",
    summary: "",
    themeIds: [],
    newTheme: "",
    marking: "OFFICIAL",
    attendees: [{ person: `user:${me}`, name: "", roleTitle: "", side: "office" }, blankRow("attendees"), blankRow("attendees")],
    agenda: [blankRow("agenda"), blankRow("agenda"), blankRow("agenda")],
    commitments: [blankRow("commitments"), blankRow("commitments")],
    followUps: [blankRow("followUps", { ownerUserId: me })],
    resolvesActionId: opts.resolvesActionId ? String(opts.resolvesActionId) : "",
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
