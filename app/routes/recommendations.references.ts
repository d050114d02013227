import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { recommendationChoices } from "~/models/recommendation/links.server";
import { requireRole } from "~/server/auth.server";

/**
 * The recommendations the engagement form's type-ahead offers (JSON): those addressed to the organisations
 * named by ?organisation=<id> first. Ids that are not ids are ignored; at most 20 are read.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const organisationIds = new URL(request.url).searchParams
    .getAll("organisation")
    .filter((v) => /^[1-9]\d{0,15}$/.test(v))
    .slice(0, 20)
    .map(Number);
  return json({ choices: recommendationChoices({ organisationIds }) }, { headers: { "Cache-Control": "private, no-store" } });
}
