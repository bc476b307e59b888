import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
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

/** A screenshot into docs/screenshots/<name>.png (the README shows them): the full page, or what the screen shows (`fullPage: false`). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // At the bottom of the page, a sticky element (the prompt box) sits where it belongs in a full-page picture.
  if (options.fullPage ?? true) await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  await page.screenshot({
    path: resolve(SCREENSHOTS, `${name}.png`),
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
  });
}

/** What axe-core checks: WCAG 2.0 and 2.1, levels A and AA (what RGAA asks of French schools), and its best practices (landmarks, heading order). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
let axeSource: string | undefined;

/**
 * Runs axe-core in the page as it is now and fails listing every violation (rule, impact, the
 * elements and what is wrong). axe comes from node_modules and is evaluated through the
 * DevTools protocol (not a <script> the page's CSP would refuse): nothing is fetched from
 * outside. `label` names the page and state in the failure: « conversation, téléphone ».
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${axeSource}\n;true`);
  // A string, run in the page: the test project's types know no DOM.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary),
    }));
  })()`)) as { rule: string; impact: string; help: string; nodes: string[] }[];
  if (violations.length === 0) return;
  const report = violations
    .map(
      (v) =>
        `- ${v.rule} (${v.impact}) : ${v.help}\n${v.nodes.map((n) => `    · ${n.replace(/\s+/g, ' ')}`).join('\n')}`,
    )
    .join('\n');
  throw new Error(`axe-core, ${label} (${page.url()}) : ${violations.length} violation(s)\n${report}`);
}

/** The sizes every page is checked at: a laptop and a phone (iPhone 12 to 15). */
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

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

/** One answer of the API to the page, as apiAnswersTo records it. */
export interface ApiAnswer {
  status: number;
  retryAfter: string | null;
  code?: string;
  /** The request's Idempotency-Key, if it carried one. */
  key: string | null;
}

/** The API's answers to the page's `method` requests to `path` (under /api/v1), as they come. */
export function apiAnswersTo(page: Page, method: string, path: string): ApiAnswer[] {
  const seen: ApiAnswer[] = [];
  page.on('response', (r: Response) => {
    if (r.request().method() !== method || new URL(r.url()).pathname !== `/api/v1${path}`) return;
    void r.allHeaders().then(async (headers) => {
      const code = r.status() >= 400 ? ((await r.json().catch(() => ({}))) as { code?: string }).code : undefined;
      seen.push({
        status: r.status(),
        retryAfter: headers['retry-after'] ?? null,
        code,
        key: (await r.request().headerValue('idempotency-key')) ?? null,
      });
    });
  });
  return seen;
}
