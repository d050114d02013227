declare module "govuk-frontend" {
  export function initAll(config?: { scope?: Element; onError?: (error: Error, context: unknown) => void }): void;
}
