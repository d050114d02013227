import { useEffect } from "react";

const SERVICE_NAME = "Stakeholder Engagement Tracker";

/** "Edit Europol – Stakeholder Engagement Tracker", with "Error: " first when the form has errors. */
export function pageTitle(title: string, hasErrors = false): string {
  return `${hasErrors ? "Error: " : ""}${title} – ${SERVICE_NAME}`;
}

/**
 * True when a loader runs to render the page after a form post that did not redirect: a
 * submission that failed, shown without JavaScript. Remix runs the loaders after the action
 * with the post's headers, so the form's content type is still there; a plain visit has none.
 * (Meta functions cannot see action data, so this is how a no-JavaScript error page gets its "Error: " title.)
 */
export function renderedAfterFailedPost(request: Request): boolean {
  const type = request.headers.get("Content-Type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/**
 * With JavaScript on, errors found in the browser or returned by the action arrive without a
 * new document: keep "Error: " before the title while there are any. Runs after every render,
 * because a revalidation may re-render the <title> from meta meanwhile.
 */
export function useErrorTitle(hasErrors: boolean) {
  useEffect(() => {
    const plain = document.title.replace(/^Error: /, "");
    const wanted = hasErrors ? `Error: ${plain}` : plain;
    if (document.title !== wanted) document.title = wanted;
  });
}
