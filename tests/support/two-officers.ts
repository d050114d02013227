// Two officers in two browsers, for a whole file: one with JavaScript on, one with it off, each signed in to one
// server with its own database. The tests that need both paths (and a colleague's change to conflict with) start here.
import type { Page } from "playwright-core";
import { launchBrowser, type Browser } from "./browser";
import { createAccount, signIn } from "./e2e-accounts";
import { startServer, type RunningServer } from "./server";

type Officer = { email: string; name: string };

export type TwoOfficers = {
  server: RunningServer;
  /** JavaScript on; also the scanner that expectNoAxeViolationsWithoutScripts needs. */
  js: Browser;
  noJs: Browser;
  /** The officer signed in with JavaScript on. */
  withScripts: Page;
  /** The officer signed in with JavaScript off. */
  withoutScripts: Page;
};

/** Starts the server, creates both officers' accounts and signs each in, in a browser of their own. */
export async function startTwoOfficers({
  withScripts,
  withoutScripts,
}: {
  withScripts: Officer;
  withoutScripts: Officer;
}): Promise<TwoOfficers> {
  const started: Partial<TwoOfficers> = {};
  try {
    started.server = await startServer();
    createAccount(started.server, "officer", withScripts.email, withScripts.name);
    createAccount(started.server, "officer", withoutScripts.email, withoutScripts.name);
    started.js = await launchBrowser();
    started.noJs = await launchBrowser({ javaScriptEnabled: false });
    started.withScripts = await started.js.context.newPage();
    await signIn(started.withScripts, started.server, withScripts.email);
    started.withoutScripts = await started.noJs.context.newPage();
    await signIn(started.withoutScripts, started.server, withoutScripts.email);
    return started as TwoOfficers;
  } catch (error) {
    // The file's afterAll never sees what was started, so nothing is left running.
    await stopTwoOfficers(started);
    throw error;
  }
}

export async function stopTwoOfficers({ server, js, noJs }: Partial<TwoOfficers> = {}): Promise<void> {
  await js?.close();
  await noJs?.close();
  await server?.stop();
}
