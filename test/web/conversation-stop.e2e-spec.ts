import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/auth';
import { expectNoAxeViolations, PHONE, signInWithPassword, webSuite } from '../support/browser';
import { openHackathonVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/** API 1.2 on the conversation page: « Arrêter », what the next prompt costs, a shorter answer for the next ones. */
describe('web client: stopping an answer, the next prompt’s cost, the answer length', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });
  afterEach(() => {
    stack.llm.setLatency({ latencyMs: 0, chunkDelayMs: 0 });
  });

  const startConversation = async (who: TestUser, h: { id: string; tacheId: string }, body = {}) =>
    (
      await api('post', '/conversations', who)
        .send({ hackathonId: h.id, tacheId: h.tacheId, ...body })
        .expect(201)
    ).body.conversation.id as string;
  const conversationOf = async (id: string, who: TestUser) =>
    (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;

  async function signedIn(who: TestUser, conv: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await open(viewport);
    await signInWithPassword(page, who.email, 'password-123');
    await page.goto(`/etudiant/conversations/${conv}`);
    return page;
  }

  it('« Arrêter » stops the answer from the keyboard: the part written stays, marked and announced, and the next prompt goes at once', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    const conv = await startConversation(student, h, { maxTokens: 2000 });
    const page = await signedIn(student, conv);
    await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();
    await page.evaluate(`(() => {
      const region = document.querySelector('[data-testid="annonce-reponse"]');
      window.__said = [];
      new MutationObserver(() => {
        const text = region.textContent;
        if (text && window.__said[window.__said.length - 1] !== text) window.__said.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    })()`);

    stack.llm.setLatency({ chunkDelayMs: 250 });
    await page.getByLabel('Votre prompt').fill('Une très longue réponse, s’il te plaît [fake-llm:tokens=1500]');
    await page.getByLabel('Votre prompt').press('Control+Enter');
    const stop = page.getByRole('button', { name: 'Arrêter', exact: true });
    await stop.waitFor();
    await page.locator('.message-pending .message-content').waitFor();
    // The hint tied to the prompt box says the answer can be stopped.
    await page.getByText('« Arrêter » l’interrompt : ce qui est écrit est gardé.').waitFor();
    await expectNoAxeViolations(page, 'réponse en cours, bouton Arrêter');

    // From the box, Tab reaches « Arrêter » (« Envoyer » is off), and Entrée stops the answer.
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('prompt');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Arrêter');
    await page.keyboard.press('Enter');

    const stopped = page.locator('.message-assistant', { hasText: '(réponse interrompue)' });
    await stopped.waitFor();
    await stop.waitFor({ state: 'detached' });
    await page.locator('.message-pending').waitFor({ state: 'detached' });
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('prompt');
    const written = (await stopped.locator('.message-content').textContent()) ?? '';
    expect(written).toContain('Réponse simulée par le faux LLM');

    const c = await conversationOf(conv, student);
    const answers = c.messages.filter((m: any) => m.role === 'assistant');
    expect(answers).toHaveLength(1);
    expect(answers[0].interrompu).toBe(true);
    const said = (await page.evaluate('window.__said')) as string[];
    expect(said[0]).toBe('L’IA rédige sa réponse…');
    expect(said.at(-1)).toMatch(/^Réponse interrompue\. Ce qui était écrit : Réponse simulée/);
    await expectNoAxeViolations(page, 'réponse interrompue');

    // The turn is closed: the next prompt is sent at once and answered in full.
    stack.llm.setLatency({ chunkDelayMs: 0 });
    await page.getByLabel('Votre prompt').fill('Et maintenant, en bref ?');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await until(async () => (await page.locator('.message-assistant').count()) === 2, 'la réponse suivante');
    await expect(page.locator('.message-interrupted').count()).resolves.toBe(1);
  });

  it('shows what the next prompt reserves, says before sending when it will not fit, and a shorter answer for the next prompts makes it fit', async () => {
    // 600 tokens: a first send (512 reserved for its answer) fits; the next (history + 512) does not.
    const h = await openHackathonVia(api, stack.admin, { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 600 } });
    const student = await createUser(stack.t, 'student');
    const conv = await startConversation(student, h);
    const page = await signedIn(student, conv, PHONE);
    const cost = page.locator('#prompt-cout');
    const first = (await conversationOf(conv, student)).prochainMessage.tokensReserves as number;
    await until(async () => ((await cost.textContent()) ?? '').includes(`${first} tokens réservés`), 'le coût affiché');

    await page.getByLabel('Votre prompt').fill('Premier prompt.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.locator('.message-assistant').waitFor();
    // Said before any send, from the server's prochainMessage.
    const wayOut = page
      .getByRole('status')
      .filter({ hasText: 'Votre prochain prompt ne tiendra pas dans vos tokens.' });
    await wayOut.waitFor();
    expect((await conversationOf(conv, student)).prochainMessage.possible).toBe(false);
    await expect(cost.count()).resolves.toBe(0);

    await page.locator('details.settings-fold summary').click();
    const short = await page.locator('#longueur-suivante option', { hasText: 'Réponse courte' }).getAttribute('value');
    await page.getByLabel('Longueur des prochaines réponses').selectOption(short ?? '');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('Les prochaines réponses feront au plus 170 tokens.').waitFor();
    await wayOut.waitFor({ state: 'detached' });
    const next = (await conversationOf(conv, student)).prochainMessage;
    expect(next.possible).toBe(true);
    await until(
      async () => ((await cost.textContent()) ?? '').includes(`${next.tokensReserves} tokens réservés`),
      'le nouveau coût',
    );
    await expectNoAxeViolations(page, 'longueur de réponse réduite, téléphone');
    await page.getByLabel('Votre prompt').fill('Deuxième prompt, réponse courte.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await until(async () => (await page.locator('.message-assistant').count()) === 2, 'la deuxième réponse');
  });
});
