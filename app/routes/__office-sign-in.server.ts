// What /auth/oidc and its callback share: the problem page's data, audited once, with the flow cookie cleared.
import { json } from "@remix-run/node";
import { recordOfficeSignInRefusal, type OfficeSignInRefusal } from "~/models/office-sign-in.server";
import { readSecuritySettings } from "~/models/settings.server";
import { type OfficeSignInSettings } from "~/server/env.server";
import { clearFlowCookie } from "~/server/office-sign-in.server";
import { clientIp } from "~/server/request.server";

const STATUS: Record<OfficeSignInRefusal, number> = {
  not_set_up: 403,
  deactivated: 403,
  email_not_verified: 403,
  provider_refused: 403,
  flow_expired: 400,
  state_mismatch: 400,
  invalid_response: 400,
  provider_unavailable: 503,
};

export type OfficeSignInProblemData = { problem: OfficeSignInRefusal; passwordSignIn: boolean };

/** Audit a refusal the protocol decided (the model audits its own) and answer with the page that explains it. */
export async function officeSignInProblem(
  request: Request,
  settings: OfficeSignInSettings,
  refusal: { reason: OfficeSignInRefusal; email?: string; detail?: string; audited?: boolean },
) {
  if (!refusal.audited)
    await recordOfficeSignInRefusal({
      reason: refusal.reason,
      email: refusal.email,
      detail: refusal.detail,
      issuer: settings.issuer.href,
      ip: clientIp(request),
    });
  return json<OfficeSignInProblemData>(
    { problem: refusal.reason, passwordSignIn: readSecuritySettings().passwordSignIn },
    { status: STATUS[refusal.reason], headers: { "Set-Cookie": await clearFlowCookie() } },
  );
}
