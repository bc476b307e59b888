import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { CONVERSATIONS_HEADER } from '../src/admin/export-conversations/conversations-csv';
import { createUser, TestUser } from './support/auth';
import { assignExaminersVia, FullStack, openHackathonVia, startFullStack, submitFinalVia } from './support/full-stack';
import { until } from './support/wait';

type Api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who?: TestUser) => any;

/**
 * docs/api.md 1.2: what students read of their results (class figures, examiners under a
 * pseudonym stable within the hackathon), what examiners read of an anonymous copy (the
 * student's names masked), and the exports a teacher opens in a spreadsheet (every student of
 * the class; conversations as CSV).
 */
describe('results, anonymous copies and exports of a class', () => {
  let s: FullStack;
  let admin: TestUser;

  const api: Api = (method, path, who) => {
    const req = (s.t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };

  async function conversation(who: TestUser, h: { id: string; tacheId: string }): Promise<string> {
    return (await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)).body
      .conversation.id;
  }

  /** Sends a prompt and waits for its answer (one turn at a time). */
  async function ask(who: TestUser, id: string, content: string) {
    const before = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation.messages.length;
    await api('post', `/conversations/${id}/messages`, who).send({ content }).expect(202);
    await until(async () => {
      const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
      return c.messages.length >= before + 2 && c.messages.at(-1).role === 'assistant';
    }, 'la réponse');
  }

  async function setJury(hackathonId: string, examiners: TestUser[]) {
    await api('put', `/hackathons/${hackathonId}/examiners`, admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);
  }

  async function grade(examiner: TestUser, conversationId: string, note: number, comment: string) {
    await api('post', '/evaluations', examiner).send({ conversationId, note, comment }).expect(201);
  }

  async function publish(hackathonId: string) {
    await api('post', `/hackathons/${hackathonId}/status`, admin).send({ statut: 'Terminé' }).expect(200);
    await api('post', `/hackathons/${hackathonId}/results/publish`, admin).expect(200);
  }

  async function runExport(name: string, body: Record<string, unknown>) {
    const res = await api('post', `/admin/jobs/${name}`, admin).send(body).expect(202);
    const report = await until(async () => {
      const r = (await api('get', `/admin/jobs/${res.body.jobId}`, admin).expect(200)).body;
      return ['completed', 'failed'].includes(r.state) && r;
    }, `l’export ${name}`);
    expect(report.state).toBe('completed');
    const file = await api('get', report.result.downloadUrl.replace('/api/v1', ''), admin)
      .buffer(true)
      .parse((r: any, cb: any) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return { report, file: file.body as Buffer, contentType: file.headers['content-type'] as string };
  }

  /** A ;-separated file with BOM read back as a spreadsheet would: header, then rows as objects. */
  function readCsv(file: Buffer): { header: string[]; rows: Record<string, string>[] } {
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
    return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
  }

  beforeAll(async () => {
    s = await startFullStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = s.admin;
  });
  afterAll(() => s?.close());

  describe('GET /hackathons/:id/results/me', () => {
    it('gives the class figures (ties share a rank), the same pseudonym for an examiner on every copy, and 200 with nothing for a student who submitted nothing', async () => {
      const h = await openHackathonVia(api, admin);
      const [ana, bob, cid, dan] = await Promise.all(
        ['Ana', 'Bob', 'Cid', 'Dan'].map((prenom) => createUser(s.t, 'student', { prenom })),
      );
      const [A, B, C] = [await conversation(ana, h), await conversation(bob, h), await conversation(cid, h)];
      await submitFinalVia(api, ana, A, 'Prompt final de Ana');
      await submitFinalVia(api, bob, B, 'Prompt final de Bob');
      await submitFinalVia(api, cid, C, 'Prompt final de Cid');
      const first = await createUser(s.t, 'examiner', { prenom: 'Premier', nom: 'Correcteur' });
      const second = await createUser(s.t, 'examiner', { prenom: 'Second', nom: 'Correcteur' });
      await setJury(h.id, [first, second]);
      const job = (
        await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 2 }).expect(202)
      ).body.jobId;
      await until(
        async () => (await api('get', `/admin/jobs/${job}`, admin).expect(200)).body.state === 'completed',
        'les attributions',
      );
      // `second` grades first (on Ana's copy): "Examinateur 1" on every copy, even where `first` graded first.
      await grade(second, A, 8, 'Avis du correcteur S sur Ana');
      await grade(first, A, 8, 'Avis du correcteur P sur Ana');
      await grade(first, B, 8, 'Avis du correcteur P sur Bob');
      await grade(first, C, 5, 'Avis du correcteur P sur Cid');
      await grade(second, B, 8, 'Avis du correcteur S sur Bob');
      await grade(second, C, 6, 'Avis du correcteur S sur Cid');

      const early = await api('get', `/hackathons/${h.id}/results/me`, dan);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('RESULTS_NOT_PUBLISHED');
      await publish(h.id);

      // Ana 8, Bob 8, Cid 5.5: class mean 7.17, three graded, Ana and Bob share rank 1, Cid 3rd.
      const results = async (who: TestUser) =>
        (await api('get', `/hackathons/${h.id}/results/me`, who).expect(200)).body;
      const [ra, rb, rc, rd] = [await results(ana), await results(bob), await results(cid), await results(dan)];
      expect(ra.classe).toEqual({ moyenne: 7.17, effectif: 3, rang: 1 });
      expect(rb.classe).toEqual({ moyenne: 7.17, effectif: 3, rang: 1 });
      expect(rc.classe).toEqual({ moyenne: 7.17, effectif: 3, rang: 3 });
      expect(rd).toEqual({ hackathonId: h.id, classe: { moyenne: 7.17, effectif: 3, rang: null }, conversations: [] });
      expect(rc.conversations).toEqual([
        expect.objectContaining({ conversationId: C, tacheId: h.tacheId, moyenne: 5.5 }),
      ]);

      for (const r of [ra, rb, rc]) {
        const pseudonymOf = (marker: string) =>
          r.conversations[0].evaluations.find((e: any) => e.comment.includes(marker)).examinateur;
        expect([pseudonymOf('correcteur S'), pseudonymOf('correcteur P')]).toEqual(['Examinateur 1', 'Examinateur 2']);
        const raw = JSON.stringify(r);
        for (const secret of [first.id, second.id, 'Premier', 'Second']) expect(raw).not.toContain(secret);
      }
    });
  });

  describe('an anonymous copy', () => {
    /** A student who signs her work, submitted and assigned to `examiner` in a new hackathon. */
    async function signedCopy(anonymatActif: boolean, examiner: TestUser) {
      const tag = randomBytes(3).toString('hex');
      const email = `lea.dubois.${tag}@ecole.example`;
      const lea = await createUser(s.t, 'student', { prenom: 'Léa', nom: 'Dubois', email });
      const h = await openHackathonVia(api, admin, { anonymatActif });
      const id = await conversation(lea, h);
      await ask(lea, id, `Bonjour, je suis LEA DUBOIS (${email}) et voici mon texte.`);
      await submitFinalVia(api, lea, id, 'Résumé signé Léa Dubois');
      await setJury(h.id, [examiner]);
      await assignExaminersVia(api, admin, h.id);
      return { id, email };
    }

    it('masks the student’s names and email in what the examiner reads, whatever their case or accents', async () => {
      const examiner = await createUser(s.t, 'examiner');
      const { id, email } = await signedCopy(true, examiner);
      const copy = (await api('get', `/submissions/${id}`, examiner).expect(200)).body.submission;
      expect(copy.anonymous).toBe(true);
      expect(copy.messages[0].content).toBe(
        'Bonjour, je suis [prénom masqué] [nom masqué] ([email masqué]) et voici mon texte.',
      );
      expect(copy.versionFinale.promptFinal).toBe('Résumé signé [prénom masqué] [nom masqué]');
      expect(copy.versionFinale.reponseIAFinale).toContain('[prénom masqué] [nom masqué]');
      const conv = (await api('get', `/conversations/${id}`, examiner).expect(200)).body.conversation;
      for (const raw of [JSON.stringify(copy), JSON.stringify(conv)]) {
        expect(raw).not.toMatch(/dubois/i);
        expect(raw).not.toMatch(/\bl[ée]a\b/i);
        expect(raw).not.toContain(email);
      }
      expect(conv.messages[0].content).toBe(copy.messages[0].content);
      // The admin reads the copy as written.
      const asAdmin = (await api('get', `/submissions/${id}`, admin).expect(200)).body.submission;
      expect(asAdmin.versionFinale.promptFinal).toBe('Résumé signé Léa Dubois');
      expect(asAdmin.messages[0].content).toContain(email);
    });

    it('masks nothing when the hackathon is not anonymous', async () => {
      const examiner = await createUser(s.t, 'examiner');
      const { id, email } = await signedCopy(false, examiner);
      const copy = (await api('get', `/submissions/${id}`, examiner).expect(200)).body.submission;
      expect(copy.anonymous).toBe(false);
      expect(copy.versionFinale.promptFinal).toBe('Résumé signé Léa Dubois');
      expect(copy.messages[0].content).toBe(`Bonjour, je suis LEA DUBOIS (${email}) et voici mon texte.`);
      const conv = (await api('get', `/conversations/${id}`, examiner).expect(200)).body.conversation;
      expect(conv.versionFinale.promptFinal).toBe('Résumé signé Léa Dubois');
    });
  });

  describe('export-results', () => {
    it('lists every student of the roster (acces "liste"), submitted or not, graded or not', async () => {
      const h = await openHackathonVia(api, admin, { acces: 'liste', taches: ['Tâche unique'] });
      const [zoe, yan, xia] = await Promise.all(
        [
          ['Zoé', 'Arnaud'],
          ['Yan', 'Bertin'],
          ['Xia', 'Collet'],
        ].map(([prenom, nom]) => createUser(s.t, 'student', { prenom, nom })),
      );
      const outsider = await createUser(s.t, 'student', { prenom: 'Hors', nom: 'Liste' });
      await api('put', `/hackathons/${h.id}/participants`, admin)
        .send({ studentIds: [zoe.id, yan.id, xia.id] })
        .expect(200);
      const graded = await conversation(zoe, h);
      await submitFinalVia(api, zoe, graded, 'Prompt de Zoé');
      const ungraded = await conversation(yan, h);
      await submitFinalVia(api, yan, ungraded, 'Prompt de Yan');
      const examiner = await createUser(s.t, 'examiner');
      await setJury(h.id, [examiner]);
      await assignExaminersVia(api, admin, h.id);
      await grade(examiner, graded, 7.5, 'Bonne structure, à préciser.');

      const { report, file } = await runExport('export-results', { hackathonId: h.id });
      expect(report.result).toEqual(expect.objectContaining({ rows: 3, etudiants: 3, soumissions: 2 }));
      const { rows } = readCsv(file);
      expect(rows.map((r) => [r.nom, r.prenom, r.email, r.tache, r.soumis, r.moyenne, r.nombreNotes])).toEqual([
        ['Arnaud', 'Zoé', zoe.email, 'Tâche unique', 'oui', '7,5', '1'],
        ['Bertin', 'Yan', yan.email, 'Tâche unique', 'oui', '', '0'],
        ['Collet', 'Xia', xia.email, 'Tâche unique', 'non', '', ''],
      ]);
      expect(rows[0]).toEqual(
        expect.objectContaining({ rang: '1', conversationId: graded, commentaires: 'Bonne structure, à préciser.' }),
      );
      expect(file.toString('utf8')).not.toContain(outsider.email);
    });

    it('lists everyone with a conversation for acces "tous", and only them', async () => {
      const h = await openHackathonVia(api, admin, { taches: ['Tâche unique'] });
      const talked = await createUser(s.t, 'student', { nom: 'Bavard' });
      const silent = await createUser(s.t, 'student', { nom: 'Muet' });
      await conversation(talked, h);
      const { report, file } = await runExport('export-results', { hackathonId: h.id });
      expect(report.result).toEqual(expect.objectContaining({ rows: 1, etudiants: 1, soumissions: 0 }));
      const { rows } = readCsv(file);
      expect(rows.map((r) => [r.etudiantId, r.soumis])).toEqual([[talked.id, 'non']]);
      expect(file.toString('utf8')).not.toContain(silent.id);
    });
  });

  describe('export-conversations as CSV', () => {
    it('writes one row per message (and the final prompt) that a French spreadsheet reads back as typed', async () => {
      const h = await openHackathonVia(api, admin, { taches: ['Analyse'] });
      const ema = await createUser(s.t, 'student', { prenom: 'Ema', nom: 'Lenoir' });
      const id = await conversation(ema, h);
      const tricky = 'Colonnes ; "guillemets"\net une seconde ligne';
      await ask(ema, id, tricky);
      await ask(ema, id, '=SOMME(A1:A2)');
      await ask(ema, id, 'Question pour Prompt final ; choisi');
      const answer = (await api('get', `/conversations/${id}`, ema).expect(200)).body.conversation.messages.at(-1);
      await api('put', `/conversations/${id}/final`, ema)
        .send({ promptFinal: 'Prompt final ; choisi', messageId: answer.id })
        .expect(200);

      const { report, file, contentType } = await runExport('export-conversations', {
        hackathonId: h.id,
        format: 'csv',
      });
      expect(contentType).toBe('text/csv; charset=utf-8');
      expect(report.result).toEqual(
        expect.objectContaining({ rows: 1, filename: `conversations-${h.id}.csv`, pseudonymes: false }),
      );
      const { header, rows } = readCsv(file);
      expect(header).toEqual([...CONVERSATIONS_HEADER]);
      expect(rows.map((r) => [r.numero, r.role, r.contenu])).toEqual([
        ['1', 'élève', tricky],
        ['2', 'IA', expect.any(String)],
        ['3', 'élève', "'=SOMME(A1:A2)"],
        ['4', 'IA', expect.any(String)],
        ['5', 'élève', 'Question pour Prompt final ; choisi'],
        ['6', 'IA', answer.content],
        ['7', 'prompt final', 'Prompt final ; choisi'],
      ]);
      for (const r of rows) {
        expect(r).toEqual(
          expect.objectContaining({
            hackathon: h.nom,
            conversationId: id,
            tache: 'Analyse',
            etudiantId: ema.id,
            prenom: 'Ema',
            nom: 'Lenoir',
            email: ema.email,
            soumis: 'oui',
            candidat: '',
          }),
        );
      }
      expect(rows.filter((r) => r.reponseFinale === 'oui').map((r) => r.messageId)).toEqual([answer.id]);

      const hidden = await runExport('export-conversations', { hackathonId: h.id, format: 'csv', pseudonymes: true });
      const text = hidden.file.toString('utf8');
      for (const secret of [ema.id, ema.email, 'Lenoir']) expect(text).not.toContain(secret);
      expect(new Set(readCsv(hidden.file).rows.map((r) => r.candidat))).toEqual(new Set(['Candidat 1']));
    });

    it('refuses another format: 400 VALIDATION_FAILED', async () => {
      const h = await openHackathonVia(api, admin);
      const res = await api('post', '/admin/jobs/export-conversations', admin).send({
        hackathonId: h.id,
        format: 'xlsx',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
