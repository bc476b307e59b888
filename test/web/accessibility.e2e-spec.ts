import type { Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/auth';
import { DESKTOP, expectNoAxeViolations, PHONE, signInWithPassword, webSuite } from '../support/browser';
import { anOpenHackathonBody } from '../support/builders';
import { assignExaminersVia, openHackathonVia, submitFinalVia, type FullStack } from '../support/full-stack';
import { until } from '../support/wait';

const JOB = { timeout: 120_000 };
const SIZES = [
  { name: 'bureau', viewport: DESKTOP },
  { name: 'téléphone', viewport: PHONE },
];

/**
 * WCAG 2.1 AA (what RGAA asks of French schools), as axe-core checks it: every admin (the
 * teacher running a class alone), student, examiner and everyone's page, in the states people
 * meet (an answer awaited, a warning, an error, a form open, a job's report), at a laptop's and
 * a phone's size: 0 violations. Each failure lists the page, the rule and the elements. And what
 * axe cannot see: the hackathon form walked with Tab, each stop showing its focus (2.1.1, 2.4.3, 2.4.7).
 */
describe('web client: accessibility (axe-core) of every page, desktop and phone', () => {
  const web = webSuite();
  const { open, api } = web;
  let stack: FullStack;
  beforeAll(() => {
    stack = web.stack;
  });

  /** Runs axe on the page and keeps what it found, so one run lists every page that fails. */
  function auditor() {
    const found: string[] = [];
    let checked = 0;
    return {
      found,
      get checked() {
        return checked;
      },
      async check(page: Page, label: string) {
        checked += 1;
        await expectNoAxeViolations(page, label).catch((e: Error) => found.push(e.message));
      },
    };
  }

  /** A prompt sent through the API and its answer waited for. */
  async function ask(who: TestUser, conversationId: string, content: string) {
    await api('post', `/conversations/${conversationId}/messages`, who).send({ content }).expect(202);
    await until(async () => {
      const c = (await api('get', `/conversations/${conversationId}`, who).expect(200)).body.conversation;
      return c.pendingMessageId === null && c.messages.some((m: { role: string }) => m.role === 'assistant');
    }, 'la réponse');
  }

  /** A task with instructions and automatic checks (API 1.2): what the form's task editor shows in full. */
  const checkedTask = (titre: string) => ({
    titre,
    consigne: '# Consigne\nTraduisez **{{texte}}** en anglais, en une phrase.',
    systeme: 'Tu es un traducteur concis.',
    verification: {
      cas: [
        { entrees: { texte: 'Bonjour' }, attendu: [{ type: 'contient', valeur: 'Bonjour' }], public: true },
        { entrees: { texte: 'Merci beaucoup' }, attendu: [{ type: 'contient', valeur: 'Merci' }], public: false },
      ],
      regles: [{ type: 'max_mots', valeur: 200 }],
      repetitions: 1,
    },
  });
  const section = (page: Page, heading: string) =>
    page.locator('section', { has: page.getByRole('heading', { name: heading, level: 2 }) });

  // First in this file: the database has no hackathon yet, so the empty first screen is checked too.
  it('admin (the teacher alone) pages: the empty first screen, hackathons, the form (tasks, instructions and their preview, checks and their try, dates, quotas, its errors), a class import, a hackathon prepared, its opening asked, its live dashboard, its results and grading', async () => {
    const audit = auditor();
    const tag = Date.now().toString(36);
    const pages: Page[] = [];
    for (const { name, viewport } of SIZES) {
      const { page } = await open(viewport);
      await signInWithPassword(page, stack.admin.email, 'password-123');
      await page.getByText('Aucun hackathon pour le moment.', { exact: false }).waitFor();
      await audit.check(page, `premier écran vide, ${name}`);
      pages.push(page);
    }

    // The class: a jury, three students; a hackathon in preparation, one running, one graded.
    const examiner = await createUser(stack.t, 'examiner', { prenom: 'Jules', nom: `Jury${tag}` });
    const students: TestUser[] = [];
    for (const [prenom, nom] of [
      ['Ana', 'Abel'],
      ['Bruno', 'Bernard'],
      ['Chloé', 'Caron'],
    ])
      students.push(await createUser(stack.t, 'student', { prenom, nom: `${nom}${tag}` }));
    const [ana, bruno, chloe] = students;
    const create = async (overrides: Record<string, unknown>) =>
      (await api('post', '/hackathons', stack.admin).send(anOpenHackathonBody(overrides)).expect(201)).body
        .hackathon as { id: string; nom: string; taches: { id: string }[] };
    const prepared = async (id: string, roster: TestUser[]) => {
      await api('put', `/hackathons/${id}/examiners`, stack.admin)
        .send({ examinerIds: [examiner.id] })
        .expect(200);
      await api('put', `/hackathons/${id}/participants`, stack.admin)
        .send({ studentIds: roster.map((s) => s.id) })
        .expect(200);
    };
    const prep = await create({ nom: `Seconde B ${tag}`, acces: 'liste', taches: [checkedTask('Traduction')] });
    await prepared(prep.id, [ana, bruno]);

    const live = await create({
      nom: `Séance en cours ${tag}`,
      acces: 'liste',
      quotas: { promptsParEtudiant: 2, tokensParEtudiant: 100000 },
      taches: ['Résumer un article'],
    });
    await prepared(live.id, students);
    await api('post', `/hackathons/${live.id}/status`, stack.admin).send({ statut: 'En cours' }).expect(200);
    const liveTask = { hackathonId: live.id, tacheId: live.taches[0].id };
    const anaLive = (await api('post', '/conversations', ana).send(liveTask).expect(201)).body.conversation.id;
    await submitFinalVia(api, ana, anaLive, 'Résume cet article en trois points.');
    // Chloé uses both her prompts: blocked by her quota, first on the dashboard.
    const chloeLive = (await api('post', '/conversations', chloe).send(liveTask).expect(201)).body.conversation.id;
    await ask(chloe, chloeLive, 'Résume cet article.');
    await ask(chloe, chloeLive, 'Plus court.');

    const done = await create({ nom: `Séance notée ${tag}`, acces: 'liste', taches: [checkedTask('Traduction')] });
    await prepared(done.id, [ana, bruno]);
    await api('post', `/hackathons/${done.id}/status`, stack.admin).send({ statut: 'En cours' }).expect(200);
    const graded: string[] = [];
    for (const s of [ana, bruno]) {
      const c = (
        await api('post', '/conversations', s).send({ hackathonId: done.id, tacheId: done.taches[0].id }).expect(201)
      ).body.conversation.id as string;
      await submitFinalVia(api, s, c, 'Traduis {{texte}}');
      graded.push(c);
    }
    await until(async () => {
      for (const c of graded) {
        const v = (await api('get', `/conversations/${c}`, stack.admin).expect(200)).body.conversation.versionFinale
          .verification;
        if (v?.statut !== 'terminee') return false;
      }
      return true;
    }, 'les vérifications des soumissions');
    await api('post', `/hackathons/${done.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);
    await assignExaminersVia(api, stack.admin, done.id);
    for (const [c, note] of [
      [graded[0], 8],
      [graded[1], 6.5],
    ] as const)
      await api('post', '/evaluations', examiner)
        .send({ conversationId: c, note, comment: 'Prompt clair, entrées bien placées.' })
        .expect(201);
    await api('post', `/hackathons/${done.id}/results/publish`, stack.admin).expect(200);

    for (const [i, { name }] of SIZES.entries()) {
      const page = pages[i];
      await page.goto('/admin');
      await page.getByRole('link', { name: done.nom }).waitFor();
      await audit.check(page, `hackathons, ${name}`);

      // A new hackathon: a second task, the instructions' preview and the checks of task 1 open.
      await page.goto('/admin/hackathons/nouveau');
      await page.getByRole('heading', { name: 'Nouveau hackathon', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Ajouter une tâche' }).click();
      await page.getByRole('textbox', { name: 'Tâche 2', exact: true }).waitFor();
      await page.getByLabel('Consigne de la tâche 1').fill('Traduisez **{{texte}}** :\n- en anglais\n- en une phrase');
      await page.getByRole('button', { name: 'Aperçu de la consigne 1' }).click();
      await page.getByRole('region', { name: 'Aperçu de la consigne 1' }).getByRole('listitem').first().waitFor();
      await page.getByLabel('Vérifier automatiquement les versions finales de la tâche 1').check();
      await page.getByRole('button', { name: 'Ajouter un cas à la tâche 1' }).click();
      await page.getByRole('button', { name: 'Ajouter une règle pour tous les cas' }).first().click();
      await page.getByRole('group', { name: 'Modèles autorisés' }).waitFor();
      await audit.check(page, `nouveau hackathon, tâches et vérifications, ${name}`);
      // Sent without a name, an end before the start: each said next to its field, and summed up.
      await page.getByLabel('Fin', { exact: true }).fill('2020-01-01T08:00');
      await page.getByRole('button', { name: 'Créer le hackathon' }).click();
      await page.getByRole('alert').filter({ hasText: 'Corrigez les champs signalés' }).waitFor();
      await audit.check(page, `nouveau hackathon refusé, erreurs, ${name}`);

      // Editing the prepared one: its checks, and « Tester sur un prompt » open with its budget.
      await page.goto(`/admin/hackathons/${prep.id}/modifier`);
      await page.getByRole('heading', { name: 'Modifier le hackathon', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Tester sur un prompt (tâche 1)' }).click();
      await page
        .getByRole('region', { name: 'Essai de la vérification de la tâche 1' })
        .getByText(/Budget restant/)
        .waitFor();
      await audit.check(page, `modifier le hackathon, essai de la vérification, ${name}`);

      // The users: an account created by the form, a class imported by CSV with a bad row.
      await page.goto('/admin/utilisateurs');
      await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Créer un compte' }) });
      await form.getByLabel('Prénom').fill('Jeanne');
      await form.getByLabel('Nom', { exact: true }).fill(`Examinatrice${tag}`);
      await form.getByLabel('Adresse e-mail').fill(`jeanne.${i}.${tag}@ecole.example`);
      await form.getByLabel('Rôle').selectOption('examiner');
      await form.getByRole('button', { name: 'Créer le compte' }).click();
      await form.getByText('Compte créé pour Jeanne', { exact: false }).waitFor();
      await page
        .getByLabel('Contenu CSV')
        .fill(
          [
            'Nom;Prénom;Adresse e-mail',
            `Durand;Inès;ines.${i}.${tag}@ecole.example`,
            `Petit;Hugo;hugo.${i}.${tag}@ecole.example`,
            'Sansmail;Zoé;pas-un-email',
          ].join('\n'),
        );
      await page.getByLabel('Ajouter les étudiants à la liste du hackathon').selectOption({ label: prep.nom });
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      // The report, a region named by its heading.
      await page
        .getByRole('region', { name: 'Rapport d’import' })
        .getByRole('table', { name: 'Lignes refusées' })
        .waitFor(JOB);
      await audit.check(page, `utilisateurs, compte créé, classe importée, ${name}`);

      // The prepared hackathon: its steps, jury, roster being chosen; then its opening asked.
      await page.goto(`/admin/hackathons/${prep.id}`);
      await page.getByRole('heading', { name: prep.nom, level: 1 }).waitFor();
      await section(page, 'Participants').getByText('Choisir la liste des étudiants').click();
      await section(page, 'Participants')
        .getByRole('checkbox', { name: `Ana Abel${tag}`, exact: false })
        .waitFor();
      await section(page, 'Jury')
        .getByRole('checkbox', { name: `Jules Jury${tag}`, exact: false })
        .waitFor();
      await audit.check(page, `hackathon en préparation, liste des participants ouverte, ${name}`);
      await section(page, 'Statut').getByRole('button', { name: 'Ouvrir aux étudiants' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('pourront y travailler', { exact: false }).waitFor();
      await audit.check(page, `ouvrir aux étudiants, confirmation, ${name}`);
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // Running: the live dashboard, a blocked student first, a quota about to be raised.
      await page.goto(`/admin/hackathons/${live.id}`);
      const dashboard = section(page, 'Tableau de bord de la classe');
      await dashboard.getByText('Mis à jour en direct.').waitFor();
      await dashboard.getByText('1 étudiant bloqué par son quota', { exact: false }).waitFor();
      await dashboard.getByLabel('Étudiant', { exact: true }).selectOption({ label: `Chloé Caron${tag}` });
      await dashboard.getByText(`Quota actuel de Chloé Caron${tag}`, { exact: false }).waitFor();
      await audit.check(page, `tableau de bord en direct, étudiante bloquée, ${name}`);

      // Graded: copies assigned, checks' results by case, the leaderboard, an export ready.
      await page.goto(`/admin/hackathons/${done.id}`);
      await section(page, 'Classement')
        .getByRole('row', { name: new RegExp(`Ana Abel${tag}`) })
        .waitFor();
      const checks = section(page, 'Vérifications');
      await checks
        .getByText(/^Résultats par cas/)
        .first()
        .click();
      await checks.getByText('Cas 2 (caché) :').first().waitFor();
      const exports = section(page, 'Exports');
      await exports.getByRole('button', { name: 'Préparer l’export : Résultats (CSV)' }).click();
      await exports.getByText('Export des résultats prêt', { exact: false }).waitFor(JOB);
      await audit.check(page, `hackathon noté, vérifications, classement, export prêt, ${name}`);
    }
    expect(audit.found).toEqual([]);
    expect(audit.checked).toBe(20);
  });

  /** The focused element: what it is, its name, where it stands in the form, and how its focus shows. */
  interface Stop {
    tag: string;
    type: string;
    name: string;
    /** Its place among the form's elements (document order), -1 outside the form. */
    at: number;
    outline: string;
    boxShadow: string;
    focusShows: boolean;
  }
  const STOP = `(() => {
    const el = document.activeElement;
    const form = document.querySelector('main form');
    const all = form ? Array.from(form.querySelectorAll('*')) : [];
    if (!el || el === document.body) return { tag: 'body', type: '', name: '', at: -1, outline: '', boxShadow: '', focusShows: false };
    const style = getComputedStyle(el);
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    const name = (el.getAttribute('aria-label') || label || el.textContent || '').replace(/\\s+/g, ' ').trim();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      name,
      at: all.indexOf(el),
      outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
      boxShadow: style.boxShadow,
      focusShows: outline || style.boxShadow !== 'none',
    };
  })()`;
  /** What Tab should reach in the form, in document order: every enabled control that shows. */
  const REACHABLE = `(() => {
    const form = document.querySelector('main form');
    const all = Array.from(form.querySelectorAll('*'));
    return all
      .filter((el) => el.matches('a[href], button, input, select, textarea, summary, [tabindex]'))
      .filter((el) => !el.disabled && el.getAttribute('tabindex') !== '-1' && el.getClientRects().length > 0)
      .map((el) => all.indexOf(el));
  })()`;

  it('hackathon form by keyboard: Tab reaches every field and button in order, each showing its focus, the date fields’ every part too', async () => {
    const h = (
      await api('post', '/hackathons', stack.admin)
        .send(anOpenHackathonBody({ taches: [checkedTask('Traduction'), 'Résumer un article'] }))
        .expect(201)
    ).body.hackathon;
    const { page } = await open(DESKTOP);
    await signInWithPassword(page, stack.admin.email, 'password-123');
    await page.goto(`/admin/hackathons/${h.id}/modifier`);
    await page.getByRole('heading', { name: 'Modifier le hackathon', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Modèles autorisés' }).waitFor();
    const expected = await page.evaluate<number[]>(REACHABLE);

    // From the top of the page to past the form's last button: every stop must show its focus.
    const stops: Stop[] = [];
    let entered = false;
    for (let n = 0; n < 300; n++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate<Stop>(STOP);
      stops.push(s);
      if (s.at >= 0) entered = true;
      else if (entered) break;
    }
    const invisible = stops
      .filter((s) => s.tag !== 'body' && !s.focusShows)
      .map((s) => `${s.tag}[${s.type}] « ${s.name} » (outline ${s.outline}, box-shadow ${s.boxShadow})`);
    expect(invisible).toEqual([]);

    // In the form: each control once (a date field's parts are stops of one input), in document order.
    const inForm = stops.filter((s) => s.at >= 0);
    const visited = inForm.map((s) => s.at).filter((at, k, all) => k === 0 || all[k - 1] !== at);
    expect(visited).toEqual(expected);
    const names = inForm.map((s) => s.name).filter((x, k, all) => k === 0 || all[k - 1] !== x);
    const order = [
      'Nom',
      'Description',
      'Objectifs',
      'Début',
      'Fin',
      'Tâche 1',
      'Retirer la tâche 1',
      'Consigne de la tâche 1',
      'Aperçu de la consigne 1',
      'Prompt système de la tâche 1 (facultatif)',
      'Vérifier automatiquement les versions finales de la tâche 1',
      'Entrées du prompt de la tâche 1',
      'Cas 1 : texte de l’entrée « texte »',
      'Ajouter un cas à la tâche 1',
      'Règle 1 pour tous les cas : type',
      'Répétitions (tâche 1)',
      'Température des vérifications (tâche 1, facultatif)',
      'Tester sur un prompt (tâche 1)',
      'Tâche 2',
      'Retirer la tâche 2',
      'Ajouter une tâche',
      'Prompts par étudiant',
      'Tokens par étudiant',
      'Budget de vérification (tokens)',
      'Accès',
      'Anonymat : les examinateurs voient « Candidat N » au lieu des noms',
      'Enregistrer',
    ];
    expect(names.filter((x) => order.includes(x))).toEqual(order);

    // The date fields: the browser gives each part (day, month, year, hours, minutes) and the
    // calendar button a stop of its own; the field shows the focus on every one of them (WCAG 2.4.7).
    for (const field of ['Début', 'Fin']) {
      const parts = inForm.filter((s) => s.name === field);
      expect(parts.length).toBeGreaterThanOrEqual(5);
      expect(parts.filter((s) => !s.focusShows)).toEqual([]);
    }
  });

  it('student pages: hackathons, a hackathon and its settings, a conversation (Markdown, an answer awaited, the anonymity warning, the final version), results, profile', async () => {
    const audit = auditor();
    const student = await createUser(stack.t, 'student', { prenom: 'Léa', nom: 'Dubois' });
    const examiner = await createUser(stack.t, 'examiner');
    const h = await openHackathonVia(api, stack.admin, { anonymatActif: true });
    // A graded hackathon with its results published.
    const done = await openHackathonVia(api, stack.admin);
    await api('put', `/hackathons/${done.id}/examiners`, stack.admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const graded = (
      await api('post', '/conversations', student).send({ hackathonId: done.id, tacheId: done.tacheId }).expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, graded, 'Mon prompt final');
    await assignExaminersVia(api, stack.admin, done.id);
    await api('post', '/evaluations', examiner)
      .send({ conversationId: graded, note: 7, comment: 'Clair et bien contraint.' })
      .expect(201);
    await api('post', `/hackathons/${done.id}/status`, stack.admin).send({ statut: 'Terminé' }).expect(200);
    await api('post', `/hackathons/${done.id}/results/publish`, stack.admin).expect(200);

    // One final version per task of a student: each size submits on a task of its own.
    const tasks = (await api('get', `/hackathons/${h.id}`, stack.admin).expect(200)).body.hackathon.taches.map(
      (x: { id: string }) => x.id,
    ) as string[];
    for (const [i, { name, viewport }] of SIZES.entries()) {
      const conv = (
        await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: tasks[i] }).expect(201)
      ).body.conversation.id as string;
      // The fake LLM quotes the prompt: its answer holds bold, code and a link, rendered as Markdown.
      await ask(student, conv, 'Réponds avec du **gras**, du `code` et [un lien](https://example.org).');
      await ask(student, conv, 'Une deuxième question, plus courte.');

      const { page } = await open(viewport);
      await signInWithPassword(page, student.email, 'password-123');
      await page.getByRole('heading', { name: 'Mes hackathons', level: 1 }).waitFor();
      await audit.check(page, `mes hackathons, ${name}`);

      await page.goto(`/etudiant/hackathons/${h.id}`);
      await page.getByRole('heading', { name: 'Réglages de la prochaine conversation' }).waitFor();
      const fold = page.locator('details.settings-fold');
      if ((await fold.getAttribute('open')) === null) await fold.locator(':scope > summary').click();
      await page.getByText('Réglages précis').click();
      await page.getByLabel('Température').waitFor();
      await audit.check(page, `hackathon ouvert, réglages dépliés, ${name}`);

      await page.goto(`/etudiant/conversations/${conv}`);
      await page.locator('.message-assistant').nth(1).waitFor();
      await page.locator('details.settings-fold summary').click();
      await audit.check(page, `conversation, ${name}`);

      // An answer awaited: the IA is slow.
      stack.llm.setLatency({ latencyMs: 3000 });
      await page.getByLabel('Votre prompt').fill('Encore une question pendant que l’IA réfléchit.');
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await page.getByText('L’IA rédige sa réponse…', { exact: true }).first().waitFor();
      await audit.check(page, `conversation, réponse attendue, ${name}`);
      await page.locator('.message-assistant').nth(2).waitFor({ timeout: 120_000 });
      stack.llm.setLatency({ latencyMs: 0 });

      // The final version signed with the student's own name: a warning, then submitted anyway.
      await page.getByRole('radio', { name: /Réponse 1/ }).check();
      await page.getByLabel('Prompt final').fill('Mon prompt final, signé Léa Dubois.');
      await page.getByRole('button', { name: 'Soumettre la version finale' }).click();
      await page.getByRole('button', { name: 'Soumettre quand même' }).waitFor();
      await audit.check(page, `avertissement d’anonymat, ${name}`);
      await page.getByRole('button', { name: 'Soumettre quand même' }).click();
      await page.getByRole('heading', { name: 'Version finale soumise' }).waitFor();
      await audit.check(page, `version finale soumise, ${name}`);

      await page.goto(`/etudiant/hackathons/${done.id}`);
      await page.getByRole('cell', { name: 'Clair et bien contraint.' }).waitFor();
      await audit.check(page, `résultats publiés, ${name}`);

      await page.goto('/profil');
      await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
      await audit.check(page, `profil, ${name}`);

      await page.goto('/examinateur');
      await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      await audit.check(page, `page d’un autre rôle, ${name}`);
    }
    expect(audit.found).toEqual([]);
    expect(audit.checked).toBe(18);
  });

  it('examiner pages: the queue, a copy, a graded copy, the empty queue, my evaluations with the edit form open', async () => {
    const audit = auditor();
    for (const { name, viewport } of SIZES) {
      const examiner = await createUser(stack.t, 'examiner');
      const h = await openHackathonVia(api, stack.admin, { anonymatActif: true });
      await api('put', `/hackathons/${h.id}/examiners`, stack.admin)
        .send({ examinerIds: [examiner.id] })
        .expect(200);
      for (const prompt of ['Premier prompt final', 'Second prompt final']) {
        const s = await createUser(stack.t, 'student');
        const c = (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
          .body.conversation.id as string;
        await submitFinalVia(api, s, c, prompt);
      }
      await assignExaminersVia(api, stack.admin, h.id);

      const { page } = await open(viewport);
      await signInWithPassword(page, examiner.email, 'password-123');
      await page.getByRole('heading', { name: 'À corriger (2)' }).waitFor();
      await audit.check(page, `copies à corriger, ${name}`);

      for (const n of [1, 2]) {
        if (n === 1)
          await page
            .getByRole('link', { name: /^Candidat \d+ — / })
            .first()
            .click();
        else await page.getByRole('link', { name: 'Copie suivante' }).click();
        await page.getByLabel('Note sur 10').waitFor();
        if (n === 1) await audit.check(page, `copie, ${name}`);
        await page.getByLabel('Note sur 10').selectOption('8');
        await page.getByLabel('Commentaire').fill('Prompt précis et bien structuré.');
        await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
        await page.getByText('Évaluation enregistrée').waitFor();
        if (n === 1) await audit.check(page, `copie évaluée, ${name}`);
      }
      await page.getByText('Aucune copie ne vous attend').waitFor();
      await audit.check(page, `plus de copie, ${name}`);

      await page.goto('/examinateur');
      await page.getByRole('heading', { name: 'À corriger (0)' }).waitFor();
      await audit.check(page, `file vide, ${name}`);

      await page.goto('/examinateur/evaluations');
      await page
        .getByRole('button', { name: /^Modifier l’évaluation/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).waitFor();
      await audit.check(page, `mes évaluations, formulaire ouvert, ${name}`);
    }
    expect(audit.found).toEqual([]);
    expect(audit.checked).toBe(12);
  });

  it('everyone’s pages signed out: sign-in (and its errors), a dead link, password reset, invitation, an unknown page', async () => {
    const audit = auditor();
    for (const { name, viewport } of SIZES) {
      const { page } = await open(viewport);
      await page.goto('/connexion?expiree=1');
      await page.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
      await audit.check(page, `connexion, ${name}`);
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Avec un mot de passe' }) });
      await form.getByLabel('Adresse e-mail').fill('personne@test.example');
      await form.getByLabel('Mot de passe').fill('pas-le-bon');
      await form.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('alert').waitFor();
      await audit.check(page, `connexion refusée, ${name}`);

      await page.goto('/connexion?token=lien-mort');
      await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
      await audit.check(page, `lien de connexion mort, ${name}`);

      await page.goto('/mot-de-passe');
      await page.getByLabel('Adresse e-mail').fill('personne@test.example');
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await page.getByText('Si un compte existe pour').waitFor();
      await audit.check(page, `mot de passe oublié, ${name}`);

      await page.goto('/mot-de-passe?token=lien-mort');
      await page.getByLabel('Nouveau mot de passe').fill('nouveau-secret-1');
      await page.getByLabel('Confirmer le mot de passe').fill('nouveau-secret-1');
      await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
      await page.getByRole('alert').waitFor();
      await audit.check(page, `nouveau mot de passe, lien mort, ${name}`);

      await page.goto('/invitation?token=lien-mort');
      await page.getByRole('button', { name: 'Rejoindre' }).waitFor();
      await audit.check(page, `invitation, ${name}`);
      await page.getByLabel('Mot de passe', { exact: true }).fill('secret-de-lea-1');
      await page.getByLabel('Confirmer le mot de passe').fill('secret-de-lea-1');
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await page.getByRole('alert').waitFor();
      await audit.check(page, `invitation refusée, ${name}`);

      await page.goto('/invitation');
      await page.getByRole('alert').waitFor();
      await audit.check(page, `invitation sans jeton, ${name}`);

      await page.goto('/nulle-part');
      await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
      await audit.check(page, `page introuvable, ${name}`);
    }
    expect(audit.found).toEqual([]);
    expect(audit.checked).toBe(18);
  });
});
