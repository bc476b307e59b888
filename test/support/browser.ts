import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CapturedMail } from './smtp-capture';

/**
 * The web client's tests (test/web/): Debian's Chromium driven by playwright-core against the
 * app the test started, which serves web/dist at `/` (src/bootstrap.ts). No browser download:
 * `.ci/run` installs the `chromium` package when it is missing.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export interface WebPage {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried to send anywhere but the app (the client must fetch nothing outside). */
  foreignRequests: string[];
  /** Errors the page threw or logged (console.error, uncaught). */
  pageErrors: string[];
}

/** A fresh browser context (its own localStorage: one person) on the app at `baseUrl`. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<WebPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  const origin = new URL(baseUrl).origin;
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    // A refused request (4xx the page handles) is logged by Chromium itself: not a page error.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) pageErrors.push(msg.text());
  });
  return { page, context, foreignRequests, pageErrors };
}

/** A full-page screenshot into docs/screenshots/<name>.png (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** The path and query of the link to `pagePath` in a mail (`/invitation?token=...`), to open on the test's app. */
export function linkIn(mail: CapturedMail, pagePath: string): string {
  const m = new RegExp(`https?://[^\\s]+${pagePath.replace(/\//g, '\\/')}\\?token=[^\\s>)]+`).exec(mail.text);
  if (!m) throw new Error(`pas de lien ${pagePath} dans le mail « ${mail.subject} »`);
  const url = new URL(m[0]);
  return `${url.pathname}${url.search}`;
}

/** Signs in through the sign-in page with a password and waits for the person's home page. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/connexion');
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Avec un mot de passe' }) });
  await form.getByLabel('Adresse e-mail').fill(email);
  await form.getByLabel('Mot de passe').fill(password);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}
