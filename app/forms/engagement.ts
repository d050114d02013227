// The engagement forms. One schema per form, run by react-hook-form in the browser and again,
// as the authority, by the route's action. Input values are the strings a form posts.
import { z } from "zod";
import { ACTION_OWNER_TYPES, ATTENDEE_SIDES, ENGAGEMENT_FORMATS, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, MARKINGS } from "~/domain/enums";
import {
  dateInput,
  enumField,
  idListField,
  idOfRow,
  idOrNull,
  isBlank,
  optionalEnumField,
  optionalText,
  optionalTimeField,
  postedText,
  postedValue,
  repeatedRows,
  requiredText,
  textOfRow,
  versionField,
  withDates,
  type DateOptions,
} from "./fields";
import { ENGAGEMENT_DATE, LIMITS, ROW_SECTIONS, dueDateOptions, type EngagementFormValues } from "./engagement-values";

export * from "./engagement-values";

/** A row's due date, typed in three fields (dueDate-day, dueDate-month, dueDate-year). */
const dueDateParts = { "dueDate-day": postedText, "dueDate-month": postedText, "dueDate-year": postedText };

const organisationRow = z.object({ organisationId: postedText });
const attendeeRow = z.object({ person: postedText, name: postedText, roleTitle: postedText, side: postedText });
const agendaRow = z.object({
  key: postedText,
  id: postedText,
  title: postedText,
  notes: postedText,
  outcome: postedText,
  recommendations: postedText,
});
const commitmentRow = z.object({
  id: postedText,
  version: postedText,
  description: postedText,
  organisationId: postedText,
  ownerType: postedText,
  ownerUserId: postedText,
  ownerName: postedText,
  ...dueDateParts,
  agendaKey: postedText,
  recommendations: postedText,
});
const followUpRow = z.object({
  id: postedText,
  version: postedText,
  description: postedText,
  organisationId: postedText,
  ownerUserId: postedText,
  ...dueDateParts,
  recommendations: postedText,
});

export type AttendeeInput =
  | { formIndex: number; userId: number; contactId: null; name: null; roleTitle: string | null; side: "office" }
  | { formIndex: number; userId: null; contactId: number; name: null; roleTitle: string | null; side: "stakeholder" }
  | { formIndex: number; userId: null; contactId: null; name: string; roleTitle: string | null; side: (typeof ATTENDEE_SIDES)[number] };

export type AgendaInput = {
  formIndex: number;
  key: string;
  id: number | null;
  title: string;
  notes: string | null;
  outcome: string | null;
  /** The recommendations it names, as typed ("HMICFRS 2024 R3; NCA 2025 2"): the model reads them. */
  recommendations: string | null;
};

export type ActionInput = {
  formIndex: number;
  kind: "commitment" | "follow_up";
  id: number | null;
  version: number | null;
  description: string;
  organisationId: number | null;
  ownerType: "office" | "stakeholder";
  ownerUserId: number | null;
  ownerName: string | null;
  dueDate: string | null;
  agendaKey: string | null;
  /** The recommendations it works towards, as typed: the model reads them. */
  recommendations: string | null;
};

const KEY = /^[A-Za-z0-9_-]{1,40}$/;

