import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { megabytes } from "~/domain/format";
import { IMPORT_LIMITS } from "~/domain/import";
import { RECOMMENDATIONS_CSV_MAX_BYTES } from "~/domain/recommendations";
import { requireUser } from "~/server/auth.server";
import { safeRedirectTarget } from "~/server/session.server";

// What a browser is shown when the server refused what it sent as too large (server.ts renders this page, with the
// status 413, in answer to the post it refused: the post itself was never read).

export const meta: MetaFunction = () => [{ title: pageTitle("What you sent is too large") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const from = request.headers.get("Referer");
  let back = "/";
  try {
    const referer = from ? new URL(from) : undefined;
    if (referer && referer.host === new URL(request.url).host) back = safeRedirectTarget(referer.pathname + referer.search);
  } catch {
    // not an address: go back to the dashboard
  }
  return json({ back });
}

export default function TooLarge() {
  const { back } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">What you sent is too large</h1>
        <p className="govuk-body">
          Nothing was saved. The tracker takes a spreadsheet of up to {megabytes(IMPORT_LIMITS.bytes)}, and a CSV file of recommendations of
          up to {megabytes(RECOMMENDATIONS_CSV_MAX_BYTES)}.
        </p>
        <p className="govuk-body">
          Go back and choose a smaller file, or split the spreadsheet into smaller files and import them one by one.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={back}>
            Go back to the page you were on
          </a>
        </p>
      </div>
    </div>
  );
}
