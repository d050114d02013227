// Most browser tests need one server with its own database and one browser, for the whole file.
import { launchBrowser, type Browser } from "./browser";
import { startServer, type RunningServer } from "./server";

export async function startServerAndBrowser(): Promise<{ server: RunningServer; browser: Browser }> {
  const server = await startServer();
  const browser = await launchBrowser();
  return { server, browser };
}

export async function stopServerAndBrowser({ server, browser }: { server?: RunningServer; browser?: Browser }): Promise<void> {
  await browser?.close();
  await server?.stop();
}
