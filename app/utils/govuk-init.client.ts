// GOV.UK Frontend's JavaScript enhances components marked with data-module.
// Run after each navigation, scoped to what is not yet initialised.
export async function initGovukFrontend(scope: Element = document.body) {
  const { initAll } = await import("govuk-frontend");
  initAll({ scope });
}
