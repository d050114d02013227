// Staff names by account id: history tables name the person ("Priya Shah"), not their email address.
import { inArray } from "drizzle-orm";
import { db } from "~db/connection";
import { users } from "~db/schema";

/** The name of each account among these ids (unknown ids are left out). */
export function staffNamesById(ids: (number | null | undefined)[]): Record<number, string> {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === "number" && Number.isSafeInteger(id) && id > 0))];
  if (!unique.length) return {};
  return Object.fromEntries(
    db()
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, unique))
      .all()
      .map((u) => [u.id, u.name]),
  );
}

/** Who did it, in words: the account's name, else the email recorded with the event, else the system. */
export function actorName(event: { actorUserId: number | null; actorEmail: string | null }, names: Record<number, string>): string {
  return (event.actorUserId != null ? names[event.actorUserId] : undefined) ?? event.actorEmail ?? "The system";
}
