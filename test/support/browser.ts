import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestUser } from './auth';
import { startFullStack, type FullStack } from './full-stack';
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

export interface WebSuite {
  /** The app, fake LLM, SMTP capture and admin of this file (set once beforeAll ran). */
  readonly stack: FullStack;
  /** A fresh browser context on the app (or on `baseUrl`, e.g. a proxy the test can cut). */
  open(viewport?: { width: number; height: number }, baseUrl?: string): Promise<WebPage>;
  /** A request through the contract-checked agent, as `who`: for arranging what no page of the test creates. */
  api(method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser | { bearer: string }): any;
}

/**
 * One browser spec's frame: the full stack and Chromium for the file, and after each test the
 * check every page must pass: it fetched nothing outside the app and threw no error.
 */
export function webSuite(env: Record<string, string> = {}): WebSuite {
  let stack: FullStack | undefined;
  let browser: Browser | undefined;
  const opened: WebPage[] = [];
  beforeAll(async () => {
    stack = await startFullStack(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => {
    for (const w of opened.splice(0)) {
      expect(w.foreignRequests).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    }
  });
  const started = () => {
    if (!stack || !browser) throw new Error('webSuite : la pile n’est pas encore démarrée (beforeAll)');
    return { stack, browser };
  };
  return {
    get stack() {
      return started().stack;
    },
    async open(viewport, baseUrl) {
      const { stack: s, browser: b } = started();
      const w = await openPage(b, baseUrl ?? s.t.url, { viewport });
      opened.push(w);
      return w;
    },
    api: (method, path, who) =>
      (started().stack.t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer),
  };
}
