import { createUser } from '../support/auth';
import { linkIn, screenshot, signInWithPassword, webSuite } from '../support/browser';
import type { FullStack } from '../support/full-stack';

/** Everyone's pages in a real browser: sign-in (password, link), reset, profile, silent refresh. */
describe('web client: signing in and staying in', () => {
  const web = webSuite();
  const { open } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  it('sends a signed-out person from a deep link to the sign-in page, says a wrong password in French, then goes back there', async () => {
    const { page } = await open();
    const student = await createUser(stack.t, 'student', { prenom: 'Inès' });
    await page.goto('/profil');
    await page.waitForURL(/\/connexion\?retour=%2Fprofil/);
    await screenshot(page, 'connexion');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Avec un mot de passe' }) });
    await form.getByLabel('Adresse e-mail').fill(student.email);
    await form.getByLabel('Mot de passe').fill('pas-le-bon');
    await form.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Adresse e-mail ou mot de passe incorrect.');
    await form.getByLabel('Mot de passe').fill('password-123');
    await form.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/profil$/);
    await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
    await expect(page.getByText(student.email).count()).resolves.toBe(1);
  });

  it('signs in with a link sent by mail, which works once', async () => {
    const { page } = await open();
    const student = await createUser(stack.t, 'student');
    await page.goto('/connexion');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Avec un lien par e-mail' }) });
    await form.getByLabel('Adresse e-mail').fill(student.email);
    await form.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(`Si un compte existe pour ${student.email}`).waitFor();
    const mail = await stack.smtp.waitFor((m) => m.to.includes(student.email));
    const link = linkIn(mail, '/connexion');
    await page.goto(link);
    await page.waitForURL(/\/etudiant$/);
    // The same link again, in another browser: refused, with a way out.
    const other = await open();
    await other.page.goto(link);
    await other.page.getByRole('alert').waitFor();
    await other.page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
  });

  it('resets a forgotten password from the mailed link and signs in with the new one', async () => {
    const { page } = await open();
    const examiner = await createUser(stack.t, 'examiner');
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill(examiner.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(`Si un compte existe pour ${examiner.email}`).waitFor();
    const mail = await stack.smtp.waitFor((m) => m.to.includes(examiner.email) && /mot-de-passe/.test(m.text));
    await page.goto(linkIn(mail, '/mot-de-passe'));
    await page.getByLabel('Nouveau mot de passe').fill('nouveau-secret-1');
    await page.getByLabel('Confirmer le mot de passe').fill('autre-chose-1');
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('ne sont pas identiques');
    await page.getByLabel('Confirmer le mot de passe').fill('nouveau-secret-1');
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
    await page.waitForURL(/\/examinateur$/);
    const again = await open();
    await signInWithPassword(again.page, examiner.email, 'nouveau-secret-1');
    expect(new URL(again.page.url()).pathname).toBe('/examinateur');
  });

  it('keeps the session through a dead access token in two tabs at once (one refresh at a time), and signs out', async () => {
    const { page, context } = await open();
    const student = await createUser(stack.t, 'student');
    await signInWithPassword(page, student.email, 'password-123');
    await page.goto('/profil');
    const second = await context.newPage();
    await second.goto('/profil');
    await second.getByRole('heading', { name: 'Mon profil' }).waitFor();
    // Both tabs now hold an access token the API refuses: each request gets 401, both refresh.
    await page.evaluate(`(() => {
      const key = 'prompt-challenge.session';
      const s = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...s, accessToken: 'abimé.abimé.abimé' }));
    })()`);
    await Promise.all([page.reload(), second.reload()]);
    await Promise.all([
      page.getByRole('checkbox', { name: /J’accepte/ }).click(),
      second.getByRole('heading', { name: 'Mon profil' }).waitFor(),
    ]);
    await page.getByText('Consentement enregistré.').waitFor();
    // Still signed in after both refreshed: a second refresh with a used token would have ended the session.
    await second.reload();
    await second.getByRole('heading', { name: 'Mon profil' }).waitFor();
    await screenshot(page, 'profil');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion$/);
    await second.goto('/profil');
    await second.waitForURL(/\/connexion\?retour=/);
  });

  it('fits a phone: the menu opens from its button and the pages stay within the screen', async () => {
    const { page } = await open({ width: 390, height: 780 });
    const student = await createUser(stack.t, 'student');
    await signInWithPassword(page, student.email, 'password-123');
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: /Nom/ }).click();
    await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    // Keyboard: the skip link comes first and leads to the content.
    await page.reload();
    await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe('Aller au contenu');
  });

  it('joins from an invitation: each attempt starts without the old error, and a used link says so instead of the form', async () => {
    const email = `invite-${Date.now()}@test.example`;
    await web
      .api('post', '/users', stack.admin)
      .send({ prenom: 'Noé', nom: 'Invité', email, role: 'student' })
      .expect(201);
    const mail = await stack.smtp.waitFor((m) => m.to.includes(email));
    const link = linkIn(mail, '/invitation');
    const { page } = await open();
    await page.goto(link);
    const password = page.getByLabel('Mot de passe', { exact: true });
    const confirm = page.getByLabel('Confirmer le mot de passe');
    await password.fill('secret-de-noe-1');
    await confirm.fill('autre-chose-1');
    await page.getByRole('button', { name: 'Rejoindre' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Les deux mots de passe ne sont pas identiques.' }).waitFor();
    // Typing again clears the old error; a new attempt says only its own.
    await confirm.fill('secret-de-noe');
    await expect(alert.count()).resolves.toBe(0);
    await password.fill('court');
    await confirm.fill('court');
    await page.getByRole('button', { name: 'Rejoindre' }).click();
    await alert.filter({ hasText: 'au moins 8 caractères' }).waitFor();
    await expect(alert.count()).resolves.toBe(1);
    await password.fill('secret-de-noe-1');
    await confirm.fill('secret-de-noe-1');
    await page.getByRole('button', { name: 'Rejoindre' }).click();
    await page.waitForURL(/\/etudiant$/);

    // The same link again, elsewhere: dead, said as such, no form left to fill in vain.
    const other = await open();
    await other.page.goto(link);
    await other.page.getByLabel('Mot de passe', { exact: true }).fill('encore-un-essai-1');
    await other.page.getByLabel('Confirmer le mot de passe').fill('encore-un-essai-1');
    await other.page.getByRole('button', { name: 'Rejoindre' }).click();
    await other.page.getByRole('heading', { name: 'Ce lien d’invitation a déjà servi ou a expiré' }).waitFor();
    await expect(other.page.getByRole('button', { name: 'Rejoindre' }).count()).resolves.toBe(0);
    await expect(other.page.getByLabel('Mot de passe', { exact: true }).count()).resolves.toBe(0);
    await other.page.getByRole('link', { name: 'connectez-vous' }).click();
    await other.page.waitForURL(/\/connexion$/);
  });
});
