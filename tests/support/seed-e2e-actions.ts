// Known engagements and actions written into a running server's database (WAL lets the test
// write beside the server), for browser tests of the register, dashboard and coverage.
import Database from "better-sqlite3";
import { addDays, todayInUk } from "~/domain/dates";

export type SeededActions = { engagementId: number; actionIds: Record<string, number> };

/**
 * An NCA meeting with four overdue office commitments (named "NCA overdue 1" to "4"), one due
 * next week, and a Kent call with a follow-up; all owned by the office, led by `leadUserId`.
 */
export function seedActionsForBrowserTests(databasePath: string, leadUserId: number | null = null): SeededActions {
  const sqlite = new Database(databasePath);
  sqlite.pragma("busy_timeout = 5000");
  const today = todayInUk();
  const now = new Date().toISOString();
  const orgId = (slug: string) => (sqlite.prepare("SELECT id FROM organisations WHERE slug = ?").get(slug) as { id: number }).id;
  const insertEngagement = sqlite.prepare(
    "INSERT INTO engagements (title, kind, status, date, lead_user_id, created_by_id, created_at, updated_at) VALUES (?, ?, 'held', ?, ?, ?, ?, ?)",
  );
  const link = sqlite.prepare("INSERT INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)");
  const insertAction = sqlite.prepare(
    "INSERT INTO actions (engagement_id, kind, description, organisation_id, owner_type, due_date, status, position, created_at, updated_at) VALUES (?, ?, ?, ?, 'office', ?, 'open', ?, ?, ?)",
  );
  const actionIds: Record<string, number> = {};
  const engagementId = sqlite.transaction(() => {
    const nca = orgId("national-crime-agency");
    const id = Number(
      insertEngagement.run(
        "Quarterly meeting with the NCA modern slavery unit",
        "meeting",
        addDays(today, -45),
        leadUserId,
        leadUserId,
        now,
        now,
      ).lastInsertRowid,
    );
    link.run(id, nca);
    const rows: [string, "commitment" | "follow_up", string][] = [
      ["NCA overdue 1: share the referral figures for the quarter", "commitment", addDays(today, -20)],
      ["NCA overdue 2: send the joint letter to chief constables", "commitment", addDays(today, -12)],
      ["NCA overdue 3: confirm attendance at the training day", "commitment", addDays(today, -6)],
      ["NCA overdue 4: circulate the note of the meeting", "commitment", addDays(today, -2)],
      ["NCA next week: arrange the follow-up call", "follow_up", addDays(today, 5)],
    ];
    rows.forEach(([description, kind, due], i) => {
      actionIds[description.split(":")[0]] = Number(insertAction.run(id, kind, description, nca, due, i, now, now).lastInsertRowid);
    });
    const kent = Number(
      insertEngagement.run("Call with Kent Police", "call", addDays(today, -10), leadUserId, leadUserId, now, now).lastInsertRowid,
    );
    link.run(kent, orgId("kent-police"));
    actionIds["Kent"] = Number(
      insertAction.run(kent, "follow_up", "Kent: send the victim care leaflet", orgId("kent-police"), addDays(today, -1), 0, now, now)
        .lastInsertRowid,
    );
    return id;
  })();
  sqlite.close();
  return { engagementId, actionIds };
}
