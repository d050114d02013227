// GOV.UK Frontend's JavaScript enhances components marked with data-module.
// Run after each navigation: components already enhanced answer with an InitError, which is expected here.
export async function initGovukFrontend(scope: Element = document.body) {
  // Only the components this app's pages use (initAll would bring every one, accordion to tabs, to every page).
  const { Button, Checkboxes, createAll, ErrorSummary, ExitThisPage, NotificationBanner, Radios, ServiceNavigation, SkipLink } =
    await import("./frontend-components.client");
  const onError = (error: Error) => {
    if (error?.name !== "InitError") console.error(error);
  };

  /**
   * Exit this page, leaving with `location.replace`: GOV.UK Frontend's own sets `location.href`, which
   * keeps this page in the history, so Back (or whoever picks up the device next) would show it again.
   * Created instead of GOV.UK Frontend's own.
   * Used by the button and by Shift pressed three times alike (both call exitPage).
   */
  class ReplacingExitThisPage extends ExitThisPage {
    exitPage() {
      const button = this.$root.querySelector<HTMLAnchorElement>(".govuk-exit-this-page__button");
      document.body.classList.add("govuk-exit-this-page-hide-content");
      const overlay = document.createElement("div");
      overlay.className = "govuk-exit-this-page-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = "Loading.";
      document.body.appendChild(overlay);
      window.location.replace(button?.href ?? "about:blank");
    }
  }
  createAll(ReplacingExitThisPage, undefined, { scope, onError });
  // The error summary takes focus when it is shown (app/components/govuk/ErrorSummary.tsx). GOV.UK Frontend's would
  // take it again whenever this runs after the summary appeared: when a page's data arrives a moment after a
  // submission's errors, focus jumped from the box the person had just ticked back to the summary.
  createAll(ErrorSummary, { disableAutoFocus: true }, { scope, onError });
  for (const Component of [Button, Checkboxes, NotificationBanner, Radios, ServiceNavigation, SkipLink])
    createAll(Component, undefined, { scope, onError });
}
