import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getContact } from "~/models/contact.server";
import { getOrganisationBySlug } from "~/models/organisation/read.server";
import type { ConflictChange, EditFailure } from "~/components/organisations/ConflictNotice";
import type { FormValues } from "~/forms/form-data";
import { notFound, requireIdParam } from "~/server/http.server";

type Params = LoaderFunctionArgs["params"];

// What the pages under /organisations/$slug share: finding what the URL names, and telling an editor someone saved first.

/** The organisation the URL's slug names, or a 404. */
export function requireOrganisation(params: Params) {
  const organisation = getOrganisationBySlug(params.slug ?? "");
  if (!organisation) notFound("Organisation");
  return organisation;
}

/** The organisation and one of its own contacts, or a 404 (a contact of another organisation is not found here). */
export function requireContact(params: Params) {
  const organisation = requireOrganisation(params);
  const contact = getContact({ organisationId: organisation.id, contactId: requireIdParam(params.contactId, "Contact") });
  if (!contact) notFound("Contact");
  return { organisation, contact };
}

/** The 409 of an edit page: nothing saved, the person's input handed back, and what the saved record now says. */
export function editConflict(values: FormValues, version: number, changes: ConflictChange[]) {
  return json<EditFailure>({ fieldErrors: {}, values, conflict: { version, changes } }, { status: 409 });
}
