// The engagement aggregate's enums, free of drizzle so that browser code (forms, labels) can import
// them without pulling the schema into the client bundle.
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
