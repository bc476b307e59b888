import type { Page } from 'playwright-core';
import { createUser } from '../support/auth';
import { linkIn, screenshot, signInWithPassword, webSuite } from '../support/browser';
import { anOpenHackathonBody } from '../support/builders';
import { assignExaminersVia, openHackathonVia, submitFinalVia, type FullStack } from '../support/full-stack';
import { startTcpProxy } from '../support/tcp-proxy';
import { until } from '../support/wait';

/** The student's pages in a real browser: hackathons, conversations streamed, quota, final version, results. */
describe('web client: the student', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });
  afterEach(() => {
    stack.llm.setLatency({ latencyMs: 0, chunkDelayMs: 0 });
  });

  const gaugeText = (page: Page, label: string) =>
    page.getByRole('meter', { name: label }).getAttribute('aria-valuetext');

  /** Sends a prompt from the page and waits for its answer, checking a partial answer showed first. */
  async function sendAndSeeStream(page: Page, prompt: string, answersBefore: number, fill = true) {
    if (fill) await page.getByLabel('Votre prompt').fill(prompt);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const streaming = page.locator('.message.streaming .message-content');
    await streaming.filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
    const partial = (await streaming.textContent()) ?? '';
    expect(partial.length).toBeGreaterThan(0);
    const answered = page.locator('.message-assistant:not(.streaming)');
    await until(async () => (await answered.count()) === answersBefore + 1, 'la réponse enregistrée');
    await streaming.waitFor({ state: 'detached' });
    const final = (await answered.nth(answersBefore).locator('.message-content').textContent()) ?? '';
    // The partial answer was the beginning of the final one, shorter.
    expect(final.slice(0, partial.length)).toBe(partial);
    expect(final.length).toBeGreaterThan(partial.length);
    expect(final).toContain('Réponse simulée par le faux LLM');
    return final;
  }

  it('joins from the invitation, opens a hackathon, streams three answers one turn at a time (Envoyer off while waiting) and submits a final version', async () => {
    const email = `etudiante-${Date.now()}@test.example`;
    const created = await api('post', '/users', stack.admin)
      .send({ prenom: 'Léa', nom: 'Martin', email, role: 'student' })
      .expect(201);
    expect(created.body.user.email).toBe(email);
    const h = await openHackathonVia(api, stack.admin, {
      quotas: { promptsParEtudiant: 10, tokensParEtudiant: 100000 },
    });
    // What a student never sees: a draft, a roster hackathon they are not on. A Test one is open to them.
    const draft = (await api('post', '/hackathons', stack.admin).send(anOpenHackathonBody()).expect(201)).body
      .hackathon;
    const roster = await openHackathonVia(api, stack.admin, { acces: 'liste' });
    const trial = (await api('post', '/hackathons', stack.admin).send(anOpenHackathonBody()).expect(201)).body
      .hackathon;
    await api('post', `/hackathons/${trial.id}/status`, stack.admin).send({ statut: 'Test' }).expect(200);
    const mail = await stack.smtp.waitFor((m) => m.to.includes(email));

    const { page } = await open();
    await page.goto(linkIn(mail, '/invitation'));
    await page.getByLabel('Mot de passe', { exact: true }).fill('secret-de-lea-1');
    await page.getByLabel('Confirmer le mot de passe').fill('secret-de-lea-1');
    await page.getByRole('button', { name: 'Rejoindre' }).click();
    await page.waitForURL(/\/etudiant$/);
    await page.getByRole('heading', { name: 'Mes hackathons', level: 1 }).waitFor();
    const link = page.getByRole('link', { name: h.nom });
    await link.waitFor();
    await expect(page.locator('li', { has: link }).textContent()).resolves.toContain('En cours');
    const trialItem = page.locator('li', { has: page.getByRole('link', { name: trial.nom }) });
    await expect(trialItem.textContent()).resolves.toContain('Test Ouvert');
    await expect(page.getByText(draft.nom).count()).resolves.toBe(0);
    await expect(page.getByText(roster.nom).count()).resolves.toBe(0);
    await screenshot(page, 'etudiant-hackathons');

    await link.click();
    await page.getByRole('heading', { name: h.nom, level: 1 }).waitFor();
    await page.getByRole('heading', { name: `Tâche 1 : ${h.tacheTitre}` }).waitFor();
    await expect(gaugeText(page, 'Prompts')).resolves.toBe('0 prompts utilisés sur 10');
    // The settings in plain words (unfolded on a laptop), each model with a sentence.
    await expect(page.getByLabel('IA utilisée').inputValue()).resolves.toBe('gpt-3.5-turbo');
    await page.getByText('Rapide et économe : idéal pour essayer beaucoup d’idées.').waitFor();
    await expect(page.getByRole('radio', { name: /^Réponse moyenne/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: /^Équilibrée/ }).isChecked()).resolves.toBe(true);
    // The exact values, for those who open « Réglages précis »: one out of range is said before anything is sent.
    await page.getByText('Réglages précis').click();
    await expect(page.getByLabel('Température').inputValue()).resolves.toBe('0.7');
    await page.getByLabel('Température').fill('5');
    await page.getByRole('button', { name: 'Commencer une conversation (tâche 1)' }).click();
    await page.getByRole('alert').filter({ hasText: 'La température doit être comprise entre 0,1 et 2.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/etudiant/hackathons/${h.id}`);
    // A short and precise answer: the words set the exact values.
    await page.getByRole('radio', { name: /^Réponse courte/ }).check();
    await page.getByRole('radio', { name: /^Précise/ }).check();
    await expect(page.getByLabel('Température').inputValue()).resolves.toBe('0.2');
    await expect(page.getByLabel('Longueur maximale de la réponse (tokens)').inputValue()).resolves.toBe('170');
    await page.getByRole('button', { name: 'Commencer une conversation (tâche 1)' }).click();
    await page.waitForURL(/\/etudiant\/conversations\/[0-9a-f]{24}$/);
    await page.getByRole('heading', { name: `Conversation : ${h.tacheTitre}` }).waitFor();
    // This conversation's settings, folded in one line of words, the exact values inside.
    const fold = page.locator('details.settings-fold');
    await expect(fold.locator('summary').textContent()).resolves.toBe(
      'Réglages : gpt-3.5-turbo · Réponse courte · Précise',
    );
    await fold.locator('summary').click();
    await expect(fold.locator('dl.facts').textContent()).resolves.toContain('Température0,2');
    await expect(fold.locator('dl.facts').textContent()).resolves.toContain('Longueur maximale170 tokens');
    await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();

    // Slow chunks: each answer streams for seconds, long enough to see it grow.
    stack.llm.setLatency({ chunkDelayMs: 250 });
    await sendAndSeeStream(page, 'Explique la récursivité en Python.', 0);
    await until(async () => (await gaugeText(page, 'Prompts')) === '1 prompts utilisés sur 10', 'jauge à 1 prompt');

    // The second answer is slower still: while it comes, « Envoyer » is off and says why (one turn at a time).
    stack.llm.setLatency({ chunkDelayMs: 700 });
    await page.getByLabel('Votre prompt').fill('Donne un exemple avec une factorielle.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const streaming = page.locator('.message.streaming .message-content');
    await streaming.filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
    await expect(page.getByRole('button', { name: 'Envoyer', exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByText('Attendez la réponse de l’IA avant d’envoyer le prompt suivant.').waitFor();
    // The prompt box is still there to write the next one.
    await page.getByLabel('Votre prompt').fill('Et avec une boucle ?');
    await until(
      async () => (await page.locator('.message-assistant:not(.streaming)').count()) === 2,
      'la 2e réponse',
      120_000,
    );
    await until(async () => (await gaugeText(page, 'Prompts')) === '2 prompts utilisés sur 10', 'jauge à 2 prompts');
    await page.getByText('Attendez la réponse de l’IA').waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: 'Envoyer', exact: true }).isEnabled()).resolves.toBe(true);

    stack.llm.setLatency({ chunkDelayMs: 250 });
    await sendAndSeeStream(page, 'Et avec une boucle ?', 2, false);
    await until(async () => (await gaugeText(page, 'Prompts')) === '3 prompts utilisés sur 10', 'jauge à 3 prompts');
    await expect(page.getByText('7 prompts restants sur 10').count()).resolves.toBe(1);
    const tokens = await page.getByRole('meter', { name: 'Tokens' }).getAttribute('aria-valuenow');
    expect(Number(tokens)).toBeGreaterThan(0);
    await screenshot(page, 'etudiant-conversation');

    // The final version: the second answer, with its prompt.
    const choice = page.getByRole('radio', { name: /Réponse 2/ });
    await choice.check();
    await expect(page.getByLabel('Prompt final').inputValue()).resolves.toBe('Donne un exemple avec une factorielle.');
    await page.getByLabel('Prompt final').fill('Donne un exemple de récursivité avec une factorielle, commenté.');
    await page.getByRole('button', { name: 'Soumettre la version finale' }).click();
    const final = page.locator('section', { has: page.getByRole('heading', { name: 'Version finale soumise' }) });
    await final.waitFor();
    const second = (await page.locator('.message-assistant').nth(1).locator('.message-content').textContent()) ?? '';
    await expect(final.textContent()).resolves.toContain(
      'Donne un exemple de récursivité avec une factorielle, commenté.',
    );
    await expect(final.textContent()).resolves.toContain(second);
    await expect(page.getByLabel('Votre prompt').count()).resolves.toBe(0);
    await screenshot(page, 'etudiant-version-finale');

    // The API holds the same final version.
    const convId = new URL(page.url()).pathname.split('/').pop();
    const c = (await api('get', `/conversations/${convId}`, stack.admin).expect(200)).body.conversation;
    expect(c.studentId).toBe(created.body.user.id);
    expect(c.versionFinale.reponseIAFinale).toBe(second);
  });

  it('says in French when the prompts quota is used up, with a gauge at zero', async () => {
    const h = await openHackathonVia(api, stack.admin, {
      quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 },
    });
    const student = await createUser(stack.t, 'student');
    const { page } = await open({ width: 390, height: 780 });
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/hackathons/${h.id}`);
    await page.getByRole('button', { name: 'Commencer une conversation (tâche 1)' }).click();
    await page.waitForURL(/\/etudiant\/conversations\//);
    await page.getByLabel('Votre prompt').fill('Mon seul prompt.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.locator('.message-assistant:not(.streaming)').waitFor({ timeout: 120_000 });
    await page.getByLabel('Votre prompt').fill('Un prompt de trop.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText:
          'Vous avez utilisé tous vos prompts pour ce hackathon. Demandez à votre enseignant d’augmenter votre quota.',
      })
      .waitFor();
    await expect(gaugeText(page, 'Prompts')).resolves.toBe('1 prompts utilisés sur 1');
    await page.getByText('0 prompts restants sur 1').waitFor();
    await page.getByRole('status').filter({ hasText: 'Votre quota de ce hackathon est épuisé' }).waitFor();
    // Nothing was sent: one student message only.
    await expect(page.locator('.message-user').count()).resolves.toBe(1);
    // A phone: nothing scrolls sideways.
    await expect(
      page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).resolves.toBeLessThanOrEqual(0);

    // The hackathon closes: the conversation can be read, no longer written in.
    await api('post', `/hackathons/${h.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: 'Ce hackathon est fermé : vous pouvez relire cette conversation, mais plus y écrire.' })
      .waitFor();
    await expect(page.locator('.message-user').count()).resolves.toBe(1);
    await expect(page.getByLabel('Votre prompt').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Soumettre la version finale' }).count()).resolves.toBe(0);
  });

  it('then sees their grade: not published first, then the note, its label, the comment and "Examinateur 1", never a name', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    const examiner = await createUser(stack.t, 'examiner', { prenom: 'Gaspard', nom: 'Examinateurnom' });
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const convId = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, convId, 'Mon prompt final soigné');
    await assignExaminersVia(api, stack.admin, h.id);
    await api('post', '/evaluations', examiner)
      .send({ conversationId: convId, note: 8.5, comment: 'Prompt précis, contraintes bien posées.' })
      .expect(201);
    await api('post', `/hackathons/${h.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);

    const { page } = await open();
    // Before publication, the page does not ask for results (the API would answer 409): no failed request at all.
    const refused: string[] = [];
    const askedResults: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (r.url().includes('/results/me')) askedResults.push(r.url());
    });
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/hackathons/${h.id}`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Les résultats de ce hackathon ne sont pas encore publiés' })
      .waitFor();
    await page.getByRole('meter', { name: 'Prompts' }).waitFor();
    expect(askedResults).toEqual([]);
    expect(refused).toEqual([]);

    await api('post', `/hackathons/${h.id}/results/publish`, stack.admin).expect(200);
    await page.reload();
    const results = page.locator('section', { has: page.getByRole('heading', { name: 'Mes résultats' }) });
    await results.getByRole('heading', { name: h.tacheTitre }).waitFor();
    const text = (await results.textContent()) ?? '';
    expect(text).toContain('Moyenne : 8,5 / 10');
    const row = results.locator('tbody tr');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      'Examinateur 1',
      '8,5 / 10',
      'Très bien',
      'Prompt précis, contraintes bien posées.',
      expect.any(String),
    ]);
    expect(askedResults).toHaveLength(1);
    expect(refused).toEqual([]);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Gaspard');
    expect(body).not.toContain('Examinateurnom');
    expect(body).not.toContain(examiner.email);
    await screenshot(page, 'etudiant-resultats');
  });

  it('shows a quota the teacher raised as soon as the student comes back to the page (focus), on the conversation and the hackathon page', async () => {
    const h = await openHackathonVia(api, stack.admin, {
      quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 },
    });
    const student = await createUser(stack.t, 'student');
    const convId = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    await api('post', `/conversations/${convId}/messages`, student).send({ content: 'Mon seul prompt.' }).expect(202);
    await until(async () => {
      const c = (await api('get', `/conversations/${convId}`, student).expect(200)).body.conversation;
      return c.pendingMessageId === null && c.messageCount === 2;
    }, 'la réponse');

    const { page } = await open();
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/conversations/${convId}`);
    await page.getByRole('status').filter({ hasText: 'Votre quota de ce hackathon est épuisé' }).waitFor();
    await expect(gaugeText(page, 'Prompts')).resolves.toBe('1 prompts utilisés sur 1');

    // The teacher raises it from the dashboard; the student comes back to the tab.
    await api('put', `/hackathons/${h.id}/quotas/${student.id}`, stack.admin)
      .send({ promptsParEtudiant: 5 })
      .expect(200);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await until(async () => (await gaugeText(page, 'Prompts')) === '1 prompts utilisés sur 5', 'la jauge relevée');
    await page.getByText('Votre quota de ce hackathon est épuisé').waitFor({ state: 'detached' });

    await page.goto(`/etudiant/hackathons/${h.id}`);
    await until(async () => (await gaugeText(page, 'Prompts')) === '1 prompts utilisés sur 5', 'la jauge du hackathon');
    await api('put', `/hackathons/${h.id}/quotas/${student.id}`, stack.admin)
      .send({ promptsParEtudiant: 8 })
      .expect(200);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await until(
      async () => (await gaugeText(page, 'Prompts')) === '1 prompts utilisés sur 8',
      'la jauge relevée encore',
    );
  });

  it('asks before a final version that names the student in an anonymous hackathon: edited, then submitted without the name', async () => {
    const h = await openHackathonVia(api, stack.admin, { anonymatActif: true });
    const student = await createUser(stack.t, 'student', { prenom: 'Léa', nom: 'Dubois' });
    const convId = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    const { page } = await open();
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/conversations/${convId}`);
    await page.getByLabel('Votre prompt').fill('Résume la Révolution française en trois points.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.locator('.message-assistant').waitFor({ timeout: 120_000 });

    await page.getByRole('radio', { name: /Réponse 1/ }).check();
    await page.getByLabel('Prompt final').fill('Résume la Révolution française en trois points. Signé Léa DUBOIS');
    let submitted = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/final')) submitted += 1;
    });
    await page.getByRole('button', { name: 'Soumettre la version finale' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Ce hackathon est anonyme' });
    await warning.waitFor();
    await expect(warning.locator('li').allTextContents()).resolves.toEqual([
      'Votre prompt final contient votre prénom « Léa ».',
      'Votre prompt final contient votre nom « Dubois ».',
    ]);
    // The focus is on the question, nothing was sent.
    await expect(page.evaluate('document.activeElement.getAttribute("role")')).resolves.toBe('alert');
    expect(submitted).toBe(0);

    await warning.getByRole('button', { name: 'Modifier mon prompt' }).click();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe(
      await page.getByLabel('Prompt final').getAttribute('id'),
    );
    await page.getByLabel('Prompt final').fill('Résume la Révolution française en trois points.');
    await page.getByRole('button', { name: 'Soumettre la version finale' }).click();
    await page.getByRole('heading', { name: 'Version finale soumise' }).waitFor();
    expect(submitted).toBe(1);
    const c = (await api('get', `/conversations/${convId}`, student).expect(200)).body.conversation;
    expect(c.versionFinale.promptFinal).toBe('Résume la Révolution française en trois points.');
  });

  it('loses nothing of an answer streamed while the connection was cut: it reconnects and shows the whole answer', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    // The browser reaches the app through a pass-through the test can cut.
    const app = new URL(stack.t.url);
    const proxy = await startTcpProxy({ host: app.hostname, port: Number(app.port) });
    try {
      const w = await open(undefined, proxy.url('http'));
      const { page } = w;
      await signInWithPassword(page, student.email, 'password-123');
      await page.goto(`/etudiant/hackathons/${h.id}`);
      await page.getByRole('button', { name: 'Commencer une conversation (tâche 1)' }).click();
      await page.waitForURL(/\/etudiant\/conversations\//);
      const convId = new URL(page.url()).pathname.split('/').pop();
      await page.getByText('Écrivez votre premier prompt ci-dessous.').waitFor();
      stack.llm.setLatency({ chunkDelayMs: 400 });
      await page.getByLabel('Votre prompt').fill('Une réponse pendant une coupure.');
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await page.locator('.message.streaming .message-content').filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
      proxy.cut();
      await page.getByRole('status').filter({ hasText: 'Connexion perdue : reconnexion…' }).waitFor();
      // The answer ends while the page cannot hear it.
      const stored = await until(
        async () => {
          const c = (await api('get', `/conversations/${convId}`, student).expect(200)).body.conversation;
          return c.messages.find((m: { role: string }) => m.role === 'assistant') as { content: string } | undefined;
        },
        'la réponse enregistrée',
        120_000,
      );
      proxy.restore();
      const answer = page.locator('.message-assistant:not(.streaming) .message-content');
      await answer.waitFor({ timeout: 120_000 });
      await expect(answer.textContent()).resolves.toBe(stored.content);
      await expect(page.locator('.message.streaming').count()).resolves.toBe(0);
      await expect(page.getByText('Connexion perdue : reconnexion…').count()).resolves.toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
