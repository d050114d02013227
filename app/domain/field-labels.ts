// The names people see for each record type's fields: in conflicts, in histories and in the audit trail.
// One map per record type; a field no map names reads as its humanised code ("deactivatedAt" -> "Deactivated at").

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
  name: "Name",
};

export const ACTION_FIELD_LABELS: Record<string, string> = {
  kind: "Kind",
  description: "What",
  organisationId: "Organisation",
  ownerType: "Owned by",
  ownerUserId: "Owner in the office",
  ownerName: "Their person",
  dueDate: "Due date",
  status: "Status",
  agendaItemId: "From agenda item",
  closingNote: "Closing note",
  closedAt: "Closed",
  resolvedByEngagementId: "Resolved by engagement",
};

export const ORGANISATION_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  shortName: "Short name",
  kind: "Kind",
  nation: "Nation or country",
  parentId: "Parent body",
  forceId: "Force overseen",
  website: "Website",
  notes: "Notes",
  archivedAt: "Archived",
};

export const CONTACT_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  roleTitle: "Role title",
  email: "Email address",
  phone: "Phone number",
  inPost: "In post",
  organisationId: "Organisation",
};

export const USER_FIELD_LABELS: Record<string, string> = {
  name: "Full name",
  email: "Email address",
  role: "Role",
  deactivatedAt: "Deactivated at",
};

const FIELD_LABELS: Record<string, Record<string, string>> = {
  engagement: ENGAGEMENT_FIELD_LABELS,
  action: ACTION_FIELD_LABELS,
  organisation: ORGANISATION_FIELD_LABELS,
  contact: CONTACT_FIELD_LABELS,
  user: USER_FIELD_LABELS,
};

/** A code as words: "close_action" -> "Close action", "deactivatedAt" -> "Deactivated at". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The name of a field of a record type (an audit event's entity type), as a person reads it. */
export function fieldLabel(entityType: string | null | undefined, field: string): string {
  return (entityType ? FIELD_LABELS[entityType]?.[field] : undefined) ?? humanise(field);
}
