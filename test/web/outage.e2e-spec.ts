import type { Page } from 'playwright-core';
import { createUser } from '../support/auth';
import {
  apiAnswersTo,
  DESKTOP,
  expectNoAxeViolations,
  PHONE,
  screenshot,
  signInWithPassword,
  webSuite,
} from '../support/browser';
import { answeredConversationVia, openHackathonVia, type FullStack } from '../support/full-stack';
import { startTcpProxy } from '../support/tcp-proxy';
import { until } from '../support/wait';

type Proxy = Awaited<ReturnType<typeof startTcpProxy>>;

/**
 * docs/api.md « Outages »: while the database or Redis is away, the API answers `503` with
 * `Retry-After: 5`. The student's page says, in French, that the service is away a moment and
 * when it tries again, and tries again by itself (web/src/api/outage.ts): a read, and a prompt
 * sent with its Idempotency-Key — once recorded, whatever the tries. The outage is real: the app
 * reaches FerretDB and Redis through TCP proxies this file cuts (test/support/tcp-proxy.ts).
 */
describe('web client: a short outage of the service', () => {
  let engine: Proxy;
  let redis: Proxy;
  // Filled before the suite's stack starts (this beforeAll runs first): the app goes through the proxies.
  const env: Record<string, string> = {
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
    MONGODB_SOCKET_TIMEOUT_MS: '4000',
    REDIS_COMMAND_TIMEOUT_MS: '1000',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  beforeAll(async () => {
    const e = /^mongodb:\/\/([^/:]+):(\d+)/.exec(process.env.TEST_MONGODB_URI!)!;
    engine = await startTcpProxy({ host: e[1], port: Number(e[2]) });
    env.MONGODB_URI = process.env.TEST_MONGODB_URI!.replace(/^(mongodb:\/\/)[^/]+/, `$1127.0.0.1:${engine.port}`);
    const r = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    redis = await startTcpProxy({ host: r.hostname, port: Number(r.port || 6379) });
    env.REDIS_URL = redis.url('redis');
  });
  afterAll(async () => {
    await engine?.close();
    await redis?.close();
  });

  describe('the student’s pages', () => {
    const web = webSuite(env);
    const { open, api } = web;
    let stack: FullStack;
    beforeAll(() => {
      stack = web.stack;
    });
    afterEach(() => {
      engine.restore();
      redis.restore();
    });

    const notice = (page: Page) =>
      page.getByRole('status').filter({ hasText: 'Le service est momentanément indisponible' });

    it('the database away while the conversation opens: the page says it and when it tries again, then shows the conversation by itself', async () => {
      const h = await openHackathonVia(api, stack.admin);
      const student = await createUser(stack.t, 'student', { prenom: 'Lina', nom: 'Panne' });
      const conv = await answeredConversationVia(api, student, h);
      const { page } = await open(PHONE);
      await signInWithPassword(page, student.email, 'password-123');
      await page.goto(`/etudiant/hackathons/${h.id}`);
      await page.getByRole('heading', { name: h.nom, level: 1 }).waitFor();
      const reads = apiAnswersTo(page, 'GET', `/conversations/${conv.id}`);

      engine.cut();
      await page.getByRole('link', { name: /^Reprendre la conversation du/ }).click();
      const shown = notice(page);
      await shown.waitFor({ timeout: 30_000 });
      await expect(shown.textContent()).resolves.toMatch(
        /Le service est momentanément indisponible \(un incident passager de notre côté, pas de votre connexion\)\.Nouvel essai automatique dans \d+ secondes? \(à \d\d:\d\d:\d\d\), essai 1 sur 3\./,
      );
      await until(async () => reads.length > 0, 'la réponse à la première lecture');
      expect(reads[0]).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '5' });
      await expectNoAxeViolations(page, 'service momentanément indisponible, téléphone');
      await screenshot(page, 'etudiant-service-indisponible-telephone', { fullPage: false });
      await page.setViewportSize(DESKTOP);
      await expectNoAxeViolations(page, 'service momentanément indisponible, bureau');

      engine.restore();
      // No reload, no click: the next try finds the service back.
      await page.locator('.message-assistant .message-content').first().waitFor({ timeout: 30_000 });
      await shown.waitFor({ state: 'detached' });
      await until(async () => reads.some((r) => r.status === 200), 'la lecture de la conversation réussie');
      expect(reads.filter((r) => r.status === 503).length).toBeLessThanOrEqual(3);
      await expect(page.getByLabel('Votre prompt').isEditable()).resolves.toBe(true);
    }, 120_000);

    it('Redis away when a prompt is sent: the page says it is not lost, sends it again with the same Idempotency-Key once Redis is back, and it is recorded once', async () => {
      const h = await openHackathonVia(api, stack.admin);
      const student = await createUser(stack.t, 'student', { prenom: 'Hugo', nom: 'Coupure' });
      const id = (
        await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
      ).body.conversation.id as string;
      const { page } = await open(PHONE);
      await signInWithPassword(page, student.email, 'password-123');
      await page.goto(`/etudiant/conversations/${id}`);
      await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();
      const sends = apiAnswersTo(page, 'POST', `/conversations/${id}/messages`);
      const prompt = 'Explique la photosynthèse en deux phrases.';
      await page.getByLabel('Votre prompt').fill(prompt);
      // Sending waits for the answer stream to listen (ConversationView.tsx): it does before the cut.
      await until(
        () => page.getByRole('button', { name: 'Envoyer', exact: true }).isEnabled(),
        '« Envoyer » disponible (le flux des réponses ouvert)',
      );

      redis.cut();
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      const kept = notice(page).filter({
        hasText: 'Ce que vous avez envoyé n’est pas perdu : il repartira tout seul, sans être compté deux fois.',
      });
      await kept.waitFor({ timeout: 30_000 }).catch((err: Error) => {
        throw new Error(`${err.message}\nréponses aux envois : ${JSON.stringify(sends)}`);
      });
      await until(async () => sends.length > 0, 'la réponse au premier envoi');
      expect(sends[0]).toMatchObject({ status: 503, retryAfter: '5' });
      expect(sends[0].key).toMatch(/^[0-9a-f-]{36}$/);
      await expectNoAxeViolations(page, 'envoi en attente du service, téléphone');

      redis.restore();
      const answer = page.locator('.message-assistant:not(.streaming) .message-content');
      await answer.waitFor({ timeout: 60_000 });
      await expect(answer.textContent()).resolves.toContain('Réponse simulée par le faux LLM');
      await notice(page).waitFor({ state: 'detached' });
      // Every try carried the same key; the last one was taken.
      await until(async () => sends.some((s) => s.status === 202), 'l’envoi accepté');
      expect(new Set(sends.map((s) => s.key))).toEqual(new Set([sends[0].key]));
      expect(sends.at(-1)?.status).toBe(202);
      expect(sends.length).toBeLessThanOrEqual(4);
      const stored = (await api('get', `/conversations/${id}`, student).expect(200)).body.conversation.messages as {
        role: string;
        content: string;
      }[];
      expect(stored.filter((m) => m.role === 'student').map((m) => m.content)).toEqual([prompt]);
      await expect(page.locator('.message-user').count()).resolves.toBe(1);
    }, 120_000);
  });
});
