import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveEngagement } from "~/components/engagements/ArchiveEngagement";
import { changeEngagementArchival, loadEngagementArchival } from "~/routes/__engagement-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Restore engagement", data?.hasErrors) }];

export const loader = loadEngagementArchival;
export const action = (args: ActionFunctionArgs) => changeEngagementArchival("restore", args);

export default function RestoreEngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  return <ArchiveEngagement archive={false} engagement={engagement} failure={useActionData<typeof action>()} />;
}
