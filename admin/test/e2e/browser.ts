import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { adminDir } from '../../scripts/admin-build.ts';

export const screenshotDir = path.join(adminDir, 'test-results', 'screenshots');

/** Debian's chromium, headless; `.ci/run` installs it when it is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, each with the page it happened on. */
  errors: string[];
}

export async function openConsole(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

export async function signIn(page: Page, adminUrl: string, email: string, password: string) {
  await page.goto(`${adminUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Visible form controls with no label: every one must have one. */
export function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((field) => (field as HTMLInputElement).type !== 'hidden')
      .filter((field) => {
        const control = field as HTMLInputElement;
        return !control.labels?.length && !control.getAttribute('aria-label');
      })
      .map((field) => field.outerHTML.slice(0, 120)),
  );
}

/** The text of the first alert that contains `containing`, once one shows. */
export async function alertText(page: Page, containing: string): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: containing });
  await alert.first().waitFor();
  return (await alert.first().textContent()) ?? '';
}
