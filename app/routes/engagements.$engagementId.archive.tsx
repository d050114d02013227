import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveEngagement } from "~/components/engagements/ArchiveEngagement";
import { changeEngagementArchival, loadEngagementArchival } from "~/routes/__engagement-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Archive engagement", data?.hasErrors) }];

export const loader = loadEngagementArchival;
export const action = (args: ActionFunctionArgs) => changeEngagementArchival("archive", args);

export default function ArchiveEngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  return <ArchiveEngagement archive={true} engagement={engagement} failure={useActionData<typeof action>()} />;
}
