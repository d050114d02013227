import { eq } from "drizzle-orm";
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, openDatabase } from "~db/connection";
import { applyMigrations } from "~db/migrate";
import { organisations } from "~db/schema";
import { readReferenceOrganisations, seedReferenceOrganisations } from "../../seeds/reference-organisations";
import { TMP } from "../support/paths";

describe("the database", () => {
  it("runs with WAL, foreign keys, synchronous=FULL and a busy timeout", () => {
    const sqlite = db().$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
  });

  it("refuses a row that points at a missing organisation", () => {
    expect(() =>
      db().$client.prepare("INSERT INTO contacts (organisation_id, name, created_at, updated_at) VALUES (999999, 'x', 'now', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("the reference organisations", () => {
  it("are the 113 bodies of the reference list, with parents and the forces policing bodies oversee", () => {
    expect(readReferenceOrganisations()).toHaveLength(113);
    const all = db().select().from(organisations).all();
    expect(all).toHaveLength(113);
    const bySlug = new Map(all.map((o) => [o.slug, o]));
    expect(bySlug.get("border-force")!.parentId).toBe(bySlug.get("home-office")!.id);
    expect(bySlug.get("pcc-avon-and-somerset")!.forceId).toBe(bySlug.get("avon-and-somerset-police")!.id);
    expect(all.filter((o) => o.kind === "police_force")).toHaveLength(47);
  });

  it("load idempotently: a second run adds nothing and keeps what staff edited", () => {
    const file = path.join(TMP, `seed-${process.pid}.db`);
    const database = openDatabase(file);
    try {
      applyMigrations(database);
      expect(seedReferenceOrganisations(database)).toEqual({ added: 113, total: 113 });
      database.update(organisations).set({ name: "Europol (edited by staff)" }).where(eq(organisations.slug, "europol")).run();
      database.delete(organisations).where(eq(organisations.slug, "interpol")).run();
      expect(seedReferenceOrganisations(database)).toEqual({ added: 1, total: 113 });
      const europol = database.select().from(organisations).where(eq(organisations.slug, "europol")).get();
      expect(europol!.name).toBe("Europol (edited by staff)");
    } finally {
      database.$client.close();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });
});
