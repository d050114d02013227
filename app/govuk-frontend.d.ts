declare module "govuk-frontend" {
  export function initAll(config?: { scope?: Element; onError?: (error: Error, context: unknown) => void }): void;
  export function createAll(
    component: { moduleName: string; new (root: Element): unknown },
    config?: undefined,
    options?: { scope?: Element; onError?: (error: Error, context: unknown) => void },
  ): unknown[];
  export class ExitThisPage {
    static moduleName: string;
    constructor(root: Element);
    get $root(): HTMLElement;
    exitPage(): void;
  }
}
