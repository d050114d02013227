// Most browser tests need one server with its own database and one browser, for the whole file.
import { launchBrowser, type Browser } from "./browser";
import { startServer, type RunningServer } from "./server";

/** `env`: settings for the server beyond its own port and database (e.g. the OIDC_* of office sign-in). */
export async function startServerAndBrowser(env: Record<string, string> = {}): Promise<{ server: RunningServer; browser: Browser }> {
  const server = await startServer(env);
  const browser = await launchBrowser();
  return { server, browser };
}

export async function stopServerAndBrowser({ server, browser }: { server?: RunningServer; browser?: Browser }): Promise<void> {
  await browser?.close();
  await server?.stop();
}
