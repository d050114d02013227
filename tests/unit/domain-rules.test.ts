// The domain's rules, each defined once in app/domain: what is overdue or due soon, whose an action is,
// and how an audit event's before and after read.
import { describe, expect, it } from "vitest";
import { DUE_SOON_DAYS, dueSoonUntil, isDueSoon, isOutstanding, isOverdue, ownerLabel, reportOwnerLabel } from "~/domain/actions";
import { auditValueText, changedFields, isErasedRecord, parseAuditRecord } from "~/domain/audit";
import { formatMonth, monthName } from "~/domain/dates";
import { ACTION_STATUS_COLOURS, ENGAGEMENT_STATUS_COLOURS } from "~/domain/engagement-labels";
import { ACTION_STATUSES, ENGAGEMENT_STATUSES } from "~/domain/enums";
import { fieldLabel, humanise } from "~/domain/field-labels";
import { formatDate, megabytes } from "~/domain/format";

const today = "2026-11-30";

describe("an overdue action", () => {
  it("is one still to do whose due date is before today", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-11-29" }, today)).toBe(true);
    expect(isOverdue({ status: "in_progress", dueDate: "2025-01-01" }, today)).toBe(true);
  });

  it("is not one due today, due later or with no due date", () => {
    expect(isOverdue({ status: "open", dueDate: today }, today)).toBe(false);
    expect(isOverdue({ status: "open", dueDate: "2026-12-01" }, today)).toBe(false);
    expect(isOverdue({ status: "open", dueDate: null }, today)).toBe(false);
  });

  it("is never one done or dropped, however late", () => {
    expect(isOverdue({ status: "done", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isOverdue({ status: "dropped", dueDate: "2026-01-01" }, today)).toBe(false);
  });

  it("flips at the turn of a month and a year", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-12-31" }, "2027-01-01")).toBe(true);
    expect(isOverdue({ status: "open", dueDate: "2027-01-01" }, "2027-01-01")).toBe(false);
  });

  it("counts open and in progress as still to do, and nothing else", () => {
    expect(ACTION_STATUSES.filter(isOutstanding)).toEqual(["open", "in_progress"]);
  });
});

describe("an action due soon", () => {
  it("is due from today to DUE_SOON_DAYS days after, both included", () => {
    expect(DUE_SOON_DAYS).toBe(7);
    expect(dueSoonUntil(today)).toBe("2026-12-07");
    expect(isDueSoon({ status: "open", dueDate: today }, today)).toBe(true);
    expect(isDueSoon({ status: "in_progress", dueDate: "2026-12-07" }, today)).toBe(true);
    expect(isDueSoon({ status: "open", dueDate: "2026-12-08" }, today)).toBe(false);
  });

  it("is never overdue as well, nor done, nor without a due date", () => {
    expect(isDueSoon({ status: "open", dueDate: "2026-11-29" }, today)).toBe(false);
    expect(isDueSoon({ status: "done", dueDate: today }, today)).toBe(false);
    expect(isDueSoon({ status: "open", dueDate: null }, today)).toBe(false);
  });
});

describe("whose an action is", () => {
  it("names the member of staff, or the office, or a former member of staff", () => {
    expect(ownerLabel({ ownerType: "office", ownerUserId: 3, ownerUserName: "Ada Lovelace" })).toBe("Ada Lovelace");
    expect(ownerLabel({ ownerType: "office" })).toBe("The office");
    expect(ownerLabel({ ownerType: "office", ownerUserId: 3, ownerUserName: null })).toBe("A former member of staff");
  });

  it("names the stakeholder's person and organisation, as far as known, and always says 'the stakeholder' otherwise", () => {
    expect(
      ownerLabel({
        ownerType: "stakeholder",
        ownerName: "DCI Jane Smith",
        organisationShortName: "NCA",
        organisationName: "National Crime Agency",
      }),
    ).toBe("DCI Jane Smith (NCA)");
    expect(ownerLabel({ ownerType: "stakeholder", ownerName: "DCI Jane Smith" })).toBe("DCI Jane Smith (the stakeholder)");
    expect(ownerLabel({ ownerType: "stakeholder", organisationName: "National Crime Agency" })).toBe(
      "National Crime Agency (the stakeholder)",
    );
    expect(ownerLabel({ ownerType: "stakeholder" })).toBe("The stakeholder");
  });

  it("reads the same in a report, whose actions name their owner in one field", () => {
    expect(reportOwnerLabel({ ownerType: "office", ownerName: "Ada Lovelace", organisation: "National Crime Agency" })).toBe(
      "Ada Lovelace",
    );
    expect(reportOwnerLabel({ ownerType: "office", ownerName: null, organisation: null })).toBe("The office");
    expect(reportOwnerLabel({ ownerType: "stakeholder", ownerName: "DCI Jane Smith", organisation: "National Crime Agency" })).toBe(
      "DCI Jane Smith (National Crime Agency)",
    );
    expect(reportOwnerLabel({ ownerType: "stakeholder", ownerName: null, organisation: null })).toBe("The stakeholder");
  });
});

