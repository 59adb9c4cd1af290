/** What the browser tests do on the recordings page again and again, each with its deadline. */
import type { Page } from 'puppeteer-core';

/** Fills the sign-in form with `password` and sends it. */
export async function signIn(page: Page, password: string, timeoutMs: number): Promise<void> {
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: timeoutMs });
  await page.locator('#password').setTimeout(timeoutMs).fill(password);
  await page.click('#sign-in-submit');
}

/** Waits until the element `selector` names holds `text`. */
export function waitForText(
  page: Page,
  selector: string,
  text: string,
  timeoutMs: number,
): Promise<unknown> {
  return page.waitForFunction(
    (s: string, t: string) => document.querySelector(s)?.textContent?.includes(t) === true,
    { timeout: timeoutMs },
    selector,
    text,
  );
}

/** Whether the dashboard (the calls and their controls) is hidden. */
export function dashboardHidden(page: Page): Promise<boolean> {
  return page.$eval('#dashboard', (element) => (element as HTMLElement).hidden);
}
