import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveConfirmation } from "~/components/organisations/ArchiveConfirmation";
import { changeOrganisationArchival, loadOrganisationArchival } from "~/routes/__organisation-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Restore ${data.organisation.name}` : "Restore organisation", data?.hasErrors) },
];

export const loader = loadOrganisationArchival;
export const action = (args: ActionFunctionArgs) => changeOrganisationArchival("restore", args);

export default function RestoreOrganisation() {
  const { organisation } = useLoaderData<typeof loader>();
  return <ArchiveConfirmation archive={false} organisation={organisation} failure={useActionData<typeof action>()} />;
}
