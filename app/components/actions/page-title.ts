import type { AppLoadContext } from "@remix-run/node";
import { useEffect } from "react";

const SERVICE = "Stakeholder Engagement Tracker";

/** "Actions – Stakeholder Engagement Tracker", with "Error: " first when the page shows form errors. */
export function pageTitle(title: string, hasErrors?: boolean): string {
  return `${hasErrors ? "Error: " : ""}${title} – ${SERVICE}`;
}

// Meta sees loader data, not action data. Without JavaScript the action and the loaders run in
// one request and share its load context, so the action leaves a note there for the loader.
const FORM_FAILED = "actionsFormFailed";

export function noteFormFailure(context: AppLoadContext): void {
  (context as Record<string, unknown>)[FORM_FAILED] = true;
}

export function formFailedInThisRequest(context: AppLoadContext): boolean {
  return (context as Record<string, unknown>)[FORM_FAILED] === true;
}

/** With JavaScript the page is not reloaded: keep "Error: " at the start of the title while errors show. */
export function useErrorTitle(hasErrors: boolean): void {
  useEffect(() => {
    const plain = document.title.replace(/^Error: /, "");
    const wanted = hasErrors ? `Error: ${plain}` : plain;
    if (document.title !== wanted) document.title = wanted;
  });
}
