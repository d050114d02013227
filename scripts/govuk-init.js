// GOV.UK Frontend on a page sent without React (a route with `handle = { hydrate: false }`, see app/root.tsx):
// the same set-up as app/components/govuk/init.client.ts, served as /assets/govuk-init.js.
import { createAll, ExitThisPage, initAll } from "/assets/govuk-frontend.min.js";

const onError = (error) => {
  if (error?.name !== "InitError") console.error(error);
};

// Exit this page leaves with location.replace, so Back does not show the page again (as init.client.ts does).
class ReplacingExitThisPage extends ExitThisPage {
  exitPage() {
    const button = this.$root.querySelector(".govuk-exit-this-page__button");
    document.body.classList.add("govuk-exit-this-page-hide-content");
    const overlay = document.createElement("div");
    overlay.className = "govuk-exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    window.location.replace(button?.href ?? "about:blank");
  }
}
createAll(ReplacingExitThisPage, undefined, { onError });
initAll({ onError });
