import { createUser } from '../support/auth';
import { apiAnswersTo, expectNoAxeViolations, PHONE, signInWithPassword, webSuite } from '../support/browser';
import { openHackathonVia } from '../support/full-stack';
import { until } from '../support/wait';

/** The per-user limit of this file's stack: requests per minute to one route by one signed-in user. */
const PER_USER_LIMIT = 8;

/**
 * docs/api.md: past its per-user limit the API answers `429 RATE_LIMITED` with `Retry-After` (the
 * real throttler, libs/http/rate-limit.ts, counting in the real Redis; here with a low limit). The
 * student's page says, in French, that many requests came at once and when it tries again, and
 * tries again by itself (web/src/api/outage.ts) until it gets its data — no click. A quota `429`
 * (no Retry-After) is never sent again: web/src/api/outage.test.ts.
 */
describe('web client: the per-user rate limit', () => {
  const web = webSuite({ RATE_LIMIT_PER_MINUTE: String(PER_USER_LIMIT) });
  const { open, api } = web;

  it('a student past the limit on reading a conversation: the page says it and when it tries again, then shows the conversation by itself', async () => {
    const stack = web.stack;
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student', { prenom: 'Inès', nom: 'Pressée' });
    const id = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    const { page } = await open(PHONE);
    await signInWithPassword(page, student.email, 'password-123');

    // The student reads that conversation too fast (another tab, fast clicks): the real limiter blocks the route for them.
    let refused: { status: number; headers: Record<string, string>; body: { code?: string } } | undefined;
    for (let i = 0; i <= PER_USER_LIMIT && !refused; i++) {
      const res = await api('get', `/conversations/${id}`, student);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.body.code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);

    const reads = apiAnswersTo(page, 'GET', `/conversations/${id}`);
    await page.goto(`/etudiant/conversations/${id}`);
    const shown = page.getByRole('status').filter({ hasText: 'Beaucoup de demandes en même temps' });
    await shown.waitFor({ timeout: 30_000 });
    await expect(shown.textContent()).resolves.toMatch(
      /^Beaucoup de demandes en même temps : le serveur demande à cette page de patienter un peu\.Nouvel essai automatique dans \d+ secondes? \(à \d\d:\d\d:\d\d\), essai 1 sur 3\.$/,
    );
    await expect(page.getByText('Le service est momentanément indisponible').count()).resolves.toBe(0);
    await until(async () => reads.length > 0, 'la réponse à la première lecture');
    expect(reads[0]).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(reads[0].retryAfter)).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'trop de demandes, nouvel essai automatique, téléphone');

    // No reload, no click: once the limiter lets the student through again, the page has its data.
    await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor({ timeout: 100_000 });
    await shown.waitFor({ state: 'detached' });
    await until(async () => reads.some((r) => r.status === 200), 'la lecture de la conversation réussie');
    // Each read was sent at most three more times. The page reads the conversation twice (on
    // opening, and when its stream connects, which may come after the first read's answer and meet
    // the limiter in turn): once every read has its answer, there are at most three 429s per 200.
    await until(
      async () => reads.filter((r) => r.status === 429).length <= 3 * reads.filter((r) => r.status === 200).length,
      'chaque lecture refusée au plus trois fois, puis servie',
      70_000,
    );
    expect(reads.every((r) => r.status === 200 || (r.status === 429 && r.code === 'RATE_LIMITED'))).toBe(true);
    await expect(page.getByLabel('Votre prompt').isEditable()).resolves.toBe(true);
  }, 240_000);
});
