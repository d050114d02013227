// npm run seed:demo -- --engagements N [--seed S] [--today YYYY-MM-DD] [--force]
// Fills the database at DATABASE_PATH with N realistic, deterministic demo engagements and a few
// demo staff accounts. Refuses on a database that holds engagements recorded by people, unless --force.
import { parseArgs } from "node:util";
import { closeDatabase, databasePath, db } from "../db/connection";
import { applyMigrations } from "../db/migrate";
import { runCli } from "./lib/cli";
import { DemoRefused, seedDemo } from "../seeds/demo";
import { seedReferenceOrganisations } from "../seeds/reference-organisations";

const usage = "Usage: npm run seed:demo -- --engagements N [--seed S] [--today YYYY-MM-DD] [--force]";

function fail(message: string): never {
  console.error(message);
  closeDatabase();
  process.exit(1);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { engagements: { type: "string" }, seed: { type: "string" }, today: { type: "string" }, force: { type: "boolean" } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (!values.engagements || !/^\d+$/.test(values.engagements)) fail(usage);
  if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed)) fail("--seed must be a whole number");
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail("--today must be a date like 2026-11-28");

  const database = db();
  applyMigrations(database);
  seedReferenceOrganisations(database);
  try {
    const result = await seedDemo(database, {
      engagements: Number(values.engagements),
      seed: values.seed === undefined ? undefined : Number(values.seed),
      today: values.today,
      force: values.force,
    });
    console.log(
      `${result.engagements.toLocaleString("en-GB")} demo engagements written to ${databasePath()} in ${(result.milliseconds / 1000).toFixed(1)} s` +
        (result.replaced ? ` (replacing ${result.replaced.toLocaleString("en-GB")} from an earlier run)` : ""),
    );
    console.log(
      `  ${result.actions.toLocaleString("en-GB")} commitments and follow-ups (${result.resolvedFollowUps.toLocaleString("en-GB")} follow-ups resolved by a later engagement), ` +
        `${result.agendaItems.toLocaleString("en-GB")} agenda items, ${result.attendees.toLocaleString("en-GB")} attendees`,
    );
    const recs = result.recommendations;
    console.log(
      `  ${recs.reports} inspection reports with ${recs.recommendations} recommendations and ${recs.takeUps.toLocaleString("en-GB")} take-ups`,
    );
    console.log("Demo staff accounts (all with the password below):");
    for (const s of result.staff) console.log(`  ${s.email}  (${s.role})`);
    console.log(`Password: ${result.password}`);
  } catch (error) {
    if (error instanceof DemoRefused) fail(error.message);
    throw error;
  }
  closeDatabase();
}

runCli(main);