describe("an audit event's before and after", () => {
  it("is read as an object, or as nothing when absent, not JSON or not an object", () => {
    expect(parseAuditRecord('{"name":"Europol","inPost":true}')).toEqual({ name: "Europol", inPost: true });
    expect(parseAuditRecord(null)).toBeNull();
    expect(parseAuditRecord("")).toBeNull();
    expect(parseAuditRecord("not json")).toBeNull();
    expect(parseAuditRecord("[1,2]")).toBeNull();
    expect(parseAuditRecord("null")).toBeNull();
    expect(parseAuditRecord('"text"')).toBeNull();
  });

  it("lists the fields either side touched, in the order they first appear", () => {
    expect(changedFields({ name: "a", notes: null }, { notes: "b", website: "c" })).toEqual(["name", "notes", "website"]);
    expect(changedFields(null, { name: "a" })).toEqual(["name"]);
    expect(changedFields(null, null)).toEqual([]);
  });

  it("knows a removed contact's erased details", () => {
    expect(isErasedRecord({ redacted: "erased" })).toBe(true);
    expect(isErasedRecord({ name: "Sam" })).toBe(false);
    expect(isErasedRecord(null)).toBe(false);
  });

  it("shows values in words: labels for codes, GOV.UK dates, yes and no, names for ids, nothing for empty", () => {
    expect(auditValueText("engagement", "status", "held")).toBe("Held");
    expect(auditValueText("action", "status", "in_progress")).toBe("In progress");
    expect(auditValueText("organisation", "kind", "pcc")).toBe("Local policing body");
    expect(auditValueText("action", "ownerType", "stakeholder")).toBe("The stakeholder");
    expect(auditValueText("user", "role", "manager")).toBe("Manager");
    expect(auditValueText("action", "dueDate", "2026-12-01")).toBe("1 December 2026");
    expect(auditValueText("organisation", "archivedAt", "2026-07-01T13:05:00.000Z")).toBe("1 July 2026 at 2:05pm");
    expect(auditValueText("contact", "inPost", false)).toBe("No");
    expect(auditValueText("organisation", "parentId", 7, { organisations: { 7: "Home Office" } })).toBe("Home Office");
    expect(auditValueText("organisation", "parentId", 8, { organisations: {} })).toBe("Organisation 8 (no longer exists)");
    expect(auditValueText("organisation", "parentId", 7)).toBe("7");
    expect(auditValueText("engagement", "agenda", ["Referrals", "Next steps"])).toBe("1. Referrals\n2. Next steps");
    expect(auditValueText("engagement", "attendees", ["user:1", "contact:2", "Alex Observer"], { users: { 1: "Ada" }, contacts: {} })).toBe(
      "Ada, A former contact, Alex Observer",
    );
    for (const empty of [null, undefined, "", []]) expect(auditValueText("organisation", "notes", empty)).toBeNull();
    // A code of an unknown record type is shown as it is.
    expect(auditValueText("changes", "status", "held")).toBe("held");
  });

  it("names each record type's fields, and humanises any other", () => {
    expect(fieldLabel("engagement", "summary")).toBe("Summary of outcomes");
    expect(fieldLabel("action", "description")).toBe("What");
    expect(fieldLabel("organisation", "parentId")).toBe("Parent body");
    expect(fieldLabel("contact", "roleTitle")).toBe("Role title");
    expect(fieldLabel("user", "name")).toBe("Full name");
    expect(fieldLabel("user", "deactivatedAt")).toBe("Deactivated at");
    expect(fieldLabel(null, "deactivatedAt")).toBe("Deactivated at");
    expect(humanise("close_action")).toBe("Close action");
  });
});

describe("the service's words", () => {
  it("names the months once, for dates and months alike", () => {
    expect(monthName(1)).toBe("January");
    expect(monthName(12, "short")).toBe("Dec");
    expect(monthName(13)).toBeUndefined();
    expect(formatDate("2026-09-05")).toBe("5 September 2026");
    expect(formatMonth("2026-09", "short")).toBe("Sep 2026");
    expect(formatMonth("2026-09")).toBe("September 2026");
  });

  it("gives every status one tag colour of GOV.UK Frontend 6; in progress is teal (light blue is retired), red is left for overdue", () => {
    expect(Object.keys(ACTION_STATUS_COLOURS)).toEqual([...ACTION_STATUSES]);
    expect(Object.keys(ENGAGEMENT_STATUS_COLOURS)).toEqual([...ENGAGEMENT_STATUSES]);
    expect(ACTION_STATUS_COLOURS.in_progress).toBe("teal");
    expect(ACTION_STATUS_COLOURS.in_progress).not.toBe(ACTION_STATUS_COLOURS.open);
    expect(Object.values(ACTION_STATUS_COLOURS)).not.toContain("red");
  });
});

describe("a size limit in words", () => {
  it("is said in megabytes of 1,024 × 1,024 bytes, to one decimal place", () => {
    expect(megabytes(5 * 1024 * 1024)).toBe("5 MB");
    expect(megabytes(6 * 1024 * 1024)).toBe("6 MB");
    expect(megabytes(1_000_000)).toBe("1 MB");
    expect(megabytes(2.5 * 1024 * 1024)).toBe("2.5 MB");
  });
});
