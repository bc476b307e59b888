import type { Page } from 'playwright-core';
import { createUser } from '../support/auth';
import { webSuite } from '../support/browser';
import { assignExaminersVia, openHackathonVia, submitFinalVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

/** The focused element as a person meets it: what it is, its name, and whether its focus shows. */
interface Focused {
  tag: string;
  type: string;
  name: string;
  focusShows: boolean;
}

const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', type: '', name: '', focusShows: false };
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
  const name = (el.getAttribute('aria-label') || label || el.textContent || '').replace(/\\s+/g, ' ').trim();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') || '', name, focusShows: outline || style.boxShadow !== 'none' };
})()`;

/**
 * Everything from the keyboard alone (WCAG 2.1.1, 2.4.7): Tab until the element wanted has the
 * focus — each stop on the way must show its focus — then keys only; no click, no fill.
 */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<Focused> {
  for (let stop = 0; stop < 80; stop++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate<Focused>(FOCUSED);
    if (f.tag !== 'body' && !f.focusShows)
      throw new Error(`focus invisible sur ${f.tag} « ${f.name} » en cherchant ${what}`);
    if (wanted(f)) return f;
  }
  throw new Error(`${what} : introuvable au clavier après 80 tabulations`);
}

const named = (tag: string, name: string | RegExp) => (f: Focused) =>
  f.tag === tag && (typeof name === 'string' ? f.name === name : name.test(f.name));

async function signInByKeyboard(page: Page, email: string) {
  await page.goto('/connexion');
  await page.getByRole('heading', { name: 'Avec un mot de passe' }).waitFor();
  await tabTo(page, named('input', 'Adresse e-mail'), 'l’adresse e-mail');
  await page.keyboard.type(email);
  await tabTo(page, named('input', 'Mot de passe'), 'le mot de passe');
  await page.keyboard.type('password-123');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

describe('web client: with the keyboard alone', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  it('a student signs in, starts a conversation, sends a prompt and submits a final version', async () => {
    const h = await openHackathonVia(api, stack.admin);
    const student = await createUser(stack.t, 'student');
    const { page } = await open();
    await signInByKeyboard(page, student.email);
    await page.getByRole('heading', { name: 'Mes hackathons', level: 1 }).waitFor();

    await tabTo(page, named('a', h.nom), 'le lien du hackathon');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: h.nom, level: 1 }).waitFor();
    // A shorter answer, chosen with the arrow keys in its radio group.
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio' && /^Réponse moyenne/.test(f.name), 'la longueur');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: /^Réponse courte/ }).isChecked()).resolves.toBe(true);
    await tabTo(page, named('button', 'Commencer une conversation (tâche 1)'), 'le bouton de la tâche 1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/etudiant\/conversations\//);

    await tabTo(page, named('textarea', 'Votre prompt'), 'la zone du prompt');
    await page.keyboard.type('Explique les listes en Python.');
    await tabTo(page, named('button', 'Envoyer'), 'Envoyer');
    await page.keyboard.press('Enter');
    await page.locator('.message-assistant').waitFor({ timeout: 120_000 });
    // After the send, the focus is back in the prompt box.
    await expect(page.evaluate<Focused>(FOCUSED)).resolves.toMatchObject({ tag: 'textarea', name: 'Votre prompt' });

    await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio' && /Réponse 1/.test(f.name), 'la réponse 1');
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: /Réponse 1/ }).isChecked()).resolves.toBe(true);
    await tabTo(page, named('textarea', 'Prompt final'), 'le prompt final');
    await page.keyboard.press('End');
    await page.keyboard.type(' Avec un exemple.');
    await tabTo(page, named('button', 'Soumettre la version finale'), 'le bouton de soumission');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Version finale soumise' }).waitFor();
    // The focus goes to what was just submitted.
    await expect(page.evaluate<Focused>(FOCUSED)).resolves.toMatchObject({ tag: 'h2', name: 'Version finale soumise' });
    const convId = new URL(page.url()).pathname.split('/').pop();
    const c = (await api('get', `/conversations/${convId}`, student).expect(200)).body.conversation;
    expect(c.versionFinale.promptFinal).toBe('Explique les listes en Python. Avec un exemple.');
    expect(c.maxTokens).toBe(170);
  });

  it('an examiner signs in, opens a copy, grades it and goes on to the next copy', async () => {
    const examiner = await createUser(stack.t, 'examiner');
    const h = await openHackathonVia(api, stack.admin, { anonymatActif: true });
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    for (const prompt of ['Prompt final un', 'Prompt final deux']) {
      const s = await createUser(stack.t, 'student');
      const c = (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
        .body.conversation.id as string;
      await submitFinalVia(api, s, c, prompt);
    }
    await assignExaminersVia(api, stack.admin, h.id);

    const { page } = await open();
    await signInByKeyboard(page, examiner.email);
    await page.getByRole('heading', { name: 'À corriger (2)' }).waitFor();
    await tabTo(page, named('a', /^Candidat \d+ — /), 'une copie');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/examinateur\/copies\//);
    // The conversation comes first; a link skips it to the grading form.
    await tabTo(page, named('a', 'Aller à l’évaluation'), 'le lien vers l’évaluation');
    await page.keyboard.press('Enter');
    await tabTo(page, named('select', 'Note sur 10'), 'la note');
    await until(async () => {
      if ((await page.getByLabel('Note sur 10').inputValue()) === '8') return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, 'la note 8 choisie aux flèches');
    await tabTo(page, named('textarea', 'Commentaire'), 'le commentaire');
    await page.keyboard.type('Prompt précis, format demandé clairement.');
    await tabTo(page, named('button', 'Enregistrer l’évaluation'), 'le bouton d’enregistrement');
    await page.keyboard.press('Enter');
    await page.getByText('Évaluation enregistrée : 8 / 10 (Très bien).').waitFor();
    const first = new URL(page.url()).pathname;
    await tabTo(page, named('a', 'Copie suivante'), 'la copie suivante');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/examinateur/copies/') && url.pathname !== first);
    await page.getByLabel('Note sur 10').waitFor();
    const mine = (await api('get', '/evaluations/mine', examiner).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ note: 8, comment: 'Prompt précis, format demandé clairement.' });
  });
});
