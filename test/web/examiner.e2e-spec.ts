import { createUser, type TestUser } from '../support/auth';
import { screenshot, signInWithPassword, webSuite } from '../support/browser';
import { assignExaminersVia, openHackathonVia, submitFinalVia, type FullStack } from '../support/full-stack';

const EMPTY_QUEUE =
  'Aucune copie ne vous attend : l’administrateur vous attribue les copies une fois les versions finales soumises.';

/** The examiner's pages in a real browser: the queue, an anonymous copy, grading, editing. */
describe('web client: the examiner', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  /** A hackathon with `examiner` on its jury, one student's submitted final version, the assignments job done. */
  async function arrangeCopy(
    examiner: TestUser,
    hackathon: Record<string, unknown>,
    student: Record<string, unknown> = {},
  ) {
    const h = await openHackathonVia(api, stack.admin, hackathon);
    const s = await createUser(stack.t, 'student', student);
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const convId = (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id as string;
    const answer = await submitFinalVia(api, s, convId, 'Mon prompt final pour le jury');
    await assignExaminersVia(api, stack.admin, h.id);
    return { h, student: s, convId, answer };
  }

  it('grades an anonymous copy from the queue: no identity, a short comment refused before sending, 7.5, then an edit', async () => {
    const examiner = await createUser(stack.t, 'examiner');
    const { h, student, convId, answer } = await arrangeCopy(
      examiner,
      { anonymatActif: true },
      { prenom: 'Clothilde', nom: 'Vandermonde', numeroEtudiant: 'ETU-778899' },
    );

    const { page } = await open();
    await signInWithPassword(page, examiner.email, 'password-123');
    expect(new URL(page.url()).pathname).toBe('/examinateur');
    const todo = page.locator('section', { has: page.getByRole('heading', { name: /^À corriger/ }) });
    const done = page.locator('section', { has: page.getByRole('heading', { name: /^Corrigées/ }) });
    await todo.getByRole('heading', { name: 'À corriger (1)' }).waitFor();
    const copyLink = todo.getByRole('link', { name: new RegExp(`— ${h.tacheTitre}$`) });
    await expect(copyLink.textContent()).resolves.toMatch(/^Candidat \d+ — /);
    await done.getByText('Vous n’avez encore corrigé aucune copie.').waitFor();
    await screenshot(page, 'examinateur-file');

    await copyLink.click();
    await page.waitForURL(new RegExp(`/examinateur/copies/${convId}$`));
    await page.getByRole('heading', { name: 'Copie anonyme', level: 2 }).waitFor();
    await page.getByRole('heading', { name: /^Copie anonyme : Candidat \d+$/, level: 1 }).waitFor();
    const body = async () => (await page.locator('body').textContent()) ?? '';
    await page.getByText('Mon prompt final pour le jury').first().waitFor();
    expect(await body()).toContain(answer.content);
    for (const secret of ['Clothilde', 'Vandermonde', student.email, 'ETU-778899', student.id])
      expect(await body()).not.toContain(secret);

    // A comment too short: said in French, nothing sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/evaluations')) posted += 1;
    });
    await page.getByLabel('Note sur 10').selectOption('7.5');
    await page.getByText('Appréciation : Bien').waitFor();
    await page.getByLabel('Commentaire').fill('Court');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByText('Le commentaire doit contenir au moins 10 caractères (espaces non comptés).').waitFor();
    await expect(page.getByLabel('Commentaire').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(posted).toBe(0);
    await screenshot(page, 'examinateur-copie');

    await page.getByLabel('Commentaire').fill('Bonne structure, mais les contraintes de format manquent.');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByRole('status').filter({ hasText: 'Évaluation enregistrée : 7,5 / 10 (Bien).' }).waitFor();
    expect(posted).toBe(1);

    // It was the only copy: none is next, and the page says who hands copies out.
    const saved = page.getByRole('status').filter({ hasText: 'Évaluation enregistrée' });
    await saved.getByText(EMPTY_QUEUE).waitFor();
    await expect(saved.getByRole('link', { name: 'Copie suivante' }).count()).resolves.toBe(0);
    await saved.getByRole('link', { name: 'Copies à corriger' }).click();
    await page.waitForURL(/\/examinateur$/);
    await todo.getByRole('heading', { name: 'À corriger (0)' }).waitFor();
    await todo.getByText(EMPTY_QUEUE).waitFor();
    await done.getByRole('heading', { name: 'Corrigées (1)' }).waitFor();
    await expect(done.getByRole('link').textContent()).resolves.toMatch(/^Candidat \d+ — /);

    // In « Mes évaluations », then edited.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Mes évaluations' })
      .click();
    await page.getByRole('heading', { name: 'Mes évaluations', level: 1 }).waitFor();
    // One evaluation: the only item of the list.
    const item = page.locator('.list > li');
    await item.getByRole('button', { name: /^Modifier l’évaluation de Candidat \d+$/ }).waitFor();
    await expect(item.count()).resolves.toBe(1);
    await expect(item.textContent()).resolves.toContain('7,5 / 10 · Bien');
    await expect(item.textContent()).resolves.toContain('Bonne structure, mais les contraintes de format manquent.');
    await screenshot(page, 'examinateur-evaluations');
    await item.getByRole('button', { name: /^Modifier/ }).click();
    await expect(item.getByLabel('Note sur 10').inputValue()).resolves.toBe('7.5');
    await item.getByLabel('Note sur 10').selectOption('8');
    await item.getByLabel('Commentaire').fill('Bonne structure ; après relecture, le format est implicite mais clair.');
    await item.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Évaluation de Candidat \d+ modifiée : 8 \/ 10 \(Très bien\)\.$/ })
      .waitFor();
    await item.getByText('8 / 10 · Très bien').waitFor();

    const mine = (await api('get', '/evaluations/mine', examiner).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      conversationId: convId,
      note: 8,
      comment: 'Bonne structure ; après relecture, le format est implicite mais clair.',
    });
    for (const secret of ['Clothilde', 'Vandermonde', student.email]) expect(await body()).not.toContain(secret);
  });
  it('says in French that a copy graded in another tab is already evaluated, and fits a phone', async () => {
    const examiner = await createUser(stack.t, 'examiner');
    const { convId, student } = await arrangeCopy(
      examiner,
      { anonymatActif: false },
      { prenom: 'Bérénice', nom: 'Lefort' },
    );
    const { page, context } = await open({ width: 390, height: 780 });
    await signInWithPassword(page, examiner.email, 'password-123');
    await page.goto(`/examinateur/copies/${convId}`);
    // Not anonymous: the student is named.
    await page.getByRole('heading', { name: 'Copie de Bérénice Lefort', level: 1 }).waitFor();
    await page.getByText(student.email).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);

    const other = await context.newPage();
    await other.goto(`/examinateur/copies/${convId}`);
    await other.getByLabel('Note sur 10').selectOption('6');
    await other.getByLabel('Commentaire').fill('Correct, sans plus : exemples absents.');
    await other.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await other.getByRole('status').filter({ hasText: 'Évaluation enregistrée : 6 / 10 (Correct).' }).waitFor();

    await page.getByLabel('Note sur 10').selectOption('9');
    await page.getByText('Appréciation : Excellent').waitFor();
    await page.getByLabel('Commentaire').fill('Excellent travail sur les contraintes.');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Vous avez déjà évalué cette copie : modifiez votre évaluation depuis « Mes évaluations ».' })
      .waitFor();
    const mine = (await api('get', '/evaluations/mine', examiner).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ note: 6 });
  });

  it('reads a copy conversation first, grading form after; « Copie suivante » opens the next copy of the queue itself', async () => {
    const examiner = await createUser(stack.t, 'examiner');
    const h = await openHackathonVia(api, stack.admin, { anonymatActif: true });
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const copies: string[] = [];
    for (const prompt of ['Prompt final A', 'Prompt final B', 'Prompt final C']) {
      const s = await createUser(stack.t, 'student');
      const c = (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
        .body.conversation.id as string;
      await submitFinalVia(api, s, c, prompt);
      copies.push(c);
    }
    await assignExaminersVia(api, stack.admin, h.id);

    const { page } = await open();
    await signInWithPassword(page, examiner.email, 'password-123');
    await page.getByRole('heading', { name: 'À corriger (3)' }).waitFor();
    await page
      .getByRole('link', { name: /^Candidat \d+ — / })
      .first()
      .click();
    const seen: string[] = [];
    for (let n = 1; n <= 3; n++) {
      await page.waitForURL(/\/examinateur\/copies\/[0-9a-f]{24}$/);
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(seen).not.toContain(id);
      seen.push(id);
      await page.getByLabel('Note sur 10').waitFor();
      // The conversation it grades comes before the grading form.
      const conversationTop = (await page.getByRole('heading', { name: /^Conversation \(/ }).boundingBox())?.y ?? 0;
      const formTop = (await page.getByLabel('Note sur 10').boundingBox())?.y ?? 0;
      expect(conversationTop).toBeGreaterThan(0);
      expect(conversationTop).toBeLessThan(formTop);
      await page.getByLabel('Note sur 10').selectOption('7');
      await page.getByLabel('Commentaire').fill(`Copie ${n} : prompt clair, exemples utiles.`);
      await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
      const saved = page.getByRole('status').filter({ hasText: 'Évaluation enregistrée : 7 / 10 (Bien).' });
      await saved.waitFor();
      if (n < 3) await saved.getByRole('link', { name: 'Copie suivante' }).click();
      else await saved.getByText(EMPTY_QUEUE).waitFor();
    }
    expect([...seen].sort()).toEqual([...copies].sort());
    const done = (await api('get', '/assignments/mine?status=done', examiner).expect(200)).body;
    expect(done.total).toBe(3);
  });
});
