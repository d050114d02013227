// What people read for the engagement enums. Shared by pages, exports and the demo-data generator.
import type { ActionStatus, EngagementKind, EngagementStatus } from "~/domain/enums";

export * from "./enums";

/** The colours of GOV.UK Frontend's tag component. */
export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

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

export const MARKING_LABELS = {
  OFFICIAL: "OFFICIAL",
  "OFFICIAL-SENSITIVE": "OFFICIAL-SENSITIVE",
} as const;

export const ATTENDEE_SIDE_LABELS = {
  office: "The office",
  stakeholder: "Stakeholder",
  other: "Other",
} as const;

export const ACTION_KIND_LABELS = {
  commitment: "Commitment",
  follow_up: "Follow-up",
} as const;

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

export const ACTION_STATUS_COLOURS: Record<ActionStatus, TagColour> = {
  open: "blue",
  in_progress: "yellow",
  done: "green",
  dropped: "grey",
};

export const ACTION_OWNER_TYPE_LABELS = {
  office: "The office",
  stakeholder: "The stakeholder",
} as const;

/** "14:00 to 15:30", "from 14:00", or "" */
export function formatTimeRange(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${start} to ${end}`;
  if (start) return `from ${start}`;
  if (end) return `until ${end}`;
  return "";
}

/** The names people see for an engagement's and an action's fields: in conflicts and in history. */
export const ENGAGEMENT_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  kind: "Kind",
  status: "Status",
  date: "Date",
  startTime: "Start time",
  endTime: "End time",
  format: "Format",
  location: "Location",
  country: "Country",
  purpose: "Purpose",
  summary: "Summary of outcomes",
  marking: "Protective marking",
  leadUserId: "Lead officer",
  organisationIds: "Organisations",
  themeIds: "Themes",
  attendees: "Attendees",
  agenda: "Agenda",
  archivedAt: "Archived",
  description: "What",
  organisationId: "Organisation",
  ownerType: "Owned by",
  ownerUserId: "Owner in the office",
  ownerName: "Their person",
  dueDate: "Due date",
  agendaItemId: "From agenda item",
  closingNote: "Closing note",
  resolvedByEngagementId: "Resolved by engagement",
  name: "Name",
};
