// GOV.UK Frontend's JavaScript enhances components marked with data-module.
// Run after each navigation: components already enhanced answer with an InitError, which is expected here.
export async function initGovukFrontend(scope: Element = document.body) {
  const { initAll } = await import("govuk-frontend");
  initAll({
    scope,
    onError: (error: Error) => {
      if (error?.name !== "InitError") console.error(error);
    },
  });
}