// Each top-level field's own schema. They are checked one by one (not as one z.object) so that a
// person sees every problem at once: a missing title does not hide an agenda item's missing title.
const fields = {
  title: requiredText("a title", LIMITS.title),
  kind: enumField(ENGAGEMENT_KINDS, "Choose what kind of engagement it was"),
  status: enumField(ENGAGEMENT_STATUSES, "Choose whether it is planned, held or cancelled"),
  startTime: optionalTimeField("Start time"),
  endTime: optionalTimeField("End time"),
  durationMinutes: z.preprocess(
    (v) => (isBlank(v) ? null : typeof v === "string" ? v.trim() : v),
    z.union(
      [
        z.null(),
        z
          .string()
          .regex(/^\d{1,4}$/, "Length must be a number of minutes, like 45")
          .transform(Number)
          .refine((n) => n >= 1 && n <= 1440, "Length must be between 1 and 1,440 minutes"),
      ],
      { error: "Length must be a number of minutes, like 45" },
    ),
  ),
  format: optionalEnumField(ENGAGEMENT_FORMATS, "Choose in person, virtual or hybrid"),
  location: optionalText("location", 200).transform((v) => v ?? null),
  country: optionalText("country", 100).transform((v) => v ?? null),
  organisations: repeatedRows(
    organisationRow,
    LIMITS.organisations,
    `An engagement can involve at most ${LIMITS.organisations} organisations`,
  ),
  leadUserId: idOrNull("Choose the lead officer from the list"),
  purpose: optionalText("purpose", LIMITS.purpose, { lines: "many" }).transform((v) => v ?? null),
  summary: optionalText("summary of outcomes", LIMITS.summary, { lines: "many" }).transform((v) => v ?? null),
  themeIds: idListField("Choose themes from the list", LIMITS.themes, `Choose at most ${LIMITS.themes} themes`),
  newTheme: optionalText("new theme", 60).transform((v) => v ?? null),
  marking: z.preprocess((v) => (isBlank(v) ? "OFFICIAL" : v), z.enum(MARKINGS, { error: "Choose OFFICIAL or OFFICIAL-SENSITIVE" })),
  attendees: repeatedRows(attendeeRow, LIMITS.attendees, `An engagement can have at most ${LIMITS.attendees} attendees`),
  agenda: repeatedRows(
    agendaRow,
    LIMITS.agenda,
    `An engagement can have at most ${LIMITS.agenda} agenda items: put the rest in the notes of the last one`,
  ),
  commitments: repeatedRows(commitmentRow, LIMITS.commitments, `An engagement can have at most ${LIMITS.commitments} commitments`),
  followUps: repeatedRows(followUpRow, LIMITS.followUps, `An engagement can have at most ${LIMITS.followUps} follow-ups`),
  resolvesActionId: idOrNull("The follow-up this engagement resolves is not one we know"),
};
type Fields = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> } & { date: string };

/** Every field's value, or (when it failed) an empty stand-in, so the rows can still be checked. */
function parseFields(raw: unknown, ctx: z.RefinementCtx): { ok: boolean; v: Fields } {
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    organisations: [],
    attendees: [],
    agenda: [],
    commitments: [],
    followUps: [],
    startTime: null,
    endTime: null,
    durationMinutes: null,
  };
  // The date is typed in three fields (date-day, date-month, date-year), read together.
  out.date = dateInput(input, "date", ENGAGEMENT_DATE, ctx);
  let ok = out.date !== null;
  for (const [key, schema] of Object.entries(fields)) {
    const result = (schema as z.ZodType).safeParse(input[key]);
    if (result.success) out[key] = result.data;
    else {
      ok = false;
      // A list too long is reported once, at the list, not at every row.
      // Only the repeating sections have parts of their own to point at; a checkbox group's error is the group's.
      for (const issue of result.error.issues)
        ctx.addIssue({ code: "custom", path: ROW_SECTIONS.has(key) ? [key, ...issue.path] : [key], message: issue.message });
    }
  }
  return { ok, v: out as Fields };
}

