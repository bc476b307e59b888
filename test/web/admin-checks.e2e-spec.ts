import type { Page } from 'playwright-core';
import { createUser } from '../support/auth';
import { DESKTOP, expectNoAxeViolations, PHONE, screenshot, signInWithPassword, webSuite } from '../support/browser';
import { openHackathonVia, submitFinalVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/** The focused element: its tag, its name, and whether its focus shows. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', name: '', focusShows: false };
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
  const name = (el.getAttribute('aria-label') || label || el.textContent || '').replace(/\\s+/g, ' ').trim();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return { tag: el.tagName.toLowerCase(), name, focusShows: outline || style.boxShadow !== 'none' };
})()`;

/** Tabs until the control named `name` has the focus; every stop on the way must show its focus. */
async function tabTo(page: Page, tag: string, name: string): Promise<void> {
  for (let stop = 0; stop < 200; stop++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate<{ tag: string; name: string; focusShows: boolean }>(FOCUSED);
    if (f.tag !== 'body' && !f.focusShows) throw new Error(`focus invisible sur ${f.tag} « ${f.name} »`);
    if (f.tag === tag && f.name === name) return;
  }
  throw new Error(`${tag} « ${name} » : introuvable au clavier`);
}

/**
 * The teacher's side of automatic checks (API 1.2) in a real browser: cases and rules written
 * in the task form (a hidden case, a rule for every case), problems said next to their field,
 * « Tester sur un prompt » with each case's verdict, then a student's submission's results on
 * the hackathon page and their re-run; axe at both sizes, the new controls by keyboard.
 */
describe('web client: the teacher writes, tries and follows a task’s checks', () => {
  const web = webSuite({ RATE_LIMIT_PER_MINUTE: '100000' });
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  it('defines two cases and a rule in the form, tries them on a prompt, then sees a submission’s results and re-runs them', async () => {
    const h = await openHackathonVia(api, stack.admin, { taches: ['Traduction'] });
    const { page } = await open();
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${h.id}/modifier`);
    await page.getByRole('heading', { name: 'Modifier le hackathon' }).waitFor();

    await page.getByLabel('Vérifier automatiquement les versions finales de la tâche 1').check();
    await expect(page.getByLabel('Entrées du prompt de la tâche 1').inputValue()).resolves.toBe('texte');
    await page.getByLabel('Cas 1 : texte de l’entrée « texte »').fill('PUB-bonjour');
    await page.getByLabel('Règle 1 du cas 1 : valeur').fill('PUB-bonjour');
    await page.getByRole('button', { name: 'Ajouter un cas à la tâche 1' }).click();
    // A new case starts hidden.
    await expect(page.getByLabel(/Cas 2 public/).isChecked()).resolves.toBe(false);
    await page.getByLabel('Cas 2 : texte de l’entrée « texte »').fill('HID-cache');
    // A pattern that could hang the worker: the server refuses it, said next to the rule.
    await page.getByLabel('Règle 1 du cas 2 : type').selectOption('regex');
    await page.getByLabel('Règle 1 du cas 2 : valeur').fill('(a+)+$');
    await page.getByRole('button', { name: 'Ajouter une règle pour tous les cas' }).click();
    await page.getByLabel('Règle 1 pour tous les cas : type').selectOption('max_mots');

    // Saved with the word count left empty: the form says it, next to the field.
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const words = page.getByLabel('Règle 1 pour tous les cas : valeur');
    await expect(words.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText('Indiquez un nombre entier de mots, au moins 1.').waitFor();
    await page
      .getByRole('alert')
      .getByText(/Vérification de la tâche 1/)
      .waitFor();
    await words.fill('400');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const regex = page.getByLabel('Règle 1 du cas 2 : valeur');
    await until(async () => (await regex.getAttribute('aria-invalid')) === 'true', 'erreur du serveur sur la regex');
    await page.getByText(/Expression régulière refusée/).waitFor();
    await expectNoAxeViolations(page, 'formulaire, vérification refusée');
    await page.getByLabel('Règle 1 du cas 2 : type').selectOption('contient');
    await regex.fill('HID-autre-chose');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(new RegExp(`/admin/hackathons/${h.id}$`));

    const saved = (await api('get', `/hackathons/${h.id}`, stack.admin).expect(200)).body.hackathon.taches[0];
    expect(saved.verification).toEqual({
      cas: [
        { entrees: { texte: 'PUB-bonjour' }, attendu: [{ type: 'contient', valeur: 'PUB-bonjour' }], public: true },
        { entrees: { texte: 'HID-cache' }, attendu: [{ type: 'contient', valeur: 'HID-autre-chose' }], public: false },
      ],
      regles: [{ type: 'max_mots', valeur: 400 }],
      repetitions: 1,
      maxTokensPrompt: null,
      temperature: null,
    });

    // « Tester sur un prompt », by keyboard: the new controls are reachable.
    await page.goto(`/admin/hackathons/${h.id}/modifier`);
    await page.getByRole('heading', { name: 'Modifier le hackathon' }).waitFor();
    // From the task's last field before its checks (the date fields' own parts are the browser's).
    await page.getByLabel('Prompt système de la tâche 1 (facultatif)').focus();
    await tabTo(page, 'input', 'Vérifier automatiquement les versions finales de la tâche 1');
    await tabTo(page, 'button', 'Ajouter un cas à la tâche 1');
    await page.keyboard.press('Enter');
    await page.getByLabel('Cas 3 : texte de l’entrée « texte »').waitFor();
    await page.getByLabel('Cas 3 : texte de l’entrée « texte »').focus();
    await tabTo(page, 'button', 'Retirer le cas 3');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Cas 3 : texte de l’entrée « texte »').count()).resolves.toBe(0);
    await page.getByLabel('Température des vérifications (tâche 1, facultatif)').focus();
    await tabTo(page, 'button', 'Tester sur un prompt (tâche 1)');
    await page.keyboard.press('Enter');
    const trial = page.getByRole('region', { name: 'Essai de la vérification de la tâche 1' });
    await trial.getByText(/Budget restant : 200\s000 tokens sur 200\s000/).waitFor();
    await trial.getByLabel('Prompt d’exemple (tâche 1)').fill('Traduis {{texte}}');
    await trial.getByRole('button', { name: 'Lancer l’essai' }).click();
    await trial.getByText(/1 cas réussi sur 2/).waitFor();
    await trial.getByText('Cas 1 (public) :').waitFor();
    await expect(trial.locator('.case-run').nth(0).getByText('✓ réussi').count()).resolves.toBe(1);
    await expect(trial.locator('.case-run').nth(1).getByText('✗ échoué').count()).resolves.toBe(1);
    await trial.getByText('Réponse du modèle et raisons de l’échec').click();
    await trial
      .getByText(/HID-autre-chose/)
      .first()
      .waitFor();
    const left = (await api('get', `/hackathons/${h.id}/verifications/budget`, stack.admin).expect(200)).body.budget;
    expect(left.utilises).toBeGreaterThan(0);
    await trial.getByText(/Budget restant : /).waitFor();
    await expect(trial.textContent()).resolves.toContain(`tokens décomptés du budget`);
    await screenshot(page, 'admin-checks-trial');
    await expectNoAxeViolations(page, 'formulaire, essai de la vérification');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'formulaire, essai de la vérification, téléphone');
    await page.setViewportSize(DESKTOP);

    // A student submits: the teacher sees the results on the hackathon page, every case.
    const student = await createUser(stack.t, 'student', { prenom: 'Ana', nom: 'Vérifiée' });
    const conversation = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, conversation, 'Traduis {{texte}}');
    await until(async () => {
      const c = (await api('get', `/conversations/${conversation}`, stack.admin).expect(200)).body.conversation;
      return c.versionFinale.verification.statut === 'terminee';
    }, 'vérification de la soumission');

    await page.goto(`/admin/hackathons/${h.id}`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Vérifications', level: 2 }) });
    const card = section.getByRole('article', { name: /Traduction/ });
    await card.waitFor();
    await card.getByText('Terminée').waitFor();
    await card.getByText('50 %').waitFor();
    await card.getByText('1 sur 2').waitFor();
    await card.getByText(/^Résultats par cas/).click();
    await card.getByText('Cas 2 (caché) :').waitFor();
    await expect(card.locator('.case-run').nth(1).getByText('✗ échoué').count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'hackathon, vérifications');

    await section.getByRole('button', { name: 'Relancer les vérifications' }).click();
    await until(
      async () =>
        (await section
          .getByRole('progressbar', { name: 'Relance des vérifications' })
          .getAttribute('aria-valuenow')) === '100',
      'relance terminée',
    );
    await section.getByText('1 soumission vérifiée : 1 terminée.').waitFor();
    await screenshot(page, 'admin-checks-results');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'hackathon, vérifications, téléphone');
    await page.setViewportSize(DESKTOP);

    // The budget lowered in the form below what a run needs: a try stops, and says why.
    await page.goto(`/admin/hackathons/${h.id}/modifier`);
    await page.getByLabel('Budget de vérification (tokens)').fill('1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(new RegExp(`/admin/hackathons/${h.id}$`));
    await section.getByText(/sur 1, 0 restants/).waitFor();
    await page.goto(`/admin/hackathons/${h.id}/modifier`);
    await page.getByRole('button', { name: 'Tester sur un prompt (tâche 1)' }).click();
    await trial.getByLabel('Prompt d’exemple (tâche 1)').fill('Traduis {{texte}}');
    await trial.getByRole('button', { name: 'Lancer l’essai' }).click();
    await trial.getByText(/Arrêtée : budget de vérification épuisé/).waitFor();
    await trial.getByText(/budget de vérification du hackathon est épuisé/).waitFor();
  });
});
