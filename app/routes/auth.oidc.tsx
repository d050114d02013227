import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { OfficeSignInProblem, officeSignInProblemHeading } from "~/components/auth/office-sign-in-problem";
import { pageTitle, renderedAfterFailedPost } from "~/components/page-title";
import { officeSignInSettings } from "~/server/env.server";
import { OfficeSignInUnavailableError, startOfficeSignIn } from "~/server/office-sign-in.server";
import { officeSignInProblem } from "./__office-sign-in.server";

// POST /auth/oidc: "Sign in with your office account" on /login. Sends the browser to the office's
// provider, or explains (503) that it cannot be reached.

export const meta: MetaFunction = () => [{ title: pageTitle(officeSignInProblemHeading("provider_unavailable")) }];

// Visited rather than posted to: the button is on /login. (After a post that did not redirect, Remix runs
// this loader to draw the action's page: then it must not send the browser away.)
export function loader({ request }: LoaderFunctionArgs) {
  return renderedAfterFailedPost(request) ? null : redirect("/login");
}

export async function action({ request }: ActionFunctionArgs) {
  const settings = officeSignInSettings();
  if (!settings) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  try {
    return await startOfficeSignIn(request, settings, form.get("redirectTo"));
  } catch (error) {
    if (!(error instanceof OfficeSignInUnavailableError)) throw error;
    console.error(error.message);
    return officeSignInProblem(request, settings, { reason: "provider_unavailable", detail: "discovery failed" });
  }
}

export default function OfficeSignInStart() {
  const data = useActionData<typeof action>();
  if (!data || !("problem" in data)) return null;
  return <OfficeSignInProblem kind={data.problem} passwordSignIn={data.passwordSignIn} />;
}
