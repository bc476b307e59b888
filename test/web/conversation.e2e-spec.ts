import type { Locator, Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/auth';
import { expectNoAxeViolations, PHONE, screenshot, signInWithPassword, webSuite } from '../support/browser';
import { openHackathonVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/** The conversation page under use (issue 22): order under load, Markdown, waiting, phone, quota's way out. */
describe('web client: a conversation people can use', () => {
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

  /** What the page shows, turn by turn: U for a prompt, A for a stored answer. */
  const order = (page: Page) =>
    page.$$eval('.messages > li', (items) =>
      items
        .map((li) =>
          li.classList.contains('message-user') ? 'U' : li.classList.contains('message-assistant') ? 'A' : '?',
        )
        .join(''),
    );

  /** Sends from the page and waits for its answer to be stored and shown. */
  async function sendAndWait(page: Page, prompt: string, answersBefore: number) {
    await page.getByLabel('Votre prompt').fill(prompt);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await until(
      async () => (await page.locator('.message-assistant').count()) === answersBefore + 1,
      `la réponse ${answersBefore + 1}`,
    );
    await page.locator('.message-pending').waitFor({ state: 'detached' });
  }

  /** Whether an element lies wholly within the screen (the viewport). */
  const onScreen = async (page: Page, l: Locator) => {
    const box = await l.boundingBox();
    const size = page.viewportSize();
    return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0;
  };

  it('6 students at once each see every prompt before its answer, turn after turn, and after a reload', async () => {
    const h = await openHackathonVia(api, stack.admin, {
      quotas: { promptsParEtudiant: 20, tokensParEtudiant: 200000 },
    });
    const students = await Promise.all(Array.from({ length: 6 }, () => createUser(stack.t, 'student')));
    // Six people sign in one after another (six page loads at once outlast a loaded machine's timeouts)…
    const pages: Page[] = [];
    for (const s of students) {
      const conv = await startConversation(s, h);
      const { page } = await open();
      await signInWithPassword(page, s.email, 'password-123');
      await page.goto(`/etudiant/conversations/${conv}`);
      await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();
      pages.push(page);
    }
    // …then write at the same time.
    // The fake LLM answers at once: the answer races the send's 202 on a loaded machine.
    await Promise.all(
      pages.map(async (page, i) => {
        for (let turn = 0; turn < 3; turn++) {
          await sendAndWait(page, `Élève ${i + 1}, question ${turn + 1}`, turn);
          await expect(order(page)).resolves.toBe('UA'.repeat(turn + 1));
        }
      }),
    );
    for (const [i, page] of pages.entries()) {
      const prompts = await page.locator('.message-user .message-content').allTextContents();
      expect(prompts).toEqual([1, 2, 3].map((n) => `Élève ${i + 1}, question ${n}`));
      // Each answer quotes its own prompt, right after it.
      const answers = await page.locator('.message-assistant .message-content').allTextContents();
      answers.forEach((a, n) => expect(a).toContain(`Élève ${i + 1}, question ${n + 1}`));
      await page.reload();
      await page.locator('.message-assistant').nth(2).waitFor();
      await expect(order(page)).resolves.toBe('UAUAUA');
    }
  });

  it('shows the IA writing, keeps Envoyer off and the focus in the box, announces the answer once when complete, renders it as safe Markdown, copies it and takes a prompt back', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    const conv = await startConversation(student, h);
    const { page, context } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/conversations/${conv}`);
    await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();
    // Every text the live region takes, in order: what a screen reader would say.
    await page.evaluate(`(() => {
      const region = document.querySelector('[data-testid="annonce-reponse"]');
      window.__said = [];
      new MutationObserver(() => {
        const text = region.textContent;
        if (text && window.__said[window.__said.length - 1] !== text) window.__said.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    })()`);

    stack.llm.setLatency({ latencyMs: 1500, chunkDelayMs: 300 });
    // The fake LLM quotes the prompt: its answer holds bold, code, a safe link and a javascript: one.
    // (The fake LLM quotes 80 characters of it at most.)
    const prompt = 'Un **mot**, `code`, [doc](https://ex.org/d) et [piège](javascript:alert(1)).';
    await page.getByLabel('Votre prompt').fill(prompt);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const pending = page.locator('.message-pending');
    await pending.getByText('L’IA rédige sa réponse…').waitFor();
    await expect(page.getByRole('button', { name: 'Envoyer', exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('prompt');
    // The prompt is on the page, above the awaited answer.
    await expect(page.locator('.message-user .message-content').textContent()).resolves.toBe(prompt);
    await pending.locator('.message-content').filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
    // Streaming: the words grow in the bubble, the live region still says only that the IA writes.
    await expect(page.getByTestId('annonce-reponse').textContent()).resolves.toBe('L’IA rédige sa réponse…');
    await expect(pending.locator('xpath=ancestor-or-self::*[@aria-live]').count()).resolves.toBe(0);

    const answer = page.locator('.message-assistant');
    await answer.waitFor({ timeout: 120_000 });
    await pending.waitFor({ state: 'detached' });
    const c = (await api('get', `/conversations/${conv}`, student).expect(200)).body.conversation;
    const stored = c.messages.find((m: { role: string }) => m.role === 'assistant').content as string;
    await until(
      async () => ((await page.evaluate<string[]>('window.__said')) ?? []).length === 2,
      'l’annonce de la réponse',
    );
    const said = await page.evaluate<string[]>('window.__said');
    expect(said[0]).toBe('L’IA rédige sa réponse…');
    expect(said[1]).toMatch(/^Réponse de l’IA : Réponse simulée par le faux LLM/);
    expect(said[1]).toContain('Un mot, code, doc');

    // Markdown, made safe.
    await expect(answer.locator('strong').textContent()).resolves.toBe('mot');
    await expect(answer.locator('code').textContent()).resolves.toBe('code');
    const doc = answer.getByRole('link', { name: /^doc/ });
    await expect(doc.getAttribute('href')).resolves.toBe('https://ex.org/d');
    await expect(doc.getAttribute('target')).resolves.toBe('_blank');
    await expect(doc.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await expect(answer.getByRole('link', { name: /piège/ }).count()).resolves.toBe(0);
    await expect(answer.locator('[href^="javascript"]').count()).resolves.toBe(0);
    await screenshot(page, 'etudiant-reponse-markdown');

    // Copy the answer: the clipboard holds its Markdown as written.
    await answer.getByRole('button', { name: 'Copier la réponse 1' }).click();
    await answer.getByText('Copié ✓').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(stored);

    // « Reprendre ce prompt »: the earlier prompt back in the box, the focus on it.
    await page.getByLabel('Votre prompt').fill('');
    await page
      .locator('.message-user')
      .getByRole('button', { name: /^Reprendre ce prompt/ })
      .click();
    await expect(page.getByLabel('Votre prompt').inputValue()).resolves.toBe(prompt);
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('prompt');
  });

  it('on a phone (390×844): title, settings and quota fit the first screen, the prompt box stays at the bottom and in sight after each send', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    const { page } = await open(PHONE);
    await signInWithPassword(page, student.email, 'password-123');

    // The hackathon page: the settings folded in one line, the first task's button on the first screen.
    await page.goto(`/etudiant/hackathons/${h.id}`);
    const start = page.getByRole('button', { name: 'Commencer une conversation (tâche 1)' });
    await start.waitFor();
    await screenshot(page, 'etudiant-hackathon-telephone', { fullPage: false });
    await expect(page.locator('details.settings-fold').getAttribute('open')).resolves.toBeNull();
    await expect(onScreen(page, start)).resolves.toBe(true);
    await start.click();
    await page.waitForURL(/\/etudiant\/conversations\//);

    const box = page.getByLabel('Votre prompt');
    const send = page.getByRole('button', { name: 'Envoyer', exact: true });
    await box.waitFor();
    await expect(page.locator('details.settings-fold').getAttribute('open')).resolves.toBeNull();
    await expect(onScreen(page, box)).resolves.toBe(true);
    await expect(onScreen(page, send)).resolves.toBe(true);
    // Long answers: the conversation soon outgrows the screen.
    for (let turn = 0; turn < 3; turn++) {
      await sendAndWait(page, `Question ${turn + 1} [fake-llm:tokens=250]`, turn);
      await until(async () => (await onScreen(page, box)) && (await onScreen(page, send)), 'la zone de saisie visible');
      // The end of the newest answer is in sight too, just above the prompt box.
      const last = await page.locator('.message-assistant').nth(turn).boundingBox();
      const dockTop = (await page.locator('.composer-dock').boundingBox())?.y ?? 0;
      expect(last).not.toBeNull();
      expect(last!.y + last!.height).toBeGreaterThan(0);
      expect(last!.y + last!.height).toBeLessThanOrEqual(dockTop);
    }
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeGreaterThan(PHONE.height * 2);
    await expect(
      page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).resolves.toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'longue conversation, téléphone');
    // What the phone shows: the newest answer above the prompt box.
    await screenshot(page, 'etudiant-conversation-telephone', { fullPage: false });
  });

  it('shows the task’s instructions as the teacher wrote them (Markdown), open before the first prompt and folded after', async () => {
    const consigne =
      '# Résumer un article\n\nÉcrivez un prompt qui :\n\n- résume en **trois phrases** ;\n- garde les chiffres.';
    const h = await openHackathonVia(api, stack.admin, { taches: [{ titre: 'Résumé', consigne }] });
    const student = await createUser(stack.t, 'student');
    const { page } = await open(PHONE);
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/hackathons/${h.id}`);
    const onList = page.locator('details.consigne');
    await expect(onList.getAttribute('open')).resolves.toBe('');
    await expect(onList.getByRole('heading', { name: 'Résumer un article' }).count()).resolves.toBe(1);
    await expect(onList.locator('li').allInnerTexts()).resolves.toEqual([
      'résume en trois phrases ;',
      'garde les chiffres.',
    ]);
    await expect(onList.locator('strong').innerText()).resolves.toBe('trois phrases');
    await expectNoAxeViolations(page, 'consigne de la tâche, téléphone');
    await screenshot(page, 'etudiant-consigne-telephone', { fullPage: false });
    await page.getByRole('button', { name: 'Commencer une conversation' }).click();
    await page.waitForURL(/\/etudiant\/conversations\//);

    // The URL changes before the conversation page replaces the task list: wait for its prompt box.
    await page.getByLabel('Votre prompt').waitFor();
    const inConversation = page.locator('details.consigne');
    await inConversation.locator('li').first().waitFor();
    await expect(inConversation.getAttribute('open')).resolves.toBe('');
    await expect(inConversation.locator('li').count()).resolves.toBe(2);
    await sendAndWait(page, 'Résume cet article.', 0);
    // Once the conversation runs, a reload shows it folded: the messages and the prompt box keep the screen.
    await page.reload();
    await page.locator('.message-assistant').waitFor();
    await expect(page.locator('details.consigne').getAttribute('open')).resolves.toBeNull();
    await page.locator('details.consigne > summary').click();
    await expect(page.locator('details.consigne li').first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'conversation avec consigne, téléphone');
  });

  it('says when the next prompt cannot fit the tokens left, why, and offers a new conversation with a short answer that takes the prompt along', async () => {
    // 600 tokens: a first send (its answer's 512 tokens reserved) fits, the second (history + 512) does not.
    const h = await openHackathonVia(api, stack.admin, { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 600 } });
    const student = await createUser(stack.t, 'student');
    const conv = await startConversation(student, h);
    const { page } = await open();
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/conversations/${conv}`);
    await sendAndWait(page, 'Premier prompt.', 0);
    await page.getByLabel('Votre prompt').fill('Un second prompt qui ne tiendra pas.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    // Said once, as an alert, with the way out the page offers.
    const wayOut = page
      .getByRole('alert')
      .filter({ hasText: 'Ce prompt ne tient pas dans les tokens qui vous restent.' });
    await wayOut.waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(1);
    await expect(wayOut.textContent()).resolves.toContain('plus tout l’historique de la conversation');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('réduisez la longueur maximale');
    await expectNoAxeViolations(page, 'prompt refusé, issue proposée');
    await screenshot(page, 'etudiant-quota-tokens');

    await wayOut.getByRole('button', { name: 'Nouvelle conversation, réponse courte' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/etudiant/conversations/') && !url.pathname.endsWith(conv));
    await expect(page.getByLabel('Votre prompt').inputValue()).resolves.toBe('Un second prompt qui ne tiendra pas.');
    await expect(page.locator('details.settings-fold summary').textContent()).resolves.toContain('Réponse courte');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.locator('.message-assistant').waitFor({ timeout: 120_000 });
    const next = new URL(page.url()).pathname.split('/').pop();
    const c = (await api('get', `/conversations/${next}`, student).expect(200)).body.conversation;
    expect(c.maxTokens).toBe(170);
    expect(c.messages[0].content).toBe('Un second prompt qui ne tiendra pas.');

    // Back in the first conversation: fewer tokens left than its answer length, said before any send.
    await page.goto(`/etudiant/conversations/${conv}`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Votre prochain prompt ne tiendra pas dans vos tokens.' })
      .waitFor();
  });
});
