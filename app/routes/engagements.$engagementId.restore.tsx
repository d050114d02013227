import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveEngagement } from "~/components/engagements/ArchiveEngagement";
import { changeEngagementArchival, loadEngagementArchival } from "~/routes/__engagement-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Restore engagement", data?.hasErrors) }];

export function loader(args: LoaderFunctionArgs) {
  return loadEngagementArchival(args);
}

export function action(args: ActionFunctionArgs) {
  return changeEngagementArchival("restore", args);
}

export default function RestoreEngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <ArchiveEngagement archive={false} engagement={engagement} failure={failure} />;
}
