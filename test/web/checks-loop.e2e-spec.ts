import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/auth';
import {
  DESKTOP,
  expectNoAxeViolations,
  PHONE,
  screenshot,
  signInWithPassword,
  webSuite,
  type WebSuite,
} from '../support/browser';
import { assignExaminersVia, openHackathonVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/**
 * The whole loop of a task that checks itself (API 1.2), in real browsers: a student tries a
 * prompt on the public examples and reads the results, submits, sees the checks end; an
 * examiner reads every case's result on the copy and grades; after publication the student
 * sees the score and the class's figures; the leaderboard shows note and score parts.
 *
 * The fake LLM quotes the prompt it gets (test/support/fake-llm/fake-llm.script.ts): the public
 * case expects its own input, so it passes; the hidden one expects another text, so it fails;
 * `[fake-llm:tokens=400]` makes an answer longer than the task's 100-word rule, so it fails.
 */
const HIDDEN_INPUT = 'entree-cachee-zq7';
const HIDDEN_EXPECTED = 'attendu-cache-zq7';
const SECRETS = [HIDDEN_INPUT, HIDDEN_EXPECTED];
const PUBLIC_INPUT = 'PUB-bonjour';

/** Three public examples: a try costs three prompts and three answers' length. */
const THREE_EXAMPLES = {
  cas: [1, 2, 3].map((i) => ({
    entrees: { texte: `exemple-${i}` },
    attendu: [{ type: 'contient', valeur: `exemple-${i}` }],
    public: true,
  })),
  repetitions: 1,
};

const CHECKS = {
  cas: [
    { entrees: { texte: PUBLIC_INPUT }, attendu: [{ type: 'contient', valeur: PUBLIC_INPUT }], public: true },
    { entrees: { texte: HIDDEN_INPUT }, attendu: [{ type: 'contient', valeur: HIDDEN_EXPECTED }], public: false },
  ],
  regles: [{ type: 'max_mots', valeur: 100 }],
  repetitions: 1,
};

/**
 * Checks on a task set through the API (`PATCH /hackathons/:id`, the task's id kept): for the
 * quota refusals, where the teacher's part is not what is tested.
 */
async function defineChecksViaApi(
  api: WebSuite['api'],
  admin: TestUser,
  hackathonId: string,
  task: { id: string; titre: string },
  verification: { cas: unknown[] },
): Promise<void> {
  const res = await api('patch', `/hackathons/${hackathonId}`, admin)
    .send({
      taches: [{ id: task.id, titre: task.titre, consigne: 'Traduisez en anglais : {{texte}}.', verification }],
    })
    .expect(200);
  expect(res.body.hackathon.taches[0].verification.cas).toHaveLength(verification.cas.length);
}

/**
 * The checks of CHECKS written by the teacher in the task form of hackathon `id` (one task,
 * its input `texte`): a public case, a hidden one, a rule for every case; then saved.
 */
async function defineChecksInTheForm(page: Page, id: string): Promise<void> {
  await page.goto(`/admin/hackathons/${id}/modifier`);
  await page.getByRole('heading', { name: 'Modifier le hackathon' }).waitFor();
  await page.getByLabel('Consigne de la tâche 1').fill('Traduisez en anglais : {{texte}}.');
  await page.getByLabel('Vérifier automatiquement les versions finales de la tâche 1').check();
  await page.getByLabel('Cas 1 : texte de l’entrée « texte »').fill(PUBLIC_INPUT);
  await page.getByLabel('Règle 1 du cas 1 : valeur').fill(PUBLIC_INPUT);
  // A new case starts hidden.
  await page.getByRole('button', { name: 'Ajouter un cas à la tâche 1' }).click();
  await page.getByLabel('Cas 2 : texte de l’entrée « texte »').fill(HIDDEN_INPUT);
  await page.getByLabel('Règle 1 du cas 2 : valeur').fill(HIDDEN_EXPECTED);
  await page.getByRole('button', { name: 'Ajouter une règle pour tous les cas' }).click();
  await page.getByLabel('Règle 1 pour tous les cas : type').selectOption('max_mots');
  await page.getByLabel('Règle 1 pour tous les cas : valeur').fill('100');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(new RegExp(`/admin/hackathons/${id}$`));
}

/**
 * What a student's page receives, kept to check no hidden case reaches it: every API answer's
 * body, and every event of its streams (read through the DevTools protocol: an event stream's
 * body never ends, so it cannot be read as a response).
 */
async function recordWhatArrives(page: Page) {
  const bodies: Promise<string>[] = [];
  const events: string[] = [];
  const statuses: { url: string; status: number; body: Promise<string> }[] = [];
  page.on('response', (r) => {
    const url = r.url();
    if (!url.includes('/api/')) return;
    if ((r.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    const body = r.text().catch(() => '');
    bodies.push(body);
    statuses.push({ url, status: r.status(), body });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.eventSourceMessageReceived', (e: { eventName: string; data: string }) =>
    events.push(`${e.eventName} ${e.data}`),
  );
  return {
    events,
    statuses,
    /** Everything received so far, as one text. */
    async all(): Promise<string> {
      return [...(await Promise.all(bodies)), ...events, await page.content()].join('\n');
    },
  };
}

describe('web client: a task that checks itself, from the try to the ranking', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  const section = (page: Page, name: string | RegExp) =>
    page.locator('section', { has: page.getByRole('heading', { name, level: 2 }) });
  const gaugeText = (page: Page, label: string) =>
    page.getByRole('meter', { name: label }).getAttribute('aria-valuetext');

  it('the teacher writes the checks in the form, the student tries and submits, the examiner sees every case and grades, results and ranking show note and score', async () => {
    const h = await openHackathonVia(api, stack.admin, {
      taches: ['Traduction vérifiée'],
      quotas: { promptsParEtudiant: 20, tokensParEtudiant: 100000 },
      classement: { poidsNote: 0.5, poidsScore: 0.5 },
    });
    // The teacher writes the checks in the task form (the editor's own test: admin-checks.e2e-spec.ts).
    const { page: teacher } = await open(DESKTOP);
    await signInWithPassword(teacher, stack.admin.email, 'password-123');
    await defineChecksInTheForm(teacher, h.id);
    const saved = (await api('get', `/hackathons/${h.id}`, stack.admin).expect(200)).body.hackathon.taches[0];
    expect(saved.verification).toEqual(expect.objectContaining(CHECKS));
    const student = await createUser(stack.t, 'student', { prenom: 'Inès', nom: 'Verdier' });
    const examiner = await createUser(stack.t, 'examiner');
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);

    // The student, from the start: every answer and stream event their page gets is kept.
    const { page } = await open(DESKTOP);
    const seen = await recordWhatArrives(page);
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto(`/etudiant/hackathons/${h.id}`);
    await page.getByRole('button', { name: 'Commencer une conversation' }).click();
    await page.waitForURL(/\/etudiant\/conversations\/[0-9a-f]{24}$/);
    const conversationId = new URL(page.url()).pathname.split('/').pop() as string;
    const checks = section(page, 'Vérification automatique');
    await checks.getByRole('heading', { name: 'Exemples publics', exact: true }).waitFor();
    // The public example and what its answer must do, in words; the placeholder explained.
    const examples = checks.getByRole('list', { name: 'Exemples publics', exact: true });
    await expect(examples.getByRole('listitem').count()).resolves.toBe(1);
    await expect(examples.textContent()).resolves.toBe(
      `Exemple 1{{texte}} devient« ${PUBLIC_INPUT} »La réponse doit contenir « ${PUBLIC_INPUT} ».`,
    );
    await checks
      .getByText(
        `Pour chaque exemple, la plateforme remplace {{texte}} par ce texte (pour l’exemple 1 : « ${PUBLIC_INPUT} »)`,
        {
          exact: false,
        },
      )
      .waitFor();
    await expect(gaugeText(page, 'Prompts')).resolves.toBe('0 prompts utilisés sur 20');
    await checks.getByText('Coût : 1 prompt de votre quota (un par exemple)', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'conversation vérifiée, bureau');

    // A wrong placeholder: said next to the prompt, naming both, nothing charged.
    const tryBox = checks.getByLabel('Prompt à essayer');
    await tryBox.fill('Traduis {{txte}}');
    await checks.getByRole('button', { name: 'Essayer sur les exemples publics' }).click();
    await checks
      .getByText(
        'Emplacements à corriger : {{txte}} ne correspond à aucune entrée des exemples (vérifiez l’orthographe) ; il manque {{texte}} : le prompt doit l’utiliser pour recevoir le texte de chaque exemple.',
      )
      .waitFor();
    await expect(tryBox.getAttribute('aria-invalid')).resolves.toBe('true');
    const refused = seen.statuses.find((s) => s.url.endsWith(`/conversations/${conversationId}/essais`));
    expect(refused?.status).toBe(400);
    expect(JSON.parse(await refused!.body).code).toBe('PROMPT_PLACEHOLDERS');

    // By keyboard: from the prompt, Tab reaches the button, Enter runs the try. Its answer is
    // too long for the task's 100-word rule: the example fails, and says why.
    await tryBox.fill('Traduis {{texte}} [fake-llm:tokens=400]');
    await tryBox.focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Essayer sur les exemples publics');
    await page.keyboard.press('Enter');
    await checks.getByRole('status').filter({ hasText: 'Essai terminé : 0 exemple réussi sur 1.' }).waitFor();
    // The focus stayed on the button: another try is one key away.
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Essayer sur les exemples publics');
    const results = checks.getByRole('list', { name: 'Résultats de l’essai' });
    await results.getByText('Échoué').waitFor();
    await expect(results.locator('.case-reasons').textContent()).resolves.toMatch(/mots, 100 au plus/);
    // Charged like a send: one prompt for the one public example.
    await until(async () => (await gaugeText(page, 'Prompts')) === '1 prompts utilisés sur 20', 'jauge à 1 prompt');

    await tryBox.fill('Traduis {{texte}}');
    await checks.getByRole('button', { name: 'Essayer sur les exemples publics' }).click();
    await checks.getByRole('status').filter({ hasText: 'Essai terminé : 1 exemple réussi sur 1.' }).waitFor();
    await results.getByText('Réussi').waitFor();
    await results.getByText('Réponse de l’IA (exemple 1)').click();
    await results.getByText(`« Traduis ${PUBLIC_INPUT} »`, { exact: false }).waitFor();
    await until(async () => (await gaugeText(page, 'Prompts')) === '2 prompts utilisés sur 20', 'jauge à 2 prompts');
    await screenshot(page, 'etudiant-essai');
    await expectNoAxeViolations(page, 'essai sur les exemples publics, bureau');
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'essai sur les exemples publics, téléphone');
    await page.setViewportSize(DESKTOP);

    // An answer to keep, then the final version: the try's prompt carried over in one click.
    await page.getByLabel('Votre prompt').fill('Traduis Bonjour');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await until(async () => (await page.locator('.message-assistant:not(.streaming)').count()) === 1, 'la réponse');
    const finalForm = page.locator('form', { has: page.getByRole('heading', { name: 'Soumettre ma version finale' }) });
    await finalForm.getByRole('radio').first().check();
    await finalForm.getByLabel('Prompt final').fill('Traduis {{txte}}');
    await finalForm.getByRole('button', { name: 'Soumettre la version finale' }).click();
    await finalForm
      .getByText('Emplacements à corriger : {{txte}} ne correspond à aucune entrée', { exact: false })
      .waitFor();
    await expect(finalForm.getByLabel('Prompt final').getAttribute('aria-invalid')).resolves.toBe('true');
    await checks.getByRole('button', { name: 'Utiliser ce prompt pour ma version finale' }).click();
    await expect(finalForm.getByLabel('Prompt final').inputValue()).resolves.toBe('Traduis {{texte}}');
    await finalForm.getByRole('button', { name: 'Soumettre la version finale' }).click();
    const final = section(page, 'Version finale soumise');
    await final.getByText('Vérification automatique terminée.').waitFor();
    const finalResults = final.getByRole('list', { name: 'Résultats sur les exemples publics' });
    await expect(finalResults.getByRole('listitem').count()).resolves.toBe(1);
    await finalResults.getByText('Réussi').waitFor();
    await final
      .getByText('Votre score, exemples cachés compris, sera visible quand les résultats seront publiés.')
      .waitFor();
    // The end came on the stream (event: verification), the student's view of it: public cases, no score.
    expect(seen.events.some((e) => e.startsWith('verification ') && e.includes('"score":null'))).toBe(true);
    expect(seen.events.some((e) => e.startsWith('essai '))).toBe(true);
    // Submitted: no more tries, the results stay.
    await expect(checks.getByLabel('Prompt à essayer').count()).resolves.toBe(0);
    await screenshot(page, 'etudiant-verification');
    await expectNoAxeViolations(page, 'version finale vérifiée, bureau');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'version finale vérifiée, téléphone');
    await page.setViewportSize(DESKTOP);

    // The examiner: every case, the hidden one too, its input and expected text; a compact summary.
    await assignExaminersVia(api, stack.admin, h.id);
    const jury = await open(DESKTOP);
    await signInWithPassword(jury.page, examiner.email, 'password-123');
    await jury.page.goto(`/examinateur/copies/${conversationId}`);
    const copyChecks = section(jury.page, 'Vérification automatique');
    await copyChecks.getByRole('heading', { name: 'Vérification automatique' }).waitFor();
    await expect(copyChecks.locator('dl.facts').first().textContent()).resolves.toMatch(
      /^ÉtatterminéeScore50[\u00a0\u202f]%Essais réussis1 sur 2Tokens du prompt\d+$/,
    );
    const cases = copyChecks.getByRole('list', { name: 'Résultats par cas' }).locator(':scope > li');
    await expect(cases.count()).resolves.toBe(2);
    await expect(cases.nth(0).locator('.case-title').textContent()).resolves.toBe('Cas 1 (public) Réussi');
    await expect(cases.nth(1).locator('.case-title').textContent()).resolves.toBe('Cas 2 (caché) Échoué');
    await cases.nth(1).getByText(`« ${HIDDEN_INPUT} »`).waitFor();
    await cases.nth(1).getByText(`La réponse doit contenir « ${HIDDEN_EXPECTED} ».`).waitFor();
    await screenshot(jury.page, 'examinateur-verification');
    await expectNoAxeViolations(jury.page, 'copie vérifiée, bureau');
    await jury.page.setViewportSize(PHONE);
    await expectNoAxeViolations(jury.page, 'copie vérifiée, téléphone');
    await jury.page.getByLabel('Note sur 10').selectOption('8');
    await jury.page.getByLabel('Commentaire').fill('Prompt court, qui garde le texte de l’exemple tel quel.');
    await jury.page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await jury.page.getByRole('status').filter({ hasText: 'Évaluation enregistrée : 8 / 10' }).waitFor();

    // Publication: the student sees the note, the score (hidden examples counted, never shown) and the class.
    await api('post', `/hackathons/${h.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);
    await api('post', `/hackathons/${h.id}/results/publish`, stack.admin).expect(200);
    await page.goto(`/etudiant/hackathons/${h.id}`);
    const mine = section(page, 'Mes résultats');
    await mine.getByText('Moyenne : 8 / 10').waitFor();
    await expect(mine.locator('dl.facts').first().textContent()).resolves.toBe(
      'Moyenne de la classe8 / 10Élèves notés1Mon rang1er sur 1',
    );
    await mine.getByText(/^Score : 50[\u00a0\u202f]% \(1 essai réussi sur 2, exemples cachés compris\)$/).waitFor();
    await expect(
      mine.getByRole('list', { name: 'Résultats sur les exemples publics' }).getByRole('listitem').count(),
    ).resolves.toBe(1);
    await screenshot(page, 'etudiant-resultats-score');
    await expectNoAxeViolations(page, 'résultats avec score, bureau');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'résultats avec score, téléphone');

    // Nothing of the hidden example ever reached the student's page: answers, stream events, HTML.
    const received = await seen.all();
    expect(received).toContain(PUBLIC_INPUT);
    for (const secret of SECRETS) expect(received).not.toContain(secret);

    // The ranking: note and score, each weighed 0,5.
    const board = (await api('get', `/hackathons/${h.id}/leaderboard`, stack.admin).expect(200)).body;
    expect(board.items[0]).toMatchObject({ meanNote: 8, score: 0.5, partNote: 0.4, partScore: 0.25, total: 0.65 });
    const admin = await open(DESKTOP);
    await signInWithPassword(admin.page, stack.admin.email, 'password-123');
    await admin.page.goto(`/admin/hackathons/${h.id}`);
    const ranking = section(admin.page, 'Classement');
    const row = ranking.getByRole('row', { name: /Inès Verdier/ });
    await row.waitFor();
    await expect(ranking.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'Rang',
      'Candidat',
      'Tâche',
      'Moyenne',
      'Note équitable',
      'Notes',
      'Écart',
      'Score',
      'Part note',
      'Part score',
      'Total',
      'Tokens du prompt',
    ]);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['1', expect.stringMatching(/^Inès Verdier/), h.tacheTitre, '8']);
    expect(cells.slice(7, 11)).toEqual([expect.stringMatching(/^50[\u00a0\u202f]%$/), '0,40', '0,25', '0,65']);
    expect(Number(cells[11])).toBeGreaterThan(0);
    await ranking.getByText('Total = 0,5 × moyenne / 10 + 0,5 × score', { exact: false }).waitFor();
    await ranking.screenshot({ path: 'docs/screenshots/admin-classement-score.png' });
    await expectNoAxeViolations(admin.page, 'classement note et score, bureau');
  });

  it('a try that does not fit the quota is refused all or nothing, said in French with the way out sends have', async () => {
    const student = await createUser(stack.t, 'student');
    const tryIt = async (page: Page, hackathonId: string) => {
      await page.goto(`/etudiant/hackathons/${hackathonId}`);
      await page.getByRole('button', { name: 'Commencer une conversation' }).click();
      await page.waitForURL(/\/etudiant\/conversations\/[0-9a-f]{24}$/);
      const checks = section(page, 'Vérification automatique');
      await checks.getByLabel('Prompt à essayer').fill('Traduis {{texte}}');
      await checks.getByRole('button', { name: 'Essayer sur les exemples publics' }).click();
      return checks;
    };

    // Two prompts left, a try of three examples: refused, nothing charged.
    const few = await openHackathonVia(api, stack.admin, {
      taches: ['Trois exemples'],
      quotas: { promptsParEtudiant: 2, tokensParEtudiant: 100000 },
    });
    await defineChecksViaApi(api, stack.admin, few.id, { id: few.tacheId, titre: few.tacheTitre }, THREE_EXAMPLES);
    const { page } = await open(PHONE);
    await signInWithPassword(page, student.email, 'password-123');
    const checks = await tryIt(page, few.id);
    await checks
      .getByRole('alert')
      .filter({ hasText: 'Cet essai compte 3 prompts (un par exemple) et il ne vous en reste que 2.' })
      .waitFor();
    await expect(gaugeText(page, 'Prompts')).resolves.toBe('0 prompts utilisés sur 2');
    await expectNoAxeViolations(page, 'essai refusé (prompts), téléphone');

    // Tokens for less than three answers of 512: the way out of sends, a new conversation with a
    // short answer, the prompt carried over; there the try fits.
    const short = await openHackathonVia(api, stack.admin, {
      taches: ['Trois exemples, peu de tokens'],
      quotas: { promptsParEtudiant: 20, tokensParEtudiant: 1200 },
    });
    await defineChecksViaApi(
      api,
      stack.admin,
      short.id,
      { id: short.tacheId, titre: short.tacheTitre },
      THREE_EXAMPLES,
    );
    const again = await tryIt(page, short.id);
    const wayOut = again
      .getByRole('alert')
      .filter({ hasText: 'Cet essai ne tient pas dans les tokens qui vous restent.' });
    await wayOut
      .getByText('pour chaque exemple (ici 3 exemples), la longueur de réponse de cette conversation (512 tokens)', {
        exact: false,
      })
      .waitFor();
    await expect(gaugeText(page, 'Tokens')).resolves.toBe('0 tokens utilisés sur 1200');
    await expectNoAxeViolations(page, 'essai refusé (tokens), téléphone');
    const first = page.url();
    await wayOut.getByRole('button', { name: 'Nouvelle conversation, réponse courte' }).click();
    await page.waitForURL((url) => url.href !== first && /\/etudiant\/conversations\/[0-9a-f]{24}$/.test(url.pathname));
    await expect(page.getByLabel('Votre prompt').inputValue()).resolves.toBe('Traduis {{texte}}');
    const next = section(page, 'Vérification automatique');
    await next.getByRole('button', { name: 'Reprendre le prompt en cours d’écriture' }).click();
    await expect(next.getByLabel('Prompt à essayer').inputValue()).resolves.toBe('Traduis {{texte}}');
    await next.getByRole('button', { name: 'Essayer sur les exemples publics' }).click();
    await next.getByRole('status').filter({ hasText: 'Essai terminé : 3 exemples réussis sur 3.' }).waitFor();
    await until(async () => (await gaugeText(page, 'Prompts')) === '3 prompts utilisés sur 20', 'jauge à 3 prompts');
  });
});
