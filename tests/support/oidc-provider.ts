// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for the office sign-in tests.
// Its sign-in page is the package's development one: any login name and password; the login name picks
// the person (their claims come from `people`). Consent is taken as given, as an office's own provider does
// for its own applications. PKCE is required.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Context } from "oidc-provider";

/** What the provider says about a person: their email, whether it is verified, their name. */
export type ProviderPerson = { email?: string; email_verified?: boolean; name?: string };

export type RunningProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app server's OIDC_* settings for this provider. */
  appEnv: (extra?: Record<string, string>) => Record<string, string>;
  /** While true, the token endpoint drops every connection: the provider is down between the two legs. */
  dropTokenRequests: (drop: boolean) => void;
  /** Register the app (its callback URL, once its port is known) and start answering. */
  registerApp: (redirectUri: string) => void;
  stop: () => Promise<void>;
};

const CLIENT_ID = "tracker-tests";
const CLIENT_SECRET = "a-client-secret-only-the-tests-know";

export async function startOidcProvider(people: Record<string, ProviderPerson>): Promise<RunningProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let tokenEndpointDown = false;
  const server: Server = createServer((req, res) => {
    if (!handler || (tokenEndpointDown && req.url?.startsWith("/token"))) {
      req.socket.destroy();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const registerApp = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [redirectUri],
          response_types: ["code"],
          grant_types: ["authorization_code"],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ["a-cookie-key-only-the-tests-know"] },
      findAccount: async (_ctx: Context, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, ...(people[sub] ?? {}) }),
      }),
      // The office's own provider does not ask its staff to consent to their own office's application.
      loadExistingGrant: async (ctx: Context) => {
        const { oidc } = ctx;
        const clientId = oidc.client!.clientId;
        const grantId = oidc.result?.consent?.grantId || oidc.session?.grantIdFor(clientId);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId! });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
    });
    handler = provider.callback();
  };

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    appEnv: (extra = {}) => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, ...extra }),
    registerApp,
    dropTokenRequests: (drop) => {
      tokenEndpointDown = drop;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: an issuer there is a provider that cannot be reached. */
export async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
