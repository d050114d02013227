// The service's enumerations: client-safe, free of drizzle, so that forms, labels and components can
// import them without pulling the schema into the browser bundle. db/schema builds its columns on them.
export const ENGAGEMENT_KINDS = ["meeting", "call", "visit", "conference", "correspondence", "other"] as const;
export const ENGAGEMENT_STATUSES = ["planned", "held", "cancelled"] as const;
export const ENGAGEMENT_FORMATS = ["in_person", "virtual", "hybrid"] as const;
export const MARKINGS = ["OFFICIAL", "OFFICIAL-SENSITIVE"] as const;
export const ATTENDEE_SIDES = ["office", "stakeholder", "other"] as const;
export const ACTION_KINDS = ["commitment", "follow_up"] as const;
export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export const ACTION_OWNER_TYPES = ["office", "stakeholder"] as const;

export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export type EngagementFormat = (typeof ENGAGEMENT_FORMATS)[number];
export type Marking = (typeof MARKINGS)[number];
export type AttendeeSide = (typeof ATTENDEE_SIDES)[number];
export type ActionKind = (typeof ACTION_KINDS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionOwnerType = (typeof ACTION_OWNER_TYPES)[number];

export const ORGANISATION_KINDS = [
  "police_force",
  "pcc",
  "national_policing_body",
  "border_immigration",
  "inspectorate",
  "prosecutor",
  "government_department",
  "international_agency",
  "overseas_agency",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ["viewer", "officer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
