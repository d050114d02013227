// What people read for the engagement enums. Shared by pages, exports and the demo-data generator.
import type { ActionKind, ActionOwnerType, ActionStatus, EngagementKind, EngagementStatus } from "./enums";

export * from "./enums";

/**
 * The colours of GOV.UK Frontend 6's tag component: "blue" is its default (no modifier class); it has no light
 * blue (retired in 6.0) and calls turquoise and pink teal and magenta. Each status has its colour in one map
 * below: ENGAGEMENT_STATUS_COLOURS, ACTION_STATUS_COLOURS.
 */
export type TagColour = "blue" | "grey" | "green" | "teal" | "purple" | "magenta" | "red" | "orange" | "yellow";

export const ENGAGEMENT_KIND_LABELS: Record<EngagementKind, string> = {
  meeting: "Meeting",
  call: "Call",
  visit: "Visit",
  conference: "Conference",
  correspondence: "Correspondence",
  other: "Other",
};

export const ENGAGEMENT_STATUS_LABELS: Record<EngagementStatus, string> = {
  planned: "Planned",
  held: "Held",
  cancelled: "Cancelled",
};

export const ENGAGEMENT_STATUS_COLOURS: Record<EngagementStatus, TagColour> = {
  planned: "blue",
  held: "green",
  cancelled: "grey",
};

export const ENGAGEMENT_FORMAT_LABELS = {
  in_person: "In person",
  virtual: "Virtual",
  hybrid: "Hybrid",
} as const;

export const ATTENDEE_SIDE_LABELS = {
  office: "The office",
  stakeholder: "Stakeholder",
  other: "Other",
} as const;

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  commitment: "Commitment",
  follow_up: "Follow-up",
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/**
 * The tag colour of each action status, on every page and in the print page. In progress is teal: GOV.UK's usual
 * colour for it was light blue, which GOV.UK Frontend 6 retired (a light-blue class now renders as the default
 * blue, the same as open), and teal is what GOV.UK's own services moved "In progress" to. Not yellow, which
 * reads as a warning; red is kept for overdue.
 */
export const ACTION_STATUS_COLOURS: Record<ActionStatus, TagColour> = {
  open: "blue",
  in_progress: "teal",
  done: "green",
  dropped: "grey",
};

/** Whose an action is: one wording everywhere (pages, CSVs, Word, print); who by name is ownerLabel in actions.ts. */
export const ACTION_OWNER_TYPE_LABELS: Record<ActionOwnerType, string> = {
  office: "The office",
  stakeholder: "The stakeholder",
};

/** "14:00 to 15:30", "from 14:00", or "" */
export function formatTimeRange(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${start} to ${end}`;
  if (start) return `from ${start}`;
  if (end) return `until ${end}`;
  return "";
}

// The field labels live with every record type's in field-labels.ts; the engagement model reads them from here.
export { ENGAGEMENT_FIELD_LABELS } from "./field-labels";
