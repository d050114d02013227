import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";

// The browser half of a passkey ceremony: ask the server for options, let the browser and authenticator answer,
// and hand the answer back (as JSON, for a form field) or a message a person can act on.

export type CeremonyResult = { ok: true; response: string } | { ok: false; message: string };

async function fetchOptions(url: string): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`options ${response.status}`);
  return response.json();
}

function messageFor(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED")
    return "This passkey is already registered";
  if (error instanceof Error && error.name === "NotAllowedError") return "The passkey was cancelled or timed out. Try again";
  return "The passkey did not work. Try again, or use a code";
}

export async function passkeySignIn(optionsUrl: string): Promise<CeremonyResult> {
  try {
    const optionsJSON = (await fetchOptions(optionsUrl)) as Parameters<typeof startAuthentication>[0]["optionsJSON"];
    return { ok: true, response: JSON.stringify(await startAuthentication({ optionsJSON })) };
  } catch (error) {
    return { ok: false, message: messageFor(error) };
  }
}

export async function passkeyRegistration(optionsUrl: string): Promise<CeremonyResult> {
  try {
    const optionsJSON = (await fetchOptions(optionsUrl)) as Parameters<typeof startRegistration>[0]["optionsJSON"];
    return { ok: true, response: JSON.stringify(await startRegistration({ optionsJSON })) };
  } catch (error) {
    return { ok: false, message: messageFor(error) };
  }
}
