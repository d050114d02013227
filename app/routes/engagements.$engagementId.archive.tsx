import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArchiveEngagement } from "~/components/engagements/ArchiveEngagement";
import { changeEngagementArchival, loadEngagementArchival } from "~/routes/__engagement-archival.server";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Archive engagement", data?.hasErrors) }];

export function loader(args: LoaderFunctionArgs) {
  return loadEngagementArchival(args);
}

export function action(args: ActionFunctionArgs) {
  return changeEngagementArchival("archive", args);
}

export default function ArchiveEngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <ArchiveEngagement archive={true} engagement={engagement} failure={failure} />;
}
