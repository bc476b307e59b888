import { createUser, type TestUser } from '../support/auth';
import { DESKTOP, expectNoAxeViolations, PHONE, screenshot, signInWithPassword, webSuite } from '../support/browser';
import { openHackathonVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/**
 * Issue 21 (docs/api.md 1.2 "One final version per task"), the student's page: a second final
 * version for the same task, from another conversation, is refused with the API's French
 * message, and the page leads to the conversation that holds the final version.
 */
describe('web client: one final version per task (issue 21)', () => {
  const web = webSuite({ RATE_LIMIT_PER_MINUTE: '100000' });
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  /** A conversation of `who` on the task, with one answer of the assistant. */
  async function answered(who: TestUser, h: { id: string; tacheId: string }, content: string) {
    const id = (await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id as string;
    await api('post', `/conversations/${id}/messages`, who).send({ content }).expect(202);
    await until(async () => {
      const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
      return c.pendingMessageId === null && c.messages.some((m: { role: string }) => m.role === 'assistant');
    }, 'la réponse');
    return id;
  }

  /** `who` submits conversation `id` as the task's final version, with its first answer. */
  async function submitFinal(who: TestUser, id: string, promptFinal: string) {
    const answer = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation.messages.find(
      (m: { role: string }) => m.role === 'assistant',
    );
    await api('put', `/conversations/${id}/final`, who).send({ promptFinal, messageId: answer.id }).expect(200);
  }

  it('refuses a second final version for the same task, submitted from a tab opened before the first: the French message of 409 TASK_ALREADY_SUBMITTED, no button to try again, a link to the conversation that holds it', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student', { prenom: 'Léa', nom: 'Deuxfois' });
    const first = await answered(student, h, 'Résume cet article en trois points.');
    const second = await answered(student, h, 'Résume cet article en une phrase.');

    // Two tabs of the same student: the second conversation's first, its form still offered.
    const { page: later, context } = await open(DESKTOP);
    await signInWithPassword(later, student.email, 'password-123');
    await later.goto(`/etudiant/conversations/${second}`);
    await later.getByRole('heading', { name: 'Soumettre ma version finale' }).waitFor();

    const earlier = await context.newPage();
    await earlier.goto(`/etudiant/conversations/${first}`);
    await earlier.getByRole('radio', { name: /Réponse 1/ }).check();
    await earlier.getByLabel('Prompt final').fill('Résume cet article en trois points.');
    await earlier.getByRole('button', { name: 'Soumettre la version finale' }).click();
    await earlier.getByRole('heading', { name: 'Version finale soumise' }).waitFor();
    await earlier.close();

    await later.bringToFront();
    await later.getByRole('radio', { name: /Réponse 1/ }).check();
    await later.getByLabel('Prompt final').fill('Résume cet article en une phrase.');
    const [answer] = await Promise.all([
      later.waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().endsWith(`/conversations/${second}/final`),
      ),
      later.getByRole('button', { name: 'Soumettre la version finale' }).click(),
    ]);
    expect(answer.status()).toBe(409);
    expect((await answer.json()).code).toBe('TASK_ALREADY_SUBMITTED');
    const refusal = later.getByRole('alert').filter({ hasText: 'Vous avez déjà soumis une version finale' });
    await refusal.waitFor();
    await expect(refusal.locator('p').first().textContent()).resolves.toBe(
      'Vous avez déjà soumis une version finale pour cette tâche (dans une autre conversation) : une seule par tâche',
    );
    const holder = refusal.getByRole('link');
    await holder.waitFor();
    await expect(holder.textContent()).resolves.toMatch(
      /^Voir la conversation du .+, qui porte votre version finale \(soumise le .+\)$/,
    );
    // Sending again cannot succeed: the page no longer offers it.
    await expect(later.getByRole('button', { name: /^Soumettre/ }).count()).resolves.toBe(0);
    await expectNoAxeViolations(later, 'version finale refusée (déjà soumise pour la tâche), bureau');
    await later.setViewportSize(PHONE);
    await expectNoAxeViolations(later, 'version finale refusée (déjà soumise pour la tâche), téléphone');
    const overflow = await later.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    // Nothing was recorded here; the link opens the conversation that holds the final version.
    expect(
      (await api('get', `/conversations/${second}`, student).expect(200)).body.conversation.versionFinale,
    ).toBeNull();
    await holder.click();
    await later.waitForURL((url) => url.pathname === `/etudiant/conversations/${first}`);
    const shown = later.locator('section', { has: later.getByRole('heading', { name: 'Version finale soumise' }) });
    await shown.waitFor();
    await expect(shown.textContent()).resolves.toContain('Résume cet article en trois points.');
  });

  it('knows it before anything is sent: in another conversation of a task already submitted, no form but why (one per task, no replacing) and a link to the final version, followed by keyboard', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student', { prenom: 'Noé', nom: 'Avant' });
    const first = await answered(student, h, 'Résume cet article en trois points.');
    await submitFinal(student, first, 'Résume cet article en trois points.');
    const second = await answered(student, h, 'Résume cet article en une phrase.');

    const { page } = await open(PHONE);
    await signInWithPassword(page, student.email, 'password-123');
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.url());
    });
    await page.goto(`/etudiant/conversations/${second}`);
    const held = page.locator('section', { has: page.getByRole('heading', { name: 'Version finale de cette tâche' }) });
    await held.waitFor();
    await expect(held.textContent()).resolves.toContain(
      'Vous avez déjà soumis votre version finale de cette tâche, dans une autre conversation',
    );
    await expect(held.textContent()).resolves.toContain(
      'Il n’y a qu’une version finale par tâche, et une version soumise ne peut être ni remplacée ni retirée',
    );
    // Said on top too, before writing in a conversation that cannot be submitted.
    await expect(
      page.getByText('Votre version finale de cette tâche est déjà soumise, dans une autre conversation').count(),
    ).resolves.toBe(1);
    // No form the API could only refuse; writing to practise is still there.
    await expect(page.getByRole('heading', { name: 'Soumettre ma version finale' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Soumettre/ }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Votre prompt').isEditable()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'version finale déjà soumise ailleurs (avant tout envoi), téléphone');
    await screenshot(page, 'etudiant-version-finale-ailleurs-telephone', { fullPage: false });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP);
    await expectNoAxeViolations(page, 'version finale déjà soumise ailleurs (avant tout envoi), bureau');

    // By keyboard: Tab to the link of the section (each stop shows its focus), Enter follows it.
    const link = held.getByRole('link');
    await expect(link.textContent()).resolves.toMatch(
      /^Voir la conversation du .+, qui porte votre version finale \(soumise le .+\)$/,
    );
    // From the top of the page, Tab until a link to the final version: each stop on the way shows its focus.
    await page.goto(`/etudiant/conversations/${second}`);
    await held.waitFor();
    let reached = false;
    for (let stop = 0; stop < 80 && !reached; stop++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate<{ href: string | null; shows: boolean; tag: string }>(
        `(() => { const el = document.activeElement; const st = getComputedStyle(el); return { tag: el.tagName, href: el.getAttribute('href'), shows: el === document.body || (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) || st.boxShadow !== 'none' }; })()`,
      );
      expect({ stop, ...f, shows: f.shows }).toEqual({ stop, ...f, shows: true });
      reached = f.href === `/etudiant/conversations/${first}`;
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/etudiant/conversations/${first}`);
    const shown = page.locator('section', { has: page.getByRole('heading', { name: 'Version finale soumise' }) });
    await shown.waitFor();
    await expect(shown.textContent()).resolves.toContain('Résume cet article en trois points.');
    expect(puts).toEqual([]);
  });

  it('a final version submitted from another tab shows when the student comes back: the form gives way before it is sent', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student', { prenom: 'Inès', nom: 'Retour' });
    const first = await answered(student, h, 'Résume cet article en trois points.');
    const second = await answered(student, h, 'Résume cet article en une phrase.');

    const { page } = await open(DESKTOP);
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/conversations/${second}`);
    await page.getByRole('heading', { name: 'Soumettre ma version finale' }).waitFor();

    // Elsewhere (another tab, another device), the first conversation is submitted.
    await submitFinal(student, first, 'Résume cet article en trois points.');
    // The student comes back to this tab.
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await page.getByRole('heading', { name: 'Version finale de cette tâche' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Soumettre ma version finale' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'version finale soumise depuis un autre onglet, au retour, bureau');
  });
});
