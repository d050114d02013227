import type { AppLoadContext } from "@remix-run/node";
import { useEffect } from "react";

const SERVICE = "Stakeholder Engagement Tracker";

/** "Create an account – Stakeholder Engagement Tracker", with "Error: " first when the form has errors. */
export function pageTitle(title: string, hasErrors?: boolean): string {
  return `${hasErrors ? "Error: " : ""}${title} – ${SERVICE}`;
}

// Remix's meta sees loader data, not action data. Without JavaScript the action and the loaders
// run in one request and share its load context, so the action leaves a note for the loader;
// with JavaScript the page is not reloaded, so the hook below prefixes the title in the browser.
const FORM_FAILED = "adminFormFailed";

/** Call in an action that answers with form errors. */
export function noteFormFailure(context: AppLoadContext): void {
  (context as Record<string, unknown>)[FORM_FAILED] = true;
}

/** In a loader: did this request's action answer with form errors? */
export function formFailedInThisRequest(context: AppLoadContext): boolean {
  return (context as Record<string, unknown>)[FORM_FAILED] === true;
}

/** Keep "Error: " at the start of the document title while the form shows errors. */
export function useErrorTitle(hasErrors: boolean): void {
  // After every render: a revalidation may have re-rendered the <title> from meta meanwhile.
  useEffect(() => {
    const plain = document.title.replace(/^Error: /, "");
    const wanted = hasErrors ? `Error: ${plain}` : plain;
    if (document.title !== wanted) document.title = wanted;
  });
}
