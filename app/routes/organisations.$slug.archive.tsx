import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveConfirmation } from "~/components/organisations/ArchiveConfirmation";
import { changeOrganisationArchival, loadOrganisationArchival } from "~/routes/__organisation-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Archive ${data.organisation.name}` : "Archive organisation", data?.hasErrors) },
];

export const loader = loadOrganisationArchival;
export const action = (args: ActionFunctionArgs) => changeOrganisationArchival("archive", args);

export default function ArchiveOrganisation() {
  const { organisation } = useLoaderData<typeof loader>();
  return <ArchiveConfirmation archive={true} organisation={organisation} failure={useActionData<typeof action>()} />;
}
