// The shapes of a report's data, shared by the model that reads them and the components and writers
// that show them (client-safe: type-only imports).
import type { ActionKind, ActionStatus, EngagementKind, EngagementStatus, Marking } from "~/domain/enums";
import type { OrganisationKind } from "~/domain/enums";

/** The engagements a report or calendar covers (apart from the period): each list empty for "any". */
export type ReportEngagementFilters = {
  /** Organisation slugs: engagements with any of them... */
  organisation: string[];
  /** ...or with any organisation of these kinds. */
  orgKind: OrganisationKind[];
  theme: number[];
  kind: EngagementKind[];
};

export type ReportPart = "attendees" | "agenda" | "actions";

export type ReportFilters = ReportEngagementFilters & {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
  include: ReportPart[];
};

/** The filters in words, for a title page, a print header and the audit trail. */
export type FilterDescription = {
  period: string;
  organisations: string[];
  organisationKinds: string[];
  themes: string[];
  engagementKinds: string[];
  includes: string[];
};

export type ActionTally = { made: number; completed: number; dropped: number; outstanding: number; overdue: number };

export type ReportStatistics = {
  engagements: number;
  byStatus: Record<EngagementStatus, number>;
  /** Every month of the period, in order, including those with none (for a period over two years: first to last engagement). */
  byMonth: { month: string; engagements: number; commitments: number; followUps: number }[];
  /** An engagement with organisations of several kinds counts once under each kind. */
  byOrganisationKind: { kind: OrganisationKind; label: string; engagements: number; organisations: number }[];
  organisationsEngaged: number;
  organisations: { name: string; kind: OrganisationKind; engagements: number; lastDate: string }[];
  commitments: ActionTally;
  followUps: ActionTally;
  /** How many engagements carry each marking; the report is marked with the highest. */
  sensitiveEngagements: number;
  marking: Marking;
};

export type ReportOrganisation = { id: number; name: string; shortName: string | null; kind: OrganisationKind };

export type ReportAttendee = {
  name: string;
  roleTitle: string | null;
  side: "office" | "stakeholder" | "other";
  organisation: string | null;
};

export type ReportAgendaItem = { title: string; notes: string | null; outcome: string | null };

export type ReportAction = {
  id: number;
  engagementId: number;
  kind: ActionKind;
  description: string;
  organisation: string | null;
  ownerType: "office" | "stakeholder";
  /** The named owner: a member of staff, or the stakeholder's person where known. */
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  closingNote: string | null;
  closedAt: string | null;
  resolvedBy: { id: number; title: string; date: string } | null;
};

export type ReportEngagement = {
  id: number;
  title: string;
  kind: EngagementKind;
  status: EngagementStatus;
  date: string;
  startTime: string | null;
  endTime: string | null;
  format: "in_person" | "virtual" | "hybrid" | null;
  location: string | null;
  country: string | null;
  purpose: string | null;
  summary: string | null;
  marking: Marking;
  leadName: string | null;
  organisations: ReportOrganisation[];
  themes: string[];
  attendees: ReportAttendee[];
  agenda: ReportAgendaItem[];
  actions: ReportAction[];
  /** In a grouped report: the organisation it is listed under (null: it has none). */
  placement?: ReportOrganisation | null;
};

/** An upcoming engagement in the calendar: a report's engagement, its organisations' names in one line. */
export type CalendarEngagement = Pick<
  ReportEngagement,
  "id" | "title" | "kind" | "date" | "startTime" | "endTime" | "format" | "location" | "country" | "purpose" | "marking"
> & { organisations: string };

export type CalendarAction = {
  id: number;
  kind: ActionKind;
  description: string;
  dueDate: string;
  status: ActionStatus;
  organisation: string | null;
  ownerType: "office" | "stakeholder";
  ownerName: string | null;
  engagementId: number;
  engagementTitle: string;
  engagementDate: string;
  marking: Marking;
};
