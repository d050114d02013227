import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OfficeSignInProblem, officeSignInProblemHeading } from "~/components/auth/office-sign-in-problem";
import { pageTitle } from "~/components/page-title";
import { signInWithOfficeAccount } from "~/models/office-sign-in.server";
import { officeSignInSettings } from "~/server/env.server";
import { clearFlowCookie, completeOfficeSignIn, OfficeSignInUnavailableError } from "~/server/office-sign-in.server";
import { clientIp } from "~/server/request.server";
import { startSession } from "~/server/session.server";
import { officeSignInProblem } from "./__office-sign-in.server";

// GET /auth/oidc/callback: where the office's provider sends the browser back. Signs the person in, or
// shows (and audits) why not. No second factor is asked here: the provider asks for its own.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(officeSignInProblemHeading(data && "problem" in data ? data.problem : "invalid_response")) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const settings = officeSignInSettings();
  if (!settings) throw new Response("Not Found", { status: 404 });
  let result: Awaited<ReturnType<typeof completeOfficeSignIn>>;
  try {
    result = await completeOfficeSignIn(request, settings);
  } catch (error) {
    if (!(error instanceof OfficeSignInUnavailableError)) throw error;
    console.error(error.message);
    return officeSignInProblem(request, settings, { reason: "provider_unavailable" });
  }
  if (!result.ok) return officeSignInProblem(request, settings, result);
  const signedIn = await signInWithOfficeAccount({
    identity: result.identity,
    autoCreateDomain: settings.autoCreateDomain,
    ip: clientIp(request),
  });
  if (!signedIn.ok) return officeSignInProblem(request, settings, { reason: signedIn.reason, audited: true });
  const response = await startSession(request, signedIn.user, result.redirectTo);
  response.headers.append("Set-Cookie", await clearFlowCookie());
  return response;
}

export default function OfficeSignInCallback() {
  const data = useLoaderData<typeof loader>();
  return <OfficeSignInProblem kind={data.problem} passwordSignIn={data.passwordSignIn} />;
}
