// The model-level check every writer of actions calls (docs/decisions/0012), as an import will call it: inside
// its own transaction, refusing with the refusal audited once the transaction has rolled back.
import { eq } from "drizzle-orm";
import { writeTransaction } from "~db/connection";
import { actions } from "~db/schema";
import { ActionPermissionError, assertMayChangeAction } from "~/models/action.server";
import { listAuditEvents, withRefusalsRecorded } from "~/models/audit.server";
import { NotFoundError } from "~/models/errors";
import { insertEngagement } from "../support/fixtures";
import { countEngagementRows, getAction } from "../support/records";
import { signedInAs } from "../support/requests";

async function setting() {
  const lead = await signedInAs("officer", "lead");
  const owner = await signedInAs("officer", "owner");
  const other = await signedInAs("officer", "other");
  const { engagement, actions: rows } = insertEngagement({
    leadUserId: lead.id,
    createdById: lead.id,
    actions: [{ description: "The owner's commitment", ownerUserId: owner.id }],
  });
  return { lead, owner, other, engagement, action: rows[0] };
}

/** An import's step: check, then change the description, in one transaction. */
function importRow(user: { id: number; email: string; role: "viewer" | "officer" | "manager" | "admin" }, id: number) {
  return withRefusalsRecorded(user, () =>
    writeTransaction((tx) => {
      const current = assertMayChangeAction({ tx, user, id, what: "change by import" });
      tx.update(actions)
        .set({ description: "Imported wording", version: current.version + 1 })
        .where(eq(actions.id, id))
        .run();
      return current;
    }),
  );
}

describe("assertMayChangeAction, the check an import calls", () => {
  it("lets the owner, the engagement's lead and a manager change the action", async () => {
    const { lead, owner, action } = await setting();
    const manager = await signedInAs("manager");
    for (const user of [owner, lead, manager]) await expect(importRow(user, action.id)).resolves.toMatchObject({ id: action.id });
  });

  it("refuses another officer and a viewer: nothing written, one refusal recorded for each", async () => {
    const { other, action } = await setting();
    const viewer = await signedInAs("viewer");
    for (const user of [other, viewer]) {
      const before = { rows: countEngagementRows(), action: getAction(action.id) };
      await expect(importRow(user, action.id)).rejects.toBeInstanceOf(ActionPermissionError);
      expect({ rows: countEngagementRows(), action: getAction(action.id) }).toEqual(before);
      const [refusal] = listAuditEvents({ actorUserId: user.id, action: "denied" }).events;
      expect(refusal).toMatchObject({ entityType: "action", entityId: String(action.id) });
      expect(refusal.summary).toMatch(/change by import refused/);
    }
  });

  it("an action that does not exist, or whose engagement is archived, is not found (and nothing is recorded)", async () => {
    const { lead } = await setting();
    const { actions: archived } = insertEngagement({ archivedAt: "2026-01-01T00:00:00.000Z", actions: [{ ownerUserId: lead.id }] });
    for (const id of [999_999, archived[0].id]) {
      await expect(importRow(lead, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(listAuditEvents({ actorUserId: lead.id, action: "denied" }).events).toEqual([]);
  });
});
