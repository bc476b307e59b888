import { anEvaluation } from './support/builders/evaluation.builder';
import { createUser, TestUser } from './support/auth';
import { FullStack, openHackathonVia, startFullStack, submitFinalVia } from './support/full-stack';
import { TestApp } from './support/test-app';
import { until } from './support/wait';

/**
 * Examiners' access and anonymity, and concurrent writes of evaluations, through HTTP with real assignment
 * runs: examiners read only what is assigned to them, their own data export keeps anonymity,
 * and concurrent edits and runs leave nothing half-written or doubled.
 */
describe('evaluation: what examiners may see, and concurrent grading writes', () => {
  let t: TestApp;
  let admin: TestUser;
  let stack: FullStack;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  const expectError = (res: any, status: number, code: string) =>
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });

  async function submission(student: TestUser, h: { id: string; tacheId: string }, groupId?: string) {
    const id = (
      await api('post', '/conversations', student)
        .send({ hackathonId: h.id, tacheId: h.tacheId, ...(groupId ? { groupId } : {}) })
        .expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, id, `Prompt final de ${id}`);
    return id;
  }

  const startRun = async (hackathonId: string, k: number) =>
    (await api('post', `/hackathons/${hackathonId}/assignments`, admin).send({ examinersPerSubmission: k }).expect(202))
      .body.jobId as string;

  const finished = (hackathonId: string, jobId: string) =>
    until(async () => {
      const job = (await api('get', `/hackathons/${hackathonId}/assignments/jobs/${jobId}`, admin).expect(200)).body;
      if (job.state === 'failed') throw new Error(`job en échec : ${job.failedReason}`);
      return job.state === 'completed' && job;
    }, 'job d’attribution terminé');

  async function setJuryAndAssign(hackathonId: string, examiners: TestUser[], k: number) {
    await api('put', `/hackathons/${hackathonId}/examiners`, admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);
    return finished(hackathonId, await startRun(hackathonId, k));
  }

  const assignedTo = async (who: TestUser, hackathonId: string) =>
    (await api('get', `/assignments/mine?hackathonId=${hackathonId}&limit=100`, who).expect(200)).body.items.map(
      (a: any) => a.conversationId as string,
    );

  beforeAll(async () => {
    stack = await startFullStack();
    ({ t, admin } = stack);
  });
  afterAll(() => stack?.close());

  it('GET /conversations/:id answers an examiner only for assigned conversations (404 otherwise); the listing only for the jury (403 NOT_ON_JURY)', async () => {
    const h = await openHackathonVia(api, admin);
    const A = await submission(await createUser(t, 'student'), h);
    const B = await submission(await createUser(t, 'student'), h);
    const [e1, e2, outsider] = [
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
    ];
    const unknown = '0123456789abcdef01234567';

    // Before any jury or assignment: nothing.
    expectError(await api('get', `/conversations/${A}`, e1), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await api('get', `/hackathons/${h.id}/conversations`, e1), 403, 'NOT_ON_JURY');

    await setJuryAndAssign(h.id, [e1, e2], 1);
    const mineOf1 = await assignedTo(e1, h.id);
    const mineOf2 = await assignedTo(e2, h.id);
    expect([...mineOf1, ...mineOf2].sort()).toEqual([A, B].sort());
    expect(mineOf1).toHaveLength(1);
    const [own1] = mineOf1;
    const [own2] = mineOf2;

    const read = await api('get', `/conversations/${own1}`, e1).expect(200);
    expect(read.body.conversation.id).toBe(own1);
    expect(read.body.conversation.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
    // Someone else's assignment, an unknown id and a conversation of no jury read the same.
    const notMine = await api('get', `/conversations/${own2}`, e1);
    expectError(notMine, 404, 'CONVERSATION_NOT_FOUND');
    const missing = await api('get', `/conversations/${unknown}`, e1);
    expect(missing.body).toEqual(notMine.body);
    expectError(await api('get', `/conversations/${own1}`, outsider), 404, 'CONVERSATION_NOT_FOUND');

    for (const member of [e1, e2]) {
      const list = (await api('get', `/hackathons/${h.id}/conversations`, member).expect(200)).body;
      expect(list.total).toBe(2);
    }
    expectError(await api('get', `/hackathons/${h.id}/conversations`, outsider), 403, 'NOT_ON_JURY');

    // Off the jury: the pending assignment, the reading right and the listing go; admins keep all.
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [e2.id] })
      .expect(200);
    expectError(await api('get', `/conversations/${own1}`, e1), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await api('get', `/hackathons/${h.id}/conversations`, e1), 403, 'NOT_ON_JURY');
    expectError(await api('post', '/evaluations', e1).send(anEvaluation(own1).build()), 403, 'NOT_ASSIGNED');
    expect((await api('get', `/conversations/${own1}`, admin).expect(200)).body.conversation.id).toBe(own1);
    expect((await api('get', `/hackathons/${h.id}/conversations`, admin).expect(200)).body.total).toBe(2);
  });

  it('GET /users/me/export as an examiner: pseudonyms only for anonymous hackathons, never the student’s id, email or names', async () => {
    const secret = { prenom: 'Philomène', nom: 'Exportanonyme', numeroEtudiant: 'ETU-55501' };
    const student = await createUser(t, 'student', secret);
    const examiner = await createUser(t, 'examiner');
    const anonymous = await openHackathonVia(api, admin, { anonymatActif: true });
    const hidden = await submission(student, anonymous, 'GROUPE-EXPORT-SECRET');
    await setJuryAndAssign(anonymous.id, [examiner], 1);
    const grade = anEvaluation(hidden).withNote(6.5).build();
    await api('post', '/evaluations', examiner).send(grade).expect(201);

    const forbidden = [
      student.id,
      student.email,
      secret.prenom,
      secret.nom,
      secret.numeroEtudiant,
      'GROUPE-EXPORT-SECRET',
    ];
    const res = await api('get', '/users/me/export', examiner).expect(200);
    for (const word of forbidden) expect(res.text).not.toContain(word);
    expect(res.body.evaluations.given).toEqual([
      expect.objectContaining({
        conversationId: hidden,
        hackathonId: anonymous.id,
        examinerId: examiner.id,
        note: 6.5,
        comment: grade.comment,
        candidat: 'Candidat 1',
        anonymous: true,
      }),
    ]);
    expect(res.body.evaluations.given[0]).not.toHaveProperty('studentId');

    // A hackathon that is not anonymous may keep the id; the anonymous one still hides it.
    const open = await openHackathonVia(api, admin);
    const shown = await submission(student, open);
    await setJuryAndAssign(open.id, [examiner], 1);
    await api('post', '/evaluations', examiner).send(anEvaluation(shown).withNote(8).build()).expect(201);
    const both = (await api('get', '/users/me/export', examiner).expect(200)).body.evaluations.given;
    const byConversation = Object.fromEntries(both.map((e: any) => [e.conversationId, e]));
    expect(byConversation[shown]).toEqual(
      expect.objectContaining({ studentId: student.id, anonymous: false, candidat: 'Candidat 1' }),
    );
    expect(byConversation[hidden]).not.toHaveProperty('studentId');
    const raw = JSON.stringify(both);
    for (const word of [student.email, secret.prenom, secret.nom, secret.numeroEtudiant])
      expect(raw).not.toContain(word);
    // The student's own export still names what is theirs.
    const own = (await api('get', '/users/me/export', student).expect(200)).body;
    expect(own.evaluations.received.map((e: any) => e.studentId)).toEqual([student.id, student.id]);
  });

  it('20 concurrent PATCH /evaluations/:id by its examiner: each answers its own edit, one wins whole, nothing half-written', async () => {
    const h = await openHackathonVia(api, admin);
    const conv = await submission(await createUser(t, 'student'), h);
    const examiner = await createUser(t, 'examiner');
    await setJuryAndAssign(h.id, [examiner], 1);
    const id = (await api('post', '/evaluations', examiner).send(anEvaluation(conv).withNote(5).build()).expect(201))
      .body.evaluation.id as string;

    const edits = Array.from({ length: 20 }, (_, i) => ({
      note: 1 + (i % 19) * 0.5,
      comment: `Modification numéro ${i} : commentaire complet`,
    }));
    const answers = await Promise.all(edits.map((edit) => api('patch', `/evaluations/${id}`, examiner).send(edit)));
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body.evaluation).toEqual(expect.objectContaining({ id, ...edits[i] }));
    });

    const stored = (await api('get', '/evaluations/mine', examiner).expect(200)).body.items.find(
      (e: any) => e.id === id,
    );
    const winner = edits.find((e) => e.comment === stored.comment);
    expect(winner).toBeDefined();
    expect(stored.note).toBe(winner?.note);
    expect((await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body).toEqual(
      expect.objectContaining({ totalEvaluations: 1, averageNote: winner?.note }),
    );
  });

  it('two POST /hackathons/:id/assignments at once: no duplicate assignment, k distinct examiners each, loads within ±1', async () => {
    const h = await openHackathonVia(api, admin);
    const subs: string[] = [];
    for (let i = 0; i < 5; i++) subs.push(await submission(await createUser(t, 'student'), h));
    const examiners = [
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
    ];
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);

    const jobIds = await Promise.all([startRun(h.id, 2), startRun(h.id, 2)]);
    expect(new Set(jobIds).size).toBe(2);
    const results = (await Promise.all(jobIds.map((jobId) => finished(h.id, jobId)))).map((j) => j.result);
    expect(results.map((r: any) => r.created).reduce((a: number, b: number) => a + b, 0)).toBe(10);
    expect(results.map((r: any) => r.mails).reduce((a: number, b: number) => a + b, 0)).toBe(3);

    const lists = await Promise.all(examiners.map((e) => assignedTo(e, h.id)));
    const loads = lists.map((l) => l.length);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    for (const list of lists) expect(new Set(list).size).toBe(list.length);
    const perSubmission = new Map<string, number>();
    for (const list of lists) for (const c of list) perSubmission.set(c, (perSubmission.get(c) ?? 0) + 1);
    expect([...perSubmission.entries()].sort()).toEqual(subs.map((s) => [s, 2]).sort());
    const stats = (await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body;
    expect(stats.examiners.map((x: any) => x.total).reduce((a: number, b: number) => a + b, 0)).toBe(10);
  });
});
