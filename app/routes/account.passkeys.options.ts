import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { passkeyRegistrationOptions } from "~/models/second-factor/passkeys.server";
import { requireUser } from "~/server/auth.server";
import { relyingParty } from "~/server/second-factor.server";

// The options for registering a new passkey (JavaScript fetches them before asking the authenticator).
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return json(await passkeyRegistrationOptions({ user, relyingParty: relyingParty(request) }));
}

export function loader() {
  return json({ error: "Method not allowed" }, { status: 405 });
}
