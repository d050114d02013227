// Counting the effort of a form, as issue 14 asks: the Tab stops between two fields, and the steps (each
// click, choice, keystroke sequence typed into one field) a scripted journey takes. Figures, not timings.
import type { Locator, Page } from "playwright-core";

/**
 * Tab stops from the element `from` to the first element matching `to`: focus `from`, press Tab until
 * `to` has focus. Each press is one stop, as a keyboard user feels it. Fails past `max` (a trap or a miss).
 */
export async function countTabStops(page: Page, from: string, to: string, max = 400): Promise<number> {
  await page.locator(from).focus();
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, to)) return n;
  }
  throw new Error(`no ${to} within ${max} Tab stops of ${from}`);
}

/** A person's steps through a form: each method is one thing a person does, and is counted. */
export class Steps {
  count = 0;
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}

  private note(what: string) {
    this.count++;
    this.log.push(what);
  }
  async fill(locator: Locator, value: string, what = value) {
    await locator.fill(value);
    this.note(`type ${what}`);
  }
  async click(locator: Locator, what: string) {
    await locator.click();
    this.note(`click ${what}`);
  }
  async check(locator: Locator, what: string) {
    await locator.check();
    this.note(`choose ${what}`);
  }
  async select(locator: Locator, label: string | RegExp) {
    const value = await locator.evaluate(
      (el, wanted) => {
        const option = [...(el as HTMLSelectElement).options].find((o) =>
          typeof wanted === "string" ? o.text === wanted : new RegExp(wanted.source, wanted.flags).test(o.text),
        );
        return option?.value ?? "";
      },
      typeof label === "string" ? label : { source: label.source, flags: label.flags },
    );
    if (!value) throw new Error(`no option ${String(label)}`);
    await locator.selectOption(value);
    this.note(`select ${String(label)}`);
  }
  /** The GOV.UK type-ahead: type part of the name (one step), pick the suggestion (one step). */
  async pick(input: Locator, typed: string, option: RegExp) {
    await this.fill(input, typed);
    await this.click(this.page.getByRole("option", { name: option }), `suggestion ${option.source}`);
  }
  /** A row to type in: nothing to do if the form shows it already, else its "Add" button (or folded rows) is one step. */
  async row(id: string, add: RegExp, folded: string) {
    if (await this.page.locator(`#${id}`).isVisible()) return;
    const summary = this.page.locator("summary", { hasText: folded });
    if (await summary.count()) await this.click(summary, folded);
    else await this.click(this.page.getByRole("button", { name: add }), add.source);
    await this.page.locator(`#${id}`).waitFor();
  }
}
