import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/auth';
import { DESKTOP, expectNoAxeViolations, PHONE, signInWithPassword, webSuite } from '../support/browser';
import { anOpenHackathonBody } from '../support/builders';
import { submitFinalVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

const shot = (name: string) => resolve(__dirname, `../../docs/screenshots/${name}.png`);
const NNBSP = '\u202f';
const JOB = { timeout: 120_000 };

/**
 * Issue 21 (API 1.2 "The class, run by a teacher alone"), the admin pages: a teacher preparing a
 * class alone, from an empty first screen to the end of the hackathon, in a real browser.
 */
describe('web client: a teacher runs a class alone (admin pages, issue 21)', () => {
  // The admin signs in once per test: more than the 5 sign-ins a minute one person gets (LOGIN_RATE_LIMIT_PER_MINUTE).
  const web = webSuite({ RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100' });
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  const section = (page: Page, heading: string) =>
    page.locator('section', { has: page.getByRole('heading', { name: heading, level: 2 }) });
  /** The step of the getting-started path titled `title`, once its state reads `state`. */
  const step = (steps: Locator, title: string, state: 'Fait' | 'À faire' | 'Prochaine étape') =>
    steps
      .getByRole('listitem')
      .filter({ hasText: title })
      .filter({ hasText: new RegExp(`^${state}`) });
  /** The text of the elements that describe `field` (its hint and its error: aria-describedby). */
  const description = (field: Locator) =>
    field.evaluate((el) => {
      const d = (globalThis as any).document;
      return (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id: string) => d.getElementById(id)?.textContent ?? '')
        .join(' ');
    });
  /** What has the keyboard focus: its text, and whether it is inside the dialog. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const active = (globalThis as any).document.activeElement;
      return { text: (active?.textContent ?? '') as string, inDialog: !!active?.closest('dialog') };
    });
  const focusIs = (page: Page, text: string, inDialog: boolean) =>
    until(async () => {
      const f = await focused(page);
      return f.text === text && f.inDialog === inDialog;
    }, `le focus sur « ${text} »`);
  /** A `datetime-local` value `offsetMs` after `from` (ms since the epoch), in the page's time zone. */
  const localInput = (page: Page, from: number, offsetMs: number) =>
    page.evaluate(
      ([start, offset]) => {
        const d = new Date(start + offset);
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      },
      [from, offsetMs] as const,
    );
  const statutOf = async (id: string) =>
    (await api('get', `/hackathons/${id}`, stack.admin).expect(200)).body.hackathon.statut as string;

  /** A `liste` hackathon, open now, with `students` on its roster. */
  async function openClass(students: TestUser[], overrides: Record<string, unknown> = {}) {
    const h = (
      await api('post', '/hackathons', stack.admin)
        .send(anOpenHackathonBody({ acces: 'liste', taches: ['Résumer un article'], ...overrides }))
        .expect(201)
    ).body.hackathon;
    await api('put', `/hackathons/${h.id}/participants`, stack.admin)
      .send({ studentIds: students.map((s) => s.id) })
      .expect(200);
    await api('post', `/hackathons/${h.id}/status`, stack.admin).send({ statut: 'En cours' }).expect(200);
    return { id: h.id as string, nom: h.nom as string, tacheId: h.taches[0].id as string };
  }

  // First in this file: the database has no hackathon yet.
  it('explains the steps of a class on the empty first screen; the form has sensible defaults, explains tokens and says each error next to its field until it is fixed; the steps move as the teacher goes', async () => {
    const { page } = await open();
    const tag = Date.now().toString(36);
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page
      .getByText('Aucun hackathon pour le moment. Un hackathon se prépare en quelques étapes', { exact: false })
      .waitFor();
    const steps = section(page, 'Les étapes de la classe');
    await expect(steps.locator('.step-title').allTextContents()).resolves.toEqual([
      'Créer le hackathon',
      'Créer ou importer les comptes',
      'Choisir le jury',
      'Établir la liste des participants',
      'Ouvrir aux étudiants',
      'Attribuer les copies aux examinateurs',
      'Publier les résultats',
    ]);
    await step(steps, 'Créer le hackathon', 'Prochaine étape').waitFor();
    await step(steps, 'Publier les résultats', 'À faire').waitFor();

    // The form: the start at the next quarter hour (never in the past), the end two hours later.
    const before = await page.evaluate(() => Date.now());
    await steps.getByRole('link', { name: 'Créer le hackathon' }).click();
    await page.getByRole('heading', { name: 'Nouveau hackathon', level: 1 }).waitFor();
    const debut = page.getByLabel('Début', { exact: true });
    const fin = page.getByLabel('Fin', { exact: true });
    const dates = await page.evaluate(
      ([d, f]) => [new Date(d).getTime(), new Date(f).getTime()],
      [await debut.inputValue(), await fin.inputValue()],
    );
    expect(dates[0]).toBeGreaterThanOrEqual(before);
    expect(dates[0] - before).toBeLessThan(15 * 60_000);
    expect(new Date(dates[0]).getUTCMinutes() % 15).toBe(0);
    expect(dates[1] - dates[0]).toBe(2 * 3600_000);

    // Tokens, in exchanges a teacher can picture; the estimate follows the number typed.
    const tokens = page.getByLabel('Tokens par étudiant');
    await expect(description(tokens)).resolves.toMatch(
      /^≈ 8 échanges de taille moyenne dans une même conversation, ou ≈ 38 /,
    );
    await tokens.fill('4000');
    await expect(description(tokens)).resolves.toMatch(/^≈ 5 échanges de taille moyenne/);

    // No name and an end before the start: each said next to its field, the focus on the first.
    await page.getByRole('textbox', { name: 'Tâche 1', exact: true }).fill('Résumer un article');
    await fin.fill(await localInput(page, dates[0], -3600_000));
    await page.getByRole('button', { name: 'Créer le hackathon' }).click();
    const nom = page.getByLabel('Nom', { exact: true });
    await until(async () => (await nom.getAttribute('aria-invalid')) === 'true', 'le nom signalé');
    await expect(description(nom)).resolves.toBe('Donnez un nom au hackathon.');
    await expect(fin.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(description(fin)).resolves.toContain('La fin doit venir après le début.');
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toBe('Corrigez les champs signalés : Nom, Fin.');
    await until(
      () => page.evaluate(() => (globalThis as any).document.activeElement?.labels?.[0]?.textContent === 'Nom'),
      'le focus sur le nom',
    );
    // Fixing the dates takes the message away at once, without sending again.
    await fin.fill(await localInput(page, dates[0], 3 * 3600_000));
    await page.getByText('La fin doit venir après le début.').waitFor({ state: 'detached' });
    await expect(fin.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(summary.textContent()).resolves.toBe('Corrigez le champ signalé : Nom.');
    await nom.fill(`Atelier prompts ${tag}`);
    await summary.waitFor({ state: 'detached' });

    // What only the server checks comes back next to its field too, without its technical key.
    await tokens.fill('20000000');
    await page.getByRole('button', { name: 'Créer le hackathon' }).click();
    await until(async () => (await tokens.getAttribute('aria-invalid')) === 'true', 'les tokens signalés');
    await expect(description(tokens)).resolves.toContain('Valeur trop grande.');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Corrigez le champ signalé : Tokens par étudiant.',
    );
    await expect(page.getByText(/Données invalides|quotas\.tokensParEtudiant/).count()).resolves.toBe(0);
    await tokens.fill('4000');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await expect(tokens.getAttribute('aria-invalid')).resolves.toBeNull();

    await page.getByLabel('Objectifs').fill('- Rédiger un prompt clair\n- Citer ses sources');
    await page.getByLabel('Accès').selectOption('liste');
    await page.getByRole('button', { name: 'Créer le hackathon' }).click();
    await page.waitForURL(/\/admin\/hackathons\/[0-9a-f]{24}$/);
    const hackathonPath = new URL(page.url()).pathname;
    const summaryCard = section(page, 'En bref');
    await summaryCard.getByRole('listitem').first().waitFor();
    await expect(summaryCard.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Rédiger un prompt clair',
      'Citer ses sources',
      'Résumer un article',
    ]);
    const classSteps = section(page, 'Les étapes de la classe');
    await step(classSteps, 'Créer le hackathon', 'Fait').waitFor();
    await step(classSteps, 'Créer ou importer les comptes', 'Prochaine étape').waitFor();

    // The accounts, from the step's link: one examiner, one student, by the form.
    await classSteps.getByRole('link', { name: 'Créer ou importer les comptes' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Créer un compte' }) });
    for (const [prenom, role] of [
      ['Jules', 'examiner'],
      ['Ana', 'student'],
    ] as const) {
      await form.getByLabel('Prénom').fill(prenom);
      await form.getByLabel('Nom', { exact: true }).fill(`Classe${tag}`);
      await form.getByLabel('Adresse e-mail').fill(`${prenom.toLowerCase()}.${tag}@ecole.example`);
      await form.getByLabel('Rôle').selectOption(role);
      await form.getByRole('button', { name: 'Créer le compte' }).click();
      await form.getByText(`Compte créé pour ${prenom} Classe${tag}`, { exact: false }).waitFor();
    }

    await page.goto(hackathonPath);
    await step(classSteps, 'Créer ou importer les comptes', 'Fait').waitFor();
    await step(classSteps, 'Choisir le jury', 'Prochaine étape').waitFor();
    // Each step leads to its section; saving there moves the step, without reloading the page.
    await classSteps.getByRole('link', { name: 'Choisir le jury' }).click();
    expect(new URL(page.url()).hash).toBe('#jury-titre');
    const jury = section(page, 'Jury');
    await jury.getByRole('checkbox', { name: `Jules Classe${tag}`, exact: false }).check();
    await jury.getByRole('button', { name: 'Enregistrer le jury' }).click();
    await step(classSteps, 'Choisir le jury', 'Fait').waitFor();
    await step(classSteps, 'Établir la liste des participants', 'Prochaine étape').waitFor();
    const participants = section(page, 'Participants');
    await participants.getByText('Choisir la liste des étudiants').click();
    await participants.getByRole('checkbox', { name: `Ana Classe${tag}`, exact: false }).check();
    await participants.getByRole('button', { name: 'Enregistrer la liste' }).click();
    await step(classSteps, 'Établir la liste des participants', 'Fait').waitFor();
    await expect(
      classSteps.getByRole('listitem').filter({ hasText: 'Établir la liste des participants' }).textContent(),
    ).resolves.toContain('1 étudiant sur la liste.');

    // Opening: each move explained in a sentence, and this one confirmed first.
    const status = section(page, 'Statut');
    await expect(description(status.getByRole('button', { name: 'Passer en test' }))).resolves.toMatch(
      /^Passer en test : pour une répétition/,
    );
    await expect(description(status.getByRole('button', { name: 'Ouvrir aux étudiants' }))).resolves.toMatch(
      /^Ouvrir aux étudiants : pour la séance réelle/,
    );
    await status.getByRole('button', { name: 'Ouvrir aux étudiants' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('L’étudiant de la liste pourra y travailler du ', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Ouvrir aux étudiants' }).click();
    await step(classSteps, 'Ouvrir aux étudiants', 'Fait').waitFor();
    await step(classSteps, 'Attribuer les copies aux examinateurs', 'Prochaine étape').waitFor();
    await classSteps.screenshot({ path: shot('admin-etapes') });
  });

  /**
   * Whether each of `cells` shows its whole text where it stands: nothing cut inside the cell
   * (no ellipsis, no overflow), and the cell inside what its scrolling table shows without
   * scrolling sideways.
   */
  const wholeTextShown = (cells: Locator) =>
    cells.evaluateAll((tds) =>
      tds.map((td) => {
        const style = (globalThis as any).getComputedStyle(td);
        const box = td.getBoundingClientRect();
        const frame = (td.closest('.table-wrap') ?? td).getBoundingClientRect();
        return (
          td.scrollWidth <= td.clientWidth &&
          td.scrollHeight <= td.clientHeight &&
          style.textOverflow !== 'ellipsis' &&
          box.left >= frame.left - 0.5 &&
          box.right <= frame.right + 0.5
        );
      }),
    );

  it('imports the class list a French spreadsheet exports (Nom;Prénom;Adresse e-mail;Classe, BOM, CRLF) from the users page: the report names the bad row, the duplicate, the existing account and the extra column; the new accounts are listed', async () => {
    const tag = Date.now().toString(36);
    const existing = await createUser(stack.t, 'student', { prenom: 'Déjà', nom: `Inscrite${tag}` });
    const h = (
      await api('post', '/hackathons', stack.admin)
        .send(anOpenHackathonBody({ nom: `Seconde B ${tag}`, acces: 'liste', taches: ['Résumer un article'] }))
        .expect(201)
    ).body.hackathon;
    const email = (p: string) => `${p}.${tag}@lycee.example`;
    // As a spreadsheet saves "CSV UTF-8": a BOM, `;`, CRLF, and a column of its own the import does not use.
    const file = Buffer.from(
      '\ufeff' +
        [
          'Nom;Prénom;Adresse e-mail;Classe;Remarque',
          `Dupont${tag};Élodie;${email('elodie')};2nde B;déléguée`,
          `Martin${tag};Hugo;${email('hugo')};2nde B;`,
          `Bernard${tag};Inès;pas-une-adresse;2nde B;`,
          `Dupont${tag};Élodie bis;${email('elodie')};2nde B;`,
          `Déjà;Inscrite;${existing.email};2nde B;`,
          `Petit${tag};Noé;${email('noe')};2nde C;`,
          '',
        ].join('\r\n'),
      'utf8',
    );

    const { page } = await open(DESKTOP);
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto('/admin/utilisateurs');
    const importer = section(page, 'Importer une classe (CSV)');
    // The page says what it reads: three columns required, the rest optional, in any order.
    await expect(description(importer.getByLabel('Contenu CSV'))).resolves.toMatch(
      /^Colonnes : prénom, nom et adresse e-mail \(obligatoires\) ; rôle \(élève si vide\)/,
    );
    await importer
      .getByLabel('Fichier CSV')
      .setInputFiles({ name: 'seconde-b.csv', mimeType: 'text/csv', buffer: file });
    const content = importer.getByLabel('Contenu CSV');
    await until(
      async () => /^\ufeff?Nom;Prénom;Adresse e-mail;Classe;Remarque\n/.test(await content.inputValue()),
      'le fichier lu dans la page',
    );
    await importer.getByLabel('Ajouter les étudiants à la liste du hackathon').selectOption({ label: h.nom });
    await importer.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = importer.getByLabel('Rapport d’import');
    await report.waitFor(JOB);
    await expect(report.getByRole('list').first().getByRole('listitem').allTextContents()).resolves.toEqual([
      '6 lignes lues.',
      '3 comptes créés, 3 invitations envoyées.',
      '1 ligne ignorée (compte existant).',
      '2 lignes refusées.',
      '4 étudiants ajoutés à la liste du hackathon, qui en compte 4.',
      '1 colonne ignorée : « Remarque ».',
    ]);
    // The refused rows with their line and their reason in French; the existing account by its email.
    const refused = report.getByRole('table', { name: 'Lignes refusées' });
    const rows = async () =>
      Promise.all((await refused.locator('tbody tr').all()).map((r) => r.getByRole('cell').allTextContents()));
    await expect(rows()).resolves.toEqual([
      ['4', 'pas-une-adresse', 'email invalide : pas-une-adresse'],
      ['5', email('elodie'), 'email en double dans le fichier (déjà ligne 2)'],
    ]);
    await expect(report.getByText(`Comptes déjà existants : ${existing.email}`).count()).resolves.toBe(1);
    const reasons = refused.locator('tbody td:last-child');
    await expect(wholeTextShown(reasons)).resolves.toEqual([true, true]);
    await expectNoAxeViolations(page, 'utilisateurs, rapport d’import, bureau');

    // The new accounts in the list, newest first, their invitations pending; the refused ones nowhere.
    const accounts = section(page, 'Comptes');
    for (const who of [`Élodie Dupont${tag}`, `Hugo Martin${tag}`, `Noé Petit${tag}`]) {
      const row = accounts.getByRole('row', { name: new RegExp(`^${who}`) });
      await row.waitFor();
      await expect(row.getByRole('cell').nth(3).textContent()).resolves.toMatch(/^En attente, envoyée le /);
    }
    await expect(accounts.getByText(/Élodie bis|Inès Bernard/).count()).resolves.toBe(0);

    // On a phone: the report's reasons still whole, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await expect(wholeTextShown(reasons)).resolves.toEqual([true, true]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'utilisateurs, rapport d’import, téléphone');

    // The template the page offers: what a spreadsheet opens, and what the import reads.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      importer.getByRole('button', { name: 'Télécharger le modèle (CSV)' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('modele-import-utilisateurs.csv');
    const bytes = readFileSync(await template.path(), 'utf8');
    expect(bytes.startsWith('\ufeffPrénom;Nom;Adresse e-mail;Rôle;Numéro étudiant;Classe\r\n')).toBe(true);
  });

  it('asks before ending a hackathon, with the figures of the class; Escape cancels and gives the focus back; all by keyboard', async () => {
    const tag = Date.now().toString(36);
    const students = [];
    for (const prenom of ['Ana', 'Bruno', 'Chloé'])
      students.push(await createUser(stack.t, 'student', { prenom, nom: `Fin${tag}` }));
    const h = await openClass(students);
    const conv = (
      await api('post', '/conversations', students[0]).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, students[0], conv, 'Résume cet article en trois points.');

    const { page } = await open();
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${h.id}`);
    const status = section(page, 'Statut');
    const end = status.getByRole('button', { name: 'Terminer le hackathon' });
    await end.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Terminer le hackathon « ${h.nom} » ?` });
    await dialog.waitFor();
    await expect(dialog.getByRole('listitem').allTextContents()).resolves.toEqual([
      '2 étudiants sur 3 n’ont soumis aucune version finale ; ils ne pourront plus rien envoyer ni soumettre.',
      'Plus personne ne pourra ouvrir de conversation, envoyer de prompt ni soumettre : cela ne peut pas être annulé.',
      'Les examinateurs pourront ensuite noter les copies que vous leur attribuerez.',
    ]);
    await expect(dialog.getAttribute('aria-modal')).resolves.toBe('true');
    await dialog.screenshot({ path: shot('admin-confirmation') });
    await expectNoAxeViolations(page, 'terminer le hackathon, confirmation, bureau');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'terminer le hackathon, confirmation, téléphone');
    await page.setViewportSize(DESKTOP);
    // The focus starts on the safe choice and stays in the dialog.
    await focusIs(page, 'Annuler', true);
    await page.keyboard.press('Tab');
    await focusIs(page, 'Terminer le hackathon', true);
    await page.keyboard.press('Tab');
    await focusIs(page, 'Annuler', true);
    await page.keyboard.press('Shift+Tab');
    await focusIs(page, 'Terminer le hackathon', true);

    // Escape: nothing changes, and the focus is back on the page's button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await focusIs(page, 'Terminer le hackathon', false);
    await expect(statutOf(h.id)).resolves.toBe('En cours');

    // Confirmed by keyboard: over, and the students who had not submitted are refused.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await focusIs(page, 'Annuler', true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await status.getByText('Statut changé : Terminé.').waitFor();
    await expect(statutOf(h.id)).resolves.toBe('Terminé');
    await api('post', '/conversations', students[1]).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(409);

    // Archiving says that the ungraded version will never be graded, nor the results published.
    await status.getByRole('button', { name: 'Archiver' }).click();
    const archive = page.getByRole('dialog', { name: `Archiver « ${h.nom} » ?` });
    await archive.waitFor();
    await expect(archive.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Le hackathon ne pourra plus changer de statut : l’archivage est définitif.',
      '1 version finale sur 1 n’a encore aucune note : les examinateurs ne pourront plus la noter.',
      'Les résultats ne sont pas publiés : une fois le hackathon archivé, ils ne pourront plus l’être et les étudiants ne verront jamais leurs notes.',
      'Les conversations resteront consultables, en lecture seule.',
    ]);
    await archive.getByRole('button', { name: 'Annuler' }).click();
    await archive.waitFor({ state: 'hidden' });
    await focusIs(page, 'Archiver', false);
    await expect(statutOf(h.id)).resolves.toBe('Terminé');
  });

  it('writes numbers the French way on the hackathon page: "7,5 ; 8" and "7,75" on the leaderboard, "100 000 tokens"', async () => {
    const tag = Date.now().toString(36);
    const ana = await createUser(stack.t, 'student', { prenom: 'Ana', nom: `Note${tag}` });
    const examiners = [await createUser(stack.t, 'examiner'), await createUser(stack.t, 'examiner')];
    const h = await openClass([ana]);
    await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);
    const conv = (await api('post', '/conversations', ana).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id as string;
    await submitFinalVia(api, ana, conv, 'Résume cet article en trois points.');
    await api('post', `/hackathons/${h.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);
    const job = (
      await api('post', `/hackathons/${h.id}/assignments`, stack.admin).send({ examinersPerSubmission: 2 }).expect(202)
    ).body.jobId;
    await until(async () => {
      const j = (await api('get', `/hackathons/${h.id}/assignments/jobs/${job}`, stack.admin).expect(200)).body;
      if (j.state === 'failed') throw new Error(j.failedReason);
      return j.state === 'completed';
    }, 'le job d’attribution');
    for (const [examiner, note] of [
      [examiners[0], 7.5],
      [examiners[1], 8],
    ] as const)
      await api('post', '/evaluations', examiner)
        .send({ conversationId: conv, note, comment: 'Prompt précis, réponse bien exploitée.' })
        .expect(201);

    const { page } = await open();
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${h.id}`);
    await expect(section(page, 'En bref').textContent()).resolves.toContain(`30 prompts, 100${NNBSP}000 tokens`);
    const board = section(page, 'Classement');
    const ranked = board.getByRole('row', { name: new RegExp(`Ana Note${tag}`) });
    await ranked.waitFor();
    const cells = await ranked.getByRole('cell').allTextContents();
    expect(cells[3]).toBe('7,75');
    expect(cells[5]).toBe('7,5 ; 8');
    expect(cells.join(' ')).not.toMatch(/\d\.\d/);
    await expect(
      section(page, 'Les étapes de la classe')
        .getByRole('listitem')
        .filter({ hasText: 'Attribuer les copies' })
        .textContent(),
    ).resolves.toMatch(/^Fait.*2 copies attribuées\.$/);
  });

  it('shows the class dashboard on a phone as cards and on a laptop as a table, the blocked students first and flagged, live; a new quota total unblocks one', async () => {
    const tag = Date.now().toString(36);
    const students = [];
    for (const [prenom, nom] of [
      ['Ana', 'Abel'],
      ['Bruno', 'Bernard'],
      ['Chloé', 'Caron'],
    ])
      students.push(await createUser(stack.t, 'student', { prenom, nom: `${nom}${tag}` }));
    const [, bruno, chloe] = students;
    const h = await openClass(students, { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 } });
    const send = async (who: TestUser) => {
      const conv = (
        await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
      ).body.conversation.id;
      await api('post', `/conversations/${conv}/messages`, who).send({ content: 'Résume cet article.' }).expect(202);
    };
    await send(chloe);

    const { page } = await open({ width: 390, height: 844 });
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${h.id}`);
    const dashboard = section(page, 'Tableau de bord de la classe');
    await dashboard.getByText('Mis à jour en direct.').waitFor();
    const cards = dashboard.getByRole('list', { name: 'Étudiants de la classe' });
    const order = () => cards.getByRole('heading', { level: 3 }).allTextContents();
    await until(
      async () =>
        (await order()).join('|') === [`Chloé Caron${tag}`, `Ana Abel${tag}`, `Bruno Bernard${tag}`].join('|'),
      'Chloé en tête',
    );
    const first = cards.getByRole('listitem').first();
    await expect(first.textContent()).resolves.toContain('Bloqué plus aucun prompt.');
    await dashboard
      .getByText('1 étudiant bloqué par son quota : il est en tête de la liste.', { exact: false })
      .waitFor();
    await expect(dashboard.getByRole('table').count()).resolves.toBe(0);

    // Bruno uses his only prompt while the page is open: he moves up, flagged.
    await send(bruno);
    await until(
      async () =>
        (await order()).join('|') === [`Bruno Bernard${tag}`, `Chloé Caron${tag}`, `Ana Abel${tag}`].join('|'),
      'Bruno remonte',
    );
    await dashboard
      .getByText('2 étudiants bloqués par leur quota : ils sont en tête de la liste.', { exact: false })
      .waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await dashboard.screenshot({ path: shot('admin-tableau-de-bord-telephone') });
    await expectNoAxeViolations(page, 'tableau de bord, étudiants bloqués, téléphone');

    // On a laptop, the same class as a table: the blocked students first, flagged in their row.
    await page.setViewportSize(DESKTOP);
    const table = dashboard.getByRole('table');
    await table.waitFor();
    const tableRows = table.locator('tbody tr');
    await expect(tableRows.getByRole('rowheader').allTextContents()).resolves.toEqual([
      `Bruno Bernard${tag}`,
      `Chloé Caron${tag}`,
      `Ana Abel${tag}`,
    ]);
    for (const i of [0, 1])
      await expect(tableRows.nth(i).getByRole('cell').first().textContent()).resolves.toMatch(/^Bloqué /);
    await expect(tableRows.nth(2).getByRole('cell').first().textContent()).resolves.toBe('—');
    await expectNoAxeViolations(page, 'tableau de bord, étudiants bloqués, bureau');
    await page.setViewportSize(PHONE);
    await cards.waitFor();

    // A new total for Bruno: the form shows his current one, and says it replaces it.
    await dashboard.getByLabel('Étudiant', { exact: true }).selectOption({ label: `Bruno Bernard${tag}` });
    await dashboard
      .getByText(`Quota actuel de Bruno Bernard${tag} : 1 prompt utilisé sur 1,`, { exact: false })
      .waitFor();
    const total = dashboard.getByLabel('Nouveau total de prompts');
    await expect(description(total)).resolves.toBe('Remplace le total actuel (1), ne s’y ajoute pas. Vide : inchangé.');
    await total.fill('5');
    await dashboard.getByRole('button', { name: 'Enregistrer le nouveau quota' }).click();
    await dashboard.getByText(`Quota de Bruno Bernard${tag} : 5 prompts, 100${NNBSP}000 tokens au total.`).waitFor();
    await until(
      async () =>
        (await order()).join('|') === [`Chloé Caron${tag}`, `Ana Abel${tag}`, `Bruno Bernard${tag}`].join('|'),
      'Bruno débloqué',
    );
  });

  it('keeps the admin’s own row out of reach, and confirms deleting an account and erasing a person’s data', async () => {
    const tag = Date.now().toString(36);
    const leaving = await createUser(stack.t, 'student', { prenom: 'Léo', nom: `Part${tag}` });
    const erased = await createUser(stack.t, 'student', { prenom: 'Inès', nom: `Efface${tag}` });
    const { page } = await open();
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto('/admin/utilisateurs');
    const accounts = section(page, 'Comptes');
    const own = accounts.getByRole('row', { name: /\(vous\)/ });
    await own.waitFor();
    await expect(own.getByRole('combobox').count()).resolves.toBe(0);
    await expect(own.getByRole('button').count()).resolves.toBe(0);
    await expect(own.textContent()).resolves.toContain('votre propre rôle ne se change pas');

    const who = `Léo Part${tag}`;
    await accounts.getByRole('button', { name: `Supprimer le compte de ${who}` }).click();
    const dialog = page.getByRole('dialog', { name: `Supprimer le compte de ${who} ?` });
    await expect(dialog.getByRole('listitem').first().textContent()).resolves.toBe(
      `${who} (${leaving.email}) ne pourra plus se connecter ; ses sessions ouvertes se ferment tout de suite.`,
    );
    await dialog.getByRole('button', { name: 'Supprimer le compte' }).click();
    await accounts.getByText(`Compte de ${who} supprimé : cette personne ne peut plus se connecter.`).waitFor();
    await accounts.getByRole('row', { name: new RegExp(who) }).waitFor({ state: 'detached' });
    await stack.t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: leaving.email, password: 'password-123' })
      .expect(401);

    const erasedWho = `Inès Efface${tag}`;
    await accounts.getByRole('button', { name: `Effacer les données de ${erasedWho}` }).click();
    const erase = page.getByRole('dialog', { name: `Effacer les données personnelles de ${erasedWho} ?` });
    await expect(erase.textContent()).resolves.toContain('il ne peut pas être annulé');
    await erase.getByRole('button', { name: 'Effacer les données' }).click();
    await accounts.getByText(`Données personnelles de ${erasedWho} effacées.`).waitFor();
    const emails = (await api('get', '/users?limit=100', stack.admin).expect(200)).body.items.map(
      (u: { email: string }) => u.email,
    );
    expect(emails).not.toContain(erased.email);
  });
});