/** The form's rows as the model wants them: blank rows dropped, each kept with its index in the form for error messages. */
function refineRows(v: Fields, ctx: z.RefinementCtx) {
  // Organisations: blank rows are ignored, at least one is needed.
  const organisationIds: number[] = [];
  const organisationFormIndex: number[] = [];
  v.organisations.forEach((row, i) => {
    const oid = idOfRow(row.organisationId, ctx, ["organisations", i, "organisationId"], "Choose an organisation from the list");
    if (oid && !organisationIds.includes(oid)) {
      organisationIds.push(oid);
      organisationFormIndex.push(i);
    }
  });
  if (organisationIds.length === 0 && v.organisations.every((r) => !postedValue(r.organisationId)))
    ctx.addIssue({ code: "custom", path: ["organisations", 0, "organisationId"], message: "Choose at least one organisation" });

  if (v.startTime && v.endTime && v.endTime <= v.startTime)
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "End time must be after the start time" });
  if (v.durationMinutes && !v.startTime && !v.endTime)
    ctx.addIssue({ code: "custom", path: ["startTime"], message: "Enter a start time, so the length can give the end time" });
  if (v.startTime && !v.endTime && v.durationMinutes) {
    const [h, m] = v.startTime.split(":").map(Number);
    if (h * 60 + m + v.durationMinutes >= 24 * 60)
      ctx.addIssue({ code: "custom", path: ["durationMinutes"], message: "The engagement must end on the day it starts" });
  }

  const attendees: AttendeeInput[] = [];
  v.attendees.forEach((row, i) => {
    const person = postedValue(row.person);
    const name = textOfRow(row.name, 200, ctx, ["attendees", i, "name"], "Name");
    const roleTitle = textOfRow(row.roleTitle, 200, ctx, ["attendees", i, "roleTitle"], "Role");
    const side = postedValue(row.side);
    if (!person && !name && !roleTitle) return; // a blank row
    const sideValue = (ATTENDEE_SIDES as readonly string[]).includes(side) ? (side as AttendeeInput["side"]) : null;
    if (side && !sideValue)
      ctx.addIssue({ code: "custom", path: ["attendees", i, "side"], message: "Choose the office, stakeholder or other" });
    const m = /^(user|contact):([1-9]\d{0,15})$/.exec(person);
    if (m) {
      if (m[1] === "user") attendees.push({ formIndex: i, userId: Number(m[2]), contactId: null, name: null, roleTitle, side: "office" });
      else attendees.push({ formIndex: i, userId: null, contactId: Number(m[2]), name: null, roleTitle, side: "stakeholder" });
    } else if (person && person !== "other") {
      ctx.addIssue({ code: "custom", path: ["attendees", i, "person"], message: "Choose a person from the list, or someone not listed" });
    } else if (!name) {
      ctx.addIssue({
        code: "custom",
        path: ["attendees", i, "name"],
        message: `Enter the name of attendee ${i + 1}, or choose them from the list`,
      });
    } else {
      attendees.push({ formIndex: i, userId: null, contactId: null, name, roleTitle, side: sideValue ?? "stakeholder" });
    }
  });

  const agenda: AgendaInput[] = [];
  const keys = new Set<string>();
  v.agenda.forEach((row, i) => {
    const title = textOfRow(row.title, LIMITS.title, ctx, ["agenda", i, "title"], "Topic");
    const notes = textOfRow(row.notes, LIMITS.agendaNotes, ctx, ["agenda", i, "notes"], "Notes", "many");
    const outcome = textOfRow(row.outcome, LIMITS.agendaOutcome, ctx, ["agenda", i, "outcome"], "Outcome", "many");
    const rowId = idOfRow(row.id, ctx, ["agenda", i, "title"], "This agenda item is not one we know: reload the page");
    const recommendations = textOfRow(
      row.recommendations,
      LIMITS.recommendationRefs,
      ctx,
      ["agenda", i, "recommendations"],
      "Recommendations",
    );
    if (!title && !notes && !outcome && !rowId && !recommendations) return;
    if (!title) {
      ctx.addIssue({ code: "custom", path: ["agenda", i, "title"], message: `Enter the topic of agenda item ${i + 1}` });
      return;
    }
    let key = postedValue(row.key);
    if (!KEY.test(key) || keys.has(key)) key = rowId ? `id${rowId}` : `row${i}`;
    keys.add(key);
    agenda.push({ formIndex: i, key, id: rowId, title, notes, outcome, recommendations });
  });

  const actionsOf = (kind: "commitment" | "follow_up") => {
    const section = kind === "commitment" ? "commitments" : "followUps";
    const noun = kind === "commitment" ? "commitment" : "follow-up";
    const list: ActionInput[] = [];
    const source = kind === "commitment" ? v.commitments : v.followUps;
    source.forEach((row: Record<string, unknown>, i: number) => {
      const p = (f: string) => [section, i, f];
      const rowId = idOfRow(row.id, ctx, p("description"), `This ${noun} is not one we know: reload the page`);
      const versionText = postedValue(row.version);
      const version = versionText && /^[1-9]\d{0,9}$/.test(versionText) ? Number(versionText) : null;
      const description = textOfRow(row.description, LIMITS.actionDescription, ctx, p("description"), "Description", "many");
      const dueDate = dateInput(row, "dueDate", dueDateOptions(noun, i), ctx, p("dueDate"));
      const organisationId = idOfRow(row.organisationId, ctx, p("organisationId"), "Choose one of the organisations involved");
      const ownerUserId = idOfRow(row.ownerUserId, ctx, p("ownerUserId"), "Choose a member of staff from the list");
      const ownerName = textOfRow(row.ownerName, 200, ctx, p("ownerName"), "Name");
      const agendaKey = kind === "commitment" ? postedValue(row.agendaKey) || null : null;
      const recommendations = textOfRow(row.recommendations, LIMITS.recommendationRefs, ctx, p("recommendations"), "Recommendations");
      const ownerTypeText = kind === "commitment" ? postedValue(row.ownerType) : "office";
      const dueDateTyped = ["day", "month", "year"].some((part) => postedValue(row[`dueDate-${part}`]));
      const hasContent =
        description ||
        dueDateTyped ||
        ownerName ||
        rowId ||
        recommendations ||
        (kind === "commitment" ? postedValue(row.ownerUserId) : false);
      if (!hasContent) return; // a blank row (the owner defaults do not count as content)
      if (rowId && !version) ctx.addIssue({ code: "custom", path: p("description"), message: "The form is out of date; reload the page" });
      if (!description) ctx.addIssue({ code: "custom", path: p("description"), message: `Describe ${noun} ${i + 1}` });
      let ownerType: "office" | "stakeholder" = "office";
      if (kind === "commitment") {
        if (!(ACTION_OWNER_TYPES as readonly string[]).includes(ownerTypeText))
          ctx.addIssue({
            code: "custom",
            path: p("ownerType"),
            message: `Choose who owns commitment ${i + 1}: the office or the stakeholder`,
          });
        else ownerType = ownerTypeText as "office" | "stakeholder";
      }
      if (agendaKey && !keys.has(agendaKey))
        ctx.addIssue({ code: "custom", path: p("agendaKey"), message: "Choose an agenda item from the list" });
      list.push({
        formIndex: i,
        kind,
        id: rowId,
        version,
        description: description ?? "",
        organisationId,
        ownerType,
        // A stakeholder's commitment names their person; the office's names a member of staff.
        ownerUserId: ownerType === "office" ? ownerUserId : null,
        ownerName: ownerType === "stakeholder" ? ownerName : null,
        dueDate,
        agendaKey,
        recommendations,
      });
    });
    return list;
  };

  return {
    organisationIds,
    organisationFormIndex,
    attendees,
    agenda,
    commitments: actionsOf("commitment"),
    followUps: actionsOf("follow_up"),
  };
}

