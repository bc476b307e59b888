import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../support/auth';
import {
  DESKTOP,
  expectNoAxeViolations,
  linkIn,
  PHONE,
  screenshot,
  signInWithPassword,
  webSuite,
} from '../support/browser';
import type { FullStack } from '../support/full-stack';
import { until } from '../support/wait';

const JOB = { timeout: 120_000 };
const shot = (name: string) => resolve(__dirname, `../../docs/screenshots/${name}.png`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The admin's pages in a real browser (issue 16): running a class from its creation to its exports. */
describe('web client: the admin runs hackathons and accounts', () => {
  const web = webSuite({ RATE_LIMIT_PER_MINUTE: '100000' });
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  /** The student's account from the invitation the import mailed: accepted through the API. */
  async function acceptInvitation(email: string): Promise<{ bearer: string; id: string }> {
    const mail = await stack.smtp.waitFor((m) => m.to.includes(email) && /\/invitation\?token=/.test(m.text));
    const token = new URLSearchParams(linkIn(mail, '/invitation').split('?')[1]).get('token');
    const res = await stack.t
      .http()
      .post('/api/v1/auth/invitation/accept')
      .send({ token, password: 'password-123' })
      .expect(200);
    return { bearer: `Bearer ${res.body.accessToken}`, id: res.body.user.id };
  }

  const meter = (row: Locator, name: string) => row.getByRole('meter', { name });
  const waitAttr = async (l: Locator, attr: string, value: string) =>
    until(async () => (await l.getAttribute(attr)) === value, `${attr}=${value}`);
  const totalsOf = (page: Page) => page.getByRole('list', { name: 'Totaux de la classe' });
  /** A `datetime-local` value `offsetMs` from now, in the page's time zone. */
  const localInput = (page: Page, offsetMs: number) =>
    page.evaluate((offset) => {
      const d = new Date(Date.now() + offset);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }, offsetMs);
  /** Confirms the dialog the page opened (ConfirmDialog) with its `label` button. */
  const confirmWith = async (page: Page, label: string) => {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: label, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  };

  it('creates a liste hackathon, imports its class by CSV, sets the jury, opens it, watches the dashboard live, raises a quota, assigns, publishes and exports', async () => {
    const { page } = await open();
    const tag = Date.now().toString(36);
    const nom = `Classe de terminale ${tag}`;
    const examiner = await createUser(stack.t, 'examiner', { prenom: 'Jules', nom: `Jury${tag}` });

    await signInWithPassword(page, stack.admin.email, 'password-123');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { name: 'Hackathons', level: 1 }).waitFor();

    // Create, in the form: two tasks typed, one removed; access by list.
    await page.getByRole('link', { name: 'Nouveau hackathon' }).click();
    await page.getByRole('heading', { name: 'Nouveau hackathon' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill(nom);
    await page.getByLabel('Description').fill('Atelier de prompts pour la classe.');
    // The start defaults to the next quarter hour: this class starts an hour ago (the end follows it).
    await page.getByLabel('Début').fill(await localInput(page, -3600_000));
    await page.getByRole('textbox', { name: 'Tâche 1', exact: true }).fill('Résumer un article scientifique');
    await page.getByRole('button', { name: 'Ajouter une tâche' }).click();
    await page.getByRole('textbox', { name: 'Tâche 2', exact: true }).fill('Tâche à retirer');
    await page.getByRole('button', { name: 'Retirer la tâche 2' }).click();
    await expect(page.getByRole('textbox', { name: 'Tâche 2', exact: true }).count()).resolves.toBe(0);
    await page.getByLabel('Prompts par étudiant').fill('5');
    await page.getByLabel('Tokens par étudiant').fill('100000');
    await page.getByLabel('Accès').selectOption('liste');
    await page.getByRole('button', { name: 'Créer le hackathon' }).click();
    await page.waitForURL(/\/admin\/hackathons\/[0-9a-f]{24}$/);
    const hackathonId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByRole('heading', { name: nom, level: 1 }).waitFor();
    const h = (await api('get', `/hackathons/${hackathonId}`, stack.admin).expect(200)).body.hackathon;
    expect(h).toMatchObject({
      acces: 'liste',
      statut: 'Brouillon',
      quotas: { promptsParEtudiant: 5, tokensParEtudiant: 100000 },
    });
    expect(h.taches.map((t: { titre: string }) => t.titre)).toEqual(['Résumer un article scientifique']);
    const status = page.locator('section', { has: page.getByRole('heading', { name: 'Statut', level: 2 }) });
    // From Brouillon: only « Ouvrir aux étudiants » and « Passer en test ».
    await expect(status.getByRole('button').allTextContents()).resolves.toEqual([
      'Ouvrir aux étudiants',
      'Passer en test',
    ]);

    await page.getByRole('link', { name: 'Hackathons' }).first().click();
    const listed = page.getByRole('row', { name: new RegExp(escape(nom)) });
    await listed.waitFor();
    await expect(listed.locator('.badge').textContent()).resolves.toBe('Brouillon');
    await screenshot(page, 'admin-hackathons');
    await page.getByLabel('Filtrer par statut').selectOption('Terminé');
    await page.getByText('Aucun hackathon « Terminé ».').waitFor();
    await page.getByLabel('Filtrer par statut').selectOption('Brouillon');
    await listed.waitFor();

    // Import the class into its roster from the users page: three students, one bad row.
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    const emails = ['ana', 'bruno', 'chloe'].map((p) => `${p}.${tag}@ecole.example`);
    const csv = [
      'prenom,nom,email,role,numeroEtudiant,groupId',
      `Ana,Martin,${emails[0]},student,E1,`,
      `Bruno,Petit,${emails[1]},etudiant,E2,`,
      `Chloé,Durand,${emails[2]},student,E3,`,
      `Zoé,Sansmail,pas-un-email,student,E4,`,
    ].join('\n');
    await page.getByLabel('Contenu CSV').fill(csv);
    await page.getByLabel('Ajouter les étudiants à la liste du hackathon').selectOption({ label: nom });
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await waitAttr(page.getByRole('progressbar', { name: 'Import des comptes' }), 'aria-valuenow', '100');
    const report = page.getByLabel('Rapport d’import');
    await report.waitFor(JOB);
    await expect(report.getByRole('listitem').allTextContents()).resolves.toEqual([
      '4 lignes lues.',
      '3 comptes créés, 3 invitations envoyées.',
      '0 ligne ignorée (compte existant).',
      '1 ligne refusée.',
      '3 étudiants ajoutés à la liste du hackathon, qui en compte 3.',
    ]);
    await expect(report.getByRole('row', { name: /pas-un-email/ }).textContent()).resolves.toBe(
      '5pas-un-emailemail invalide : pas-un-email',
    );
    await screenshot(page, 'admin-import');

    // The hackathon: its jury, then open it.
    await page.goto(`/admin/hackathons/${hackathonId}`);
    const participants = page.locator('section', { has: page.getByRole('heading', { name: 'Participants' }) });
    await participants.getByRole('row', { name: /Ana Martin/ }).waitFor();
    await expect(participants.getByRole('row').count()).resolves.toBe(4);
    const jury = page.locator('section', { has: page.getByRole('heading', { name: 'Jury' }) });
    await jury.getByRole('checkbox', { name: examiner.email }).check();
    await jury.getByRole('button', { name: 'Enregistrer le jury' }).click();
    await jury.getByText('Jury enregistré : 1 examinateur.').waitFor();
    await status.getByRole('button', { name: 'Ouvrir aux étudiants' }).click();
    await page
      .getByRole('dialog')
      .getByText('Les 3 étudiants de la liste pourront y travailler', { exact: false })
      .waitFor();
    await confirmWith(page, 'Ouvrir aux étudiants');
    await status.getByText('Statut changé : En cours.').waitFor();
    await expect(status.getByRole('button').allTextContents()).resolves.toEqual(['Terminer le hackathon']);

    // The dashboard, live: a student works through the API while the page stays as it is.
    const dashboard = page.locator('section', {
      has: page.getByRole('heading', { name: 'Tableau de bord de la classe' }),
    });
    await dashboard.getByText('Mis à jour en direct.').waitFor();
    await page.evaluate('window.__sansRechargement = true');
    const ana = await acceptInvitation(emails[0]);
    const conv = (await api('post', '/conversations', ana).send({ hackathonId, tacheId: h.taches[0].id }).expect(201))
      .body.conversation.id as string;
    await api('post', `/conversations/${conv}/messages`, ana)
      .send({ content: 'Résume cet article en 3 points.' })
      .expect(202);
    const row = dashboard.getByRole('row', { name: /Ana Martin/ });
    await waitAttr(meter(row, 'Prompts'), 'aria-valuenow', '1');
    await totalsOf(page)
      .locator('li', { hasText: /^1 prompt$/ })
      .waitFor(JOB);
    const answer = await until(async () => {
      const c = (await api('get', `/conversations/${conv}`, ana).expect(200)).body.conversation;
      return c.messages.find((m: { role: string }) => m.role === 'assistant');
    }, 'la réponse de l’assistant');
    // A reply that fails shows in the row and in the totals.
    await api('post', `/conversations/${conv}/messages`, ana).send({ content: 'Encore [fake-llm:400]' }).expect(202);
    await totalsOf(page)
      .locator('li', { hasText: /^1 réponse en échec$/ })
      .waitFor(JOB);
    await expect(row.getByRole('cell').nth(4).textContent()).resolves.not.toBe('—');
    // The submission too.
    await api('put', `/conversations/${conv}/final`, ana)
      .send({ promptFinal: 'Résume cet article en 3 points.', messageId: answer.id })
      .expect(200);
    await row.getByRole('cell', { name: 'Oui (1)' }).waitFor(JOB);
    await totalsOf(page)
      .locator('li', { hasText: /^1 version finale$/ })
      .waitFor();
    await expect(page.evaluate<boolean>('window.__sansRechargement === true')).resolves.toBe(true);

    // Raise Ana's quota: the row shows the new limit.
    await dashboard.getByLabel('Étudiant', { exact: true }).selectOption({ label: 'Ana Martin' });
    await dashboard.getByText('Quota actuel de Ana Martin : 1 prompt utilisé sur 5', { exact: false }).waitFor();
    await dashboard.getByLabel('Nouveau total de prompts').fill('12');
    await dashboard.getByRole('button', { name: 'Enregistrer le nouveau quota' }).click();
    await dashboard.getByText(/^Quota de Ana Martin : 12 prompts/).waitFor();
    await waitAttr(meter(row, 'Prompts'), 'aria-valuemax', '12');
    const quota = (await api('get', `/hackathons/${hackathonId}/quota/me`, ana).expect(200)).body;
    expect(quota.promptsLimit).toBe(12);
    await dashboard.screenshot({ path: shot('admin-tableau-de-bord') });

    // Over: only « Archiver » is left; assign the copies (a job), the examiner grades, publish.
    await status.getByRole('button', { name: 'Terminer le hackathon' }).click();
    await page
      .getByRole('dialog')
      .getByText('2 étudiants sur 3 n’ont soumis aucune version finale', { exact: false })
      .waitFor();
    await confirmWith(page, 'Terminer le hackathon');
    await status.getByText('Statut changé : Terminé.').waitFor();
    await expect(status.getByRole('button').allTextContents()).resolves.toEqual(['Archiver', 'Publier les résultats']);
    const assign = page.locator('section', { has: page.getByRole('heading', { name: 'Attribution des copies' }) });
    await assign.getByLabel('Examinateurs par soumission').fill('1');
    await assign.getByRole('button', { name: 'Attribuer les copies' }).click();
    await assign.getByText('1 attribution créée pour 1 soumission et 1 examinateur (1 par soumission).').waitFor(JOB);
    await expect(
      assign.getByRole('progressbar', { name: 'Attribution des copies' }).getAttribute('aria-valuenow'),
    ).resolves.toBe('100');
    await api('post', '/evaluations', examiner)
      .send({ conversationId: conv, note: 8, comment: 'Prompt clair et réponse bien exploitée.' })
      .expect(201);
    await status.getByRole('button', { name: 'Publier les résultats' }).click();
    await confirmWith(page, 'Publier les résultats');
    await status.getByText('Résultats publiés : les étudiants voient leurs notes.').waitFor();
    expect(
      (await api('get', `/hackathons/${hackathonId}`, stack.admin).expect(200)).body.hackathon.resultatsPublies,
    ).toBe(true);
    const board = page.locator('section', { has: page.getByRole('heading', { name: 'Classement' }) });
    await board.getByRole('button', { name: 'Actualiser le classement' }).click();
    const ranked = board.getByRole('row', { name: /Ana Martin/ });
    await ranked.getByRole('cell', { name: '8', exact: true }).first().waitFor();
    await expect(ranked.getByRole('cell').allTextContents()).resolves.toEqual([
      '1',
      'Ana Martin (Candidat 1)',
      'Résumer un article scientifique',
      '8',
      expect.any(String),
      '8',
      '—',
    ]);
    await board.screenshot({ path: shot('admin-classement') });

    // Both exports: built by a job, downloaded through the API with the admin's token.
    const exports = page.locator('section', { has: page.getByRole('heading', { name: 'Exports' }) });
    await exports.getByRole('button', { name: 'Préparer l’export : Résultats (CSV)' }).click();
    // A gradebook: every student of the roster, the two who submitted nothing included.
    await exports.getByText('Export des résultats prêt : 3 lignes.').waitFor(JOB);
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: /^Télécharger .*\.csv$/ }).click(),
    ]);
    const csvBytes = readFileSync(await csvDownload.path(), 'utf8');
    // A French spreadsheet opens it as UTF-8 only with its BOM.
    expect(csvBytes.startsWith('\uFEFF')).toBe(true);
    const csvText = csvBytes.replace(/^\uFEFF/, '');
    const [header, ...lines] = csvText.trim().split(/\r?\n/);
    expect(header.split(';').slice(0, 7)).toEqual([
      'hackathon',
      'rang',
      'candidat',
      'etudiantId',
      'prenom',
      'nom',
      'email',
    ]);
    expect(lines).toHaveLength(3);
    const column = (cells: string[], name: string) => cells[header.split(';').indexOf(name)];
    const byEmail = new Map(lines.map((l) => l.split(';')).map((cells) => [column(cells, 'email'), cells]));
    expect([...byEmail.keys()].sort()).toEqual([...emails].sort());
    expect(column(byEmail.get(emails[0])!, 'rang')).toBe('1');
    expect(column(byEmail.get(emails[0])!, 'soumis')).toBe('oui');
    expect(column(byEmail.get(emails[1])!, 'soumis')).toBe('non');

    // The conversations for a spreadsheet: one row per message, in French (`;`, BOM).
    const asSheet = exports.locator('div', {
      has: page.getByRole('heading', { name: 'Conversations (CSV, une ligne par message)' }),
    });
    await asSheet
      .getByRole('button', { name: 'Préparer l’export : Conversations (CSV, une ligne par message)' })
      .click();
    await asSheet.getByText('Export des conversations prêt : 1 conversation.').waitFor(JOB);
    const [sheetDownload] = await Promise.all([
      page.waitForEvent('download'),
      asSheet.getByRole('button', { name: /^Télécharger conversations-.*\.csv$/ }).click(),
    ]);
    const sheet = readFileSync(await sheetDownload.path(), 'utf8');
    expect(sheet.startsWith('\uFEFF')).toBe(true);
    const [sheetHeader, ...sheetRows] = sheet
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(sheetHeader.split(';')).toEqual(expect.arrayContaining(['conversationId', 'role', 'contenu']));
    // Its messages (a student's, the assistant's, a failure's), each a row naming the conversation.
    expect(sheetRows.filter((r) => r.includes(conv)).length).toBeGreaterThanOrEqual(3);

    const asLines = exports.locator('div', { has: page.getByRole('heading', { name: 'Conversations (JSON Lines)' }) });
    await asLines.getByRole('button', { name: 'Préparer l’export : Conversations (JSON Lines)' }).click();
    await asLines.getByText('Export des conversations prêt : 1 conversation.').waitFor(JOB);
    const [jsonlDownload] = await Promise.all([
      page.waitForEvent('download'),
      asLines.getByRole('button', { name: /^Télécharger .*\.jsonl$/ }).click(),
    ]);
    const records = readFileSync(await jsonlDownload.path(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records[0])).toContain(conv);
    // The hackathon page at its end (leaderboard, the three exports ready), on a laptop and a phone.
    await expectNoAxeViolations(page, 'hackathon publié, exports prêts, bureau');
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, 'hackathon publié, exports prêts, téléphone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'admin-hackathon');
  });

  it('creates an examiner without a password (invited by mail), changes a role, re-sends an invitation', async () => {
    const { page } = await open();
    const tag = Date.now().toString(36);
    const email = `jeanne.${tag}@ecole.example`;
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto('/admin/utilisateurs');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Créer un compte' }) });
    await form.getByLabel('Prénom').fill('Jeanne');
    await form.getByLabel('Nom', { exact: true }).fill(`Examinatrice${tag}`);
    await form.getByLabel('Adresse e-mail').fill(email);
    await form.getByLabel('Rôle').selectOption('examiner');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await form
      .getByText(`Compte créé pour Jeanne Examinatrice${tag} : une invitation a été envoyée à ${email}.`)
      .waitFor();
    await stack.smtp.waitFor((m) => m.to.includes(email) && /\/invitation\?token=/.test(m.text));

    const accounts = page.locator('section', { has: page.getByRole('heading', { name: 'Comptes' }) });
    await accounts.getByLabel('Filtrer par rôle').selectOption('examiner');
    const row = accounts.getByRole('row', { name: new RegExp(`Jeanne Examinatrice${tag}`) });
    await row.waitFor();
    await expect(row.getByRole('combobox').inputValue()).resolves.toBe('examiner');
    await screenshot(page, 'admin-utilisateurs');

    // Re-send the invitation: a second mail.
    await row.getByRole('button', { name: `Renvoyer l’invitation à Jeanne Examinatrice${tag}` }).click();
    await accounts.getByText(`Invitation renvoyée à Jeanne Examinatrice${tag} (${email}).`).waitFor();
    await until(async () => stack.smtp.to(email).length >= 2, 'le second mail d’invitation');

    // Change the role: she is a student now, and leaves the examiners' list.
    await row.getByLabel(`Rôle de Jeanne Examinatrice${tag}`).selectOption('student');
    await accounts.getByText(`Jeanne Examinatrice${tag} est maintenant : Étudiant.`).waitFor();
    await expect(row.count()).resolves.toBe(0);
    const users = (await api('get', '/users?role=student&limit=100', stack.admin).expect(200)).body.items;
    expect(users.find((u: { email: string }) => u.email === email)?.role).toBe('student');
  });

  it('says in French why an import with a wrong header failed', async () => {
    const { page } = await open();
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto('/admin/utilisateurs');
    // A spreadsheet's French header is read (nom;prénom;courriel…); one without a first name is not.
    await page.getByLabel('Contenu CSV').fill('Nom;Courriel\nMartin;ana@ecole.example');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Échec' });
    await alert.waitFor(JOB);
    await expect(alert.textContent()).resolves.toBe(
      'Échec : En-tête illisible (ligne 1) : colonnes trouvées « Nom », « Courriel » ; il manque prénom (prénom, prenom, prénoms, first name). ' +
        'Colonnes attendues : prénom, nom et email (obligatoires), rôle, numéro étudiant et groupe (facultatifs), ' +
        'séparées par des points-virgules, des virgules ou des tabulations.',
    );
  });

  it('edits a hackathon in its form (PATCH): name, quotas and a renamed task keep its id', async () => {
    const { page } = await open();
    const created = (
      await api('post', '/hackathons', stack.admin)
        .send({
          nom: 'À renommer',
          description: '',
          dates: {
            debut: new Date(Date.now() - 3600_000).toISOString(),
            fin: new Date(Date.now() + 86400_000).toISOString(),
          },
          quotas: { promptsParEtudiant: 10, tokensParEtudiant: 5000 },
          taches: ['Ancienne tâche'],
        })
        .expect(201)
    ).body.hackathon;
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${created.id}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { name: 'Modifier le hackathon' }).waitFor();
    await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('À renommer');
    await page.getByLabel('Nom', { exact: true }).fill('Hackathon renommé');
    await page.getByLabel('Prompts par étudiant').fill('20');
    await page.getByRole('textbox', { name: 'Tâche 1', exact: true }).fill('Tâche renommée');
    await page.getByLabel(/^Anonymat/).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Hackathon renommé', level: 1 }).waitFor();
    const h = (await api('get', `/hackathons/${created.id}`, stack.admin).expect(200)).body.hackathon;
    expect(h).toMatchObject({ nom: 'Hackathon renommé', anonymatActif: true, quotas: { promptsParEtudiant: 20 } });
    expect(h.taches).toHaveLength(1);
    expect(h.taches[0]).toMatchObject({ id: created.taches[0].id, titre: 'Tâche renommée' });
  });

  it('runs a maintenance job and says its result, on a phone-sized screen without sideways scrolling', async () => {
    const { page } = await open({ width: 390, height: 780 });
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto('/admin/taches');
    const card = page.locator('section', {
      has: page.getByRole('heading', { name: 'Nettoyer les liens de connexion' }),
    });
    await card.getByRole('button', { name: 'Lancer : Nettoyer les liens de connexion' }).click();
    await card.getByText(/liens? de connexion expirés? effacés?, /).waitFor(JOB);
    await expect(card.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    // The integrity check, reading only, then the run that repairs: each says what it found.
    for (const title of ['Vérifier l’intégrité des données', 'Réparer les compteurs']) {
      const job = page.locator('section', { has: page.getByRole('heading', { name: title }) });
      await job.getByRole('button', { name: `Lancer : ${title}` }).click();
      await job.getByText(/conversations? vérifiées? : /).waitFor(JOB);
    }
    await expectNoAxeViolations(page, 'tâches de maintenance terminées, téléphone');
    await expect(page.getByRole('link', { name: 'tableau des files d’attente' }).getAttribute('href')).resolves.toBe(
      '/api/v1/admin/queues',
    );
    const h = (
      await api('post', '/hackathons', stack.admin)
        .send({
          nom: 'Sur téléphone',
          dates: {
            debut: new Date(Date.now() - 3600_000).toISOString(),
            fin: new Date(Date.now() + 86400_000).toISOString(),
          },
          quotas: { promptsParEtudiant: 10, tokensParEtudiant: 5000 },
          taches: ['Une tâche'],
        })
        .expect(201)
    ).body.hackathon;
    for (const path of ['/admin', '/admin/utilisateurs', '/admin/taches', `/admin/hackathons/${h.id}`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
