import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { passkeySignInOptions } from "~/models/second-factor/passkeys.server";
import { pendingSignInUserId } from "~/models/second-factor/sign-in.server";
import { pendingSignInToken, relyingParty } from "~/server/second-factor.server";

// The options for signing in with a passkey, for the pending sign-in's person only (JavaScript fetches them).
export async function action({ request }: ActionFunctionArgs) {
  const token = await pendingSignInToken(request);
  const userId = token ? pendingSignInUserId(token) : undefined;
  if (userId === undefined) return json({ error: "Your sign-in timed out. Sign in again." }, { status: 401 });
  return json(await passkeySignInOptions({ userId, relyingParty: relyingParty(request) }));
}

export function loader() {
  return json({ error: "Method not allowed" }, { status: 405 });
}