function finish(raw: unknown, ctx: z.RefinementCtx) {
  const { ok, v } = parseFields(raw, ctx);
  const r = refineRows(v, ctx);
  if (!ok) return z.NEVER;
  let endTime = v.endTime;
  if (v.startTime && !endTime && v.durationMinutes) {
    const [h, m] = v.startTime.split(":").map(Number);
    const total = Math.min(h * 60 + m + v.durationMinutes, 23 * 60 + 59);
    endTime = `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  }
  return {
    title: v.title as string,
    kind: v.kind,
    status: v.status,
    date: v.date,
    startTime: v.startTime,
    endTime,
    format: v.format,
    location: v.location,
    country: v.country,
    organisationIds: r.organisationIds,
    /** Where in the form each organisation was chosen, for messages about it. */
    organisationFormIndex: r.organisationFormIndex,
    leadUserId: v.leadUserId,
    purpose: v.purpose,
    summary: v.summary,
    themeIds: v.themeIds,
    newTheme: v.newTheme,
    marking: v.marking,
    attendees: r.attendees,
    agenda: r.agenda,
    commitments: r.commitments,
    followUps: r.followUps,
    resolvesActionId: v.resolvesActionId,
  };
}

/** The posted form: any object (each field is checked on its own below), typed as what the form posts. */
const formObject = z.custom<EngagementFormValues>((v) => v !== null && typeof v === "object" && !Array.isArray(v), {
  error: "The form could not be read",
});

/** Recording a new engagement. */
export const newEngagementSchema = formObject.transform(finish);

/** "12:3,15:1": the actions (id:version) an edit form was loaded with. Anything malformed is left out. */
function parseLoadedActions(value: unknown): Record<number, number> {
  const out: Record<number, number> = {};
  if (typeof value !== "string") return out;
  for (const pair of value.split(",").slice(0, 1000)) {
    const m = /^([1-9]\d{0,15}):([1-9]\d{0,9})$/.exec(pair.trim());
    if (m) out[Number(m[1])] = Number(m[2]);
  }
  return out;
}

/** The baseline fingerprints an edit form carries ({"title":"1x2y",...}); anything malformed reads as none. */
function parseBaseline(value: unknown): Record<string, string> {
  if (typeof value !== "string" || value.length > 50_000) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([k, v]) => /^[A-Za-z0-9-]{1,40}$/.test(k) && typeof v === "string" && v.length <= 20),
    );
  } catch {
    return {};
  }
}

/**
 * Editing one: the same, plus the version the form was loaded with, the actions it was loaded
 * with (each with its own version, since the register can change an action meanwhile), and the
 * fingerprints of what it showed (so a conflict can say whose change is whose).
 */
export const editEngagementSchema = formObject.transform((raw, ctx) => {
  const version = versionField.safeParse(raw.version);
  if (!version.success) ctx.addIssue({ code: "custom", path: ["version"], message: "The form is out of date; reload the page" });
  const out = finish(raw, ctx);
  return version.success && out !== z.NEVER
    ? { ...out, version: version.data, loadedActions: parseLoadedActions(raw.loadedActions), baseline: parseBaseline(raw.baseline) }
    : z.NEVER;
});

export type EngagementInput = Exclude<ReturnType<typeof finish>, typeof z.NEVER>;

/** The schema of the new or the edit form, as the form component and react-hook-form see it. */
export function engagementSchema(mode: "new" | "edit"): z.ZodType<EngagementInput, EngagementFormValues> {
  return mode === "new" ? newEngagementSchema : editEngagementSchema;
}
export type EditEngagementInput = EngagementInput & {
  version: number;
  loadedActions: Record<number, number>;
  baseline?: Record<string, string>;
};

/** Archive or restore: only the version the page was loaded with. */
export const engagementVersionSchema = z.object({ version: versionField });

/** The engagement list's filters (/engagements), from the query string. A filter that makes no sense is reported and ignored. */
export const ENGAGEMENT_FILTER_DATES = {
  from: { label: "from date", acceptIso: true },
  to: { label: "to date", acceptIso: true },
} as const satisfies Record<string, DateOptions>;

export const engagementListFiltersSchema = withDates(
  z.object({
    organisation: z.preprocess((v) => (isBlank(v) ? null : v), z.union([z.null(), z.string().max(200)])),
    organisationKind: z.preprocess((v) => (isBlank(v) ? null : v), z.union([z.null(), z.string().max(60)])),
    kind: optionalEnumField(ENGAGEMENT_KINDS, "Choose a kind from the list"),
    theme: idOrNull("Choose a theme from the list"),
    status: z.preprocess(
      (v) => (isBlank(v) ? null : v),
      // "not_cancelled": held or planned, what the coverage page counts as engagement.
      z.union([z.null(), z.enum([...ENGAGEMENT_STATUSES, "not_cancelled", "archived"] as const)], {
        error: "Choose a status from the list",
      }),
    ),
    q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) || null : null), z.string().nullable()),
  }),
  // Dates: from-day, from-month, from-year as the form sends them, or from=YYYY-MM-DD from an older link.
  ENGAGEMENT_FILTER_DATES,
);
export type EngagementListFilters = z.output<typeof engagementListFiltersSchema>;

/** The themes page: add a theme, or archive or restore one. */
export const themeChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), name: requiredText("the theme's name", 60) }),
  z.object({
    intent: z.literal("archive"),
    themeId: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, "Choose a theme")
      .transform(Number),
  }),
  z.object({
    intent: z.literal("restore"),
    themeId: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, "Choose a theme")
      .transform(Number),
  }),
]);
