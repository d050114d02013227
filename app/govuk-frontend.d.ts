declare module "govuk-frontend" {
  export function initAll(config?: { scope?: Element; onError?: (error: Error, context: unknown) => void }): void;
  export function createAll(
    component: { moduleName: string; new (root: Element): unknown },
    config?: Record<string, unknown>,
    options?: { scope?: Element; onError?: (error: Error, context: unknown) => void },
  ): unknown[];
  export class ExitThisPage {
    static moduleName: string;
    constructor(root: Element);
    get $root(): HTMLElement;
    exitPage(): void;
  }
  type Component = { moduleName: string; new (root: Element): unknown };
  export const Button: Component;
  export const Checkboxes: Component;
  export const ErrorSummary: Component;
  export const NotificationBanner: Component;
  export const Radios: Component;
  export const ServiceNavigation: Component;
  export const SkipLink: Component;
}
