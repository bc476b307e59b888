import { anEvaluation } from './support/builders/evaluation.builder';
import { createUser, TestUser } from './support/auth';
import { SmtpCapture } from './support/smtp-capture';
import { FullStack, startFullStack, openHackathonVia, submitFinalVia } from './support/full-stack';
import { TestApp } from './support/test-app';
import { until } from './support/wait';

describe('evaluation: the jury flow through HTTP and queues', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  const openHackathon = (overrides: Record<string, unknown> = {}) => openHackathonVia(api, admin, overrides);

  /** A conversation with a final version; returns its id. */
  async function submission(
    student: TestUser,
    h: { id: string; tacheId: string },
    extra: Record<string, unknown> = {},
  ) {
    const id = (
      await api('post', '/conversations', student)
        .send({ hackathonId: h.id, tacheId: h.tacheId, ...extra })
        .expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, id, `Prompt final de ${id}`);
    return id;
  }

  async function runAssignments(hackathonId: string, k: number) {
    const res = await api('post', `/hackathons/${hackathonId}/assignments`, admin)
      .send({ examinersPerSubmission: k })
      .expect(202);
    expect(res.body).toEqual({ jobId: expect.any(String) });
    return until(async () => {
      const job = (await api('get', `/hackathons/${hackathonId}/assignments/jobs/${res.body.jobId}`, admin).expect(200))
        .body;
      if (job.state === 'failed') throw new Error(`job en échec : ${job.failedReason}`);
      return job.state === 'completed' && job;
    }, 'job d’attribution terminé');
  }

  const pending = async (who: TestUser, hackathonId: string) =>
    (await api('get', `/assignments/mine?status=pending&hackathonId=${hackathonId}&limit=100`, who).expect(200)).body;

  let stack: FullStack;
  beforeAll(async () => {
    stack = await startFullStack();
    ({ t, smtp, admin } = stack);
  });
  afterAll(() => stack?.close());

  it('attach, assign, mail, grade: stats and leaderboard agree with a hand-computed fixture', async () => {
    const h = await openHackathon();
    const [s1, s2, s3] = [
      await createUser(t, 'student'),
      await createUser(t, 'student'),
      await createUser(t, 'student'),
    ];
    const A = await submission(s1, h);
    const B = await submission(s2, h);
    const C = await submission(s3, h);
    // A conversation without a final version is not a submission: nobody gets it.
    const draft = (await api('post', '/conversations', s1).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
      .body.conversation.id;
    const [e1, e2, e3] = [
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
    ];

    const jury = await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [e1.id, e2.id, e3.id] })
      .expect(200);
    expect(jury.body.examiners.map((e: any) => e.id)).toEqual([e1.id, e2.id, e3.id]);
    expect(
      (await api('get', `/hackathons/${h.id}/examiners`, admin).expect(200)).body.examiners.map((e: any) => e.email),
    ).toEqual([e1.email, e2.email, e3.email]);

    const job = await runAssignments(h.id, 3);
    expect(job.progress).toBe(100);
    expect(job.result).toEqual({
      hackathonId: h.id,
      submissions: 3,
      examiners: 3,
      examinersPerSubmission: 3,
      created: 9,
      mails: 3,
    });

    // One mail per examiner, listing their three new assignments.
    for (const e of [e1, e2, e3]) {
      const mail = await smtp.waitFor((m) => m.to.includes(e.email.toLowerCase()) && m.subject.includes(h.nom));
      expect(mail.subject).toContain('3 soumission(s) à évaluer');
      for (const id of [A, B, C]) expect(mail.text).toContain(id);
      expect(mail.text).not.toContain(draft);
      expect(mail.text).toContain(h.tacheTitre);
    }

    // The grading queue: pending, oldest submission first; real identities (not anonymous).
    const queue = await pending(e1, h.id);
    expect(queue.total).toBe(3);
    expect(queue.items.map((a: any) => a.conversationId)).toEqual([A, B, C]);
    expect(queue.items.map((a: any) => a.candidat)).toEqual(['Candidat 1', 'Candidat 2', 'Candidat 3']);
    expect(queue.items[0]).toEqual(
      expect.objectContaining({
        status: 'pending',
        anonymous: false,
        studentId: s1.id,
        tache: { id: h.tacheId, titre: h.tacheTitre },
      }),
    );
    expect(queue.items[0].student.email).toBe(s1.email);

    const sub = (await api('get', `/submissions/${A}`, e1).expect(200)).body.submission;
    expect(sub).toEqual(expect.objectContaining({ conversationId: A, candidat: 'Candidat 1', studentId: s1.id }));
    expect(sub.versionFinale).toEqual(
      expect.objectContaining({ promptFinal: `Prompt final de ${A}`, reponseIAFinale: expect.any(String) }),
    );
    expect(sub.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
    expect(sub.versionFinale.reponseIAFinale).toBe(sub.messages[1].content);
    expect(sub.assignment.status).toBe('pending');

    const before = (await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body;
    expect(before).toEqual(
      expect.objectContaining({ averageNote: null, totalEvaluations: 0, maxNote: null, minNote: null }),
    );
    expect(before.examiners.map((x: any) => [x.examinerId, x.done, x.pending])).toEqual([
      [e1.id, 0, 3],
      [e2.id, 0, 3],
      [e3.id, 0, 3],
    ]);

    // The fixture: e1 is harsh, e2 lenient, e3 gives 6 to everyone.
    const fixture: [TestUser, string, number][] = [
      [e1, A, 4],
      [e2, A, 8],
      [e3, A, 6],
      [e1, B, 6],
      [e2, B, 9],
      [e3, B, 6],
      [e1, C, 5],
      [e2, C, 7],
      [e3, C, 6],
    ];
    const ids = new Map<string, string>();
    for (const [who, conv, note] of fixture) {
      const res = await api('post', '/evaluations', who).send(anEvaluation(conv).withNote(note).build()).expect(201);
      expect(res.body.evaluation).toEqual(
        expect.objectContaining({
          conversationId: conv,
          examinerId: who.id,
          note,
          hackathonId: h.id,
          tacheId: h.tacheId,
        }),
      );
      ids.set(`${who.id}:${conv}`, res.body.evaluation.id);
    }
    expect((await api('get', `/assignments/mine?status=pending&hackathonId=${h.id}`, e2).expect(200)).body.total).toBe(
      0,
    );
    const done = (await api('get', `/assignments/mine?status=done&hackathonId=${h.id}`, e2).expect(200)).body;
    expect(done.items.map((a: any) => [a.conversationId, a.status, a.evaluationId])).toEqual([
      [A, 'done', ids.get(`${e2.id}:${A}`)],
      [B, 'done', ids.get(`${e2.id}:${B}`)],
      [C, 'done', ids.get(`${e2.id}:${C}`)],
    ]);

    // By hand: notes 4,8,6,6,9,6,5,7,6 → sum 57, count 9, average 6.33, max 9, min 4.
    const stats = (await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body;
    expect(stats).toEqual(expect.objectContaining({ averageNote: 6.33, totalEvaluations: 9, maxNote: 9, minNote: 4 }));
    expect(stats.examiners.map((x: any) => [x.done, x.pending])).toEqual([
      [3, 0],
      [3, 0],
      [3, 0],
    ]);
    const asExaminer = (await api('get', `/hackathons/${h.id}/evaluations/stats`, e3).expect(200)).body;
    expect(asExaminer).toEqual(expect.objectContaining({ averageNote: 6.33, totalEvaluations: 9 }));
    expect(asExaminer.examiners.map((x: any) => x.examinerId)).toEqual([e3.id]);

    // By hand: means B 7, A 6, C 6 (A submitted before C). z-scores per examiner
    // (e1 μ5 σ√(2/3), e2 μ8 σ√(2/3), e3 constant → 0), all notes μ 57/9 σ √2:
    // fair(A) = fair(C) = 57/9 − √2·√1.5/3 = 5.76, fair(B) = 57/9 + 2·√2·√1.5/3 = 7.49.
    const board = (await api('get', `/hackathons/${h.id}/leaderboard`, admin).expect(200)).body;
    expect(board.totalSubmissions).toBe(3);
    expect(
      board.items.map((r: any) => [
        r.conversationId,
        r.rank,
        r.meanNote,
        r.gradeCount,
        r.fairNote,
        r.divergent,
        r.label,
      ]),
    ).toEqual([
      [B, 1, 7, 3, 7.49, true, 'Bien'],
      [A, 2, 6, 3, 5.76, true, 'Correct'],
      [C, 3, 6, 3, 5.76, false, 'Correct'],
    ]);
    expect(board.items[1]).toEqual(
      expect.objectContaining({ notes: [4, 6, 8], minNote: 4, maxNote: 8, studentId: s1.id, candidat: 'Candidat 1' }),
    );

    // A rerun adds nothing and mails nobody.
    const mailsBefore = smtp.mails.length;
    const rerun = await runAssignments(h.id, 3);
    expect(rerun.result).toEqual(expect.objectContaining({ created: 0, mails: 0 }));
    expect(smtp.mails.length).toBe(mailsBefore);

    // An examiner edits their own evaluation: gradedAt moves, the label follows the note.
    const mine = ids.get(`${e1.id}:${A}`)!;
    const oldGradedAt = (await api('get', '/evaluations/mine', e1).expect(200)).body.items.find(
      (e: any) => e.id === mine,
    ).gradedAt;
    const edited = (
      await api('patch', `/evaluations/${mine}`, e1)
        .send({ note: 4.5, comment: '  Prompt trop vague, mais réponse utilisable.  ' })
        .expect(200)
    ).body.evaluation;
    expect(edited).toEqual(
      expect.objectContaining({
        id: mine,
        note: 4.5,
        label: 'Passable',
        comment: 'Prompt trop vague, mais réponse utilisable.',
      }),
    );
    expect(Date.parse(edited.gradedAt)).toBeGreaterThanOrEqual(Date.parse(oldGradedAt));
    const list = (await api('get', '/evaluations/mine?page=1&limit=2', e1).expect(200)).body;
    expect(list).toEqual(expect.objectContaining({ total: 3, page: 1, limit: 2 }));
    expect(list.items[0].id).toBe(mine);
    expect((await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body.averageNote).toBe(6.39); // 57.5 / 9
  });

  it('gives each submission k distinct examiners with loads within ±1; a rerun only adds what is missing', async () => {
    const h = await openHackathon();
    // One final version per task of a student: five students, one submission each.
    const students: TestUser[] = [];
    for (let i = 0; i < 6; i++) students.push(await createUser(t, 'student'));
    const subs: string[] = [];
    for (let i = 0; i < 5; i++) subs.push(await submission(students[i], h));
    const examiners = [
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
      await createUser(t, 'examiner'),
    ];
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);

    const tooMany = await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 5 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('NOT_ENOUGH_EXAMINERS');

    expect((await runAssignments(h.id, 2)).result).toEqual(
      expect.objectContaining({ submissions: 5, created: 10, mails: 4 }),
    );
    const load = async () => {
      const byExaminer = await Promise.all(
        examiners.map(async (e) => (await pending(e, h.id)).items.map((a: any) => a.conversationId as string)),
      );
      const perSubmission = new Map<string, number>();
      for (const list of byExaminer) for (const c of list) perSubmission.set(c, (perSubmission.get(c) ?? 0) + 1);
      return { loads: byExaminer.map((l) => l.length), byExaminer, perSubmission };
    };
    const first = await load();
    expect(Math.max(...first.loads) - Math.min(...first.loads)).toBeLessThanOrEqual(1);
    expect(first.loads.reduce((a, b) => a + b, 0)).toBe(10);
    expect([...first.perSubmission.entries()].sort()).toEqual(subs.map((s) => [s, 2]).sort());
    for (const list of first.byExaminer) expect(new Set(list).size).toBe(list.length);

    expect((await runAssignments(h.id, 2)).result).toEqual(expect.objectContaining({ created: 0, mails: 0 }));

    const late = await submission(students[5], h);
    const third = await runAssignments(h.id, 2);
    expect(third.result).toEqual(expect.objectContaining({ submissions: 6, created: 2, mails: 2 }));
    const after = await load();
    expect(after.perSubmission.get(late)).toBe(2);
    expect(Math.max(...after.loads) - Math.min(...after.loads)).toBeLessThanOrEqual(1);
    // Examiners who got the late submission receive a second mail listing only it.
    const receivers = examiners.filter((_, i) => after.byExaminer[i].includes(late));
    expect(receivers).toHaveLength(2);
    for (const e of receivers) {
      const mail = await smtp.waitFor(
        (m) => m.to.includes(e.email.toLowerCase()) && m.subject.startsWith('[Prompt Challenge] 1 soumission(s)'),
      );
      expect(mail.text).toContain(late);
      for (const s of subs) expect(mail.text).not.toContain(s);
    }
  });

  it('anonymous hackathon: no examiner-facing answer or mail names the student; the pseudonym is stable', async () => {
    const h = await openHackathon({ anonymatActif: true });
    const secret = { prenom: 'Zéphyrine', nom: 'Quenneville-Anonyme', numeroEtudiant: 'ETU-7731946' };
    const student = await createUser(t, 'student', secret);
    const other = await createUser(t, 'student');
    // A real exchange with the (fake) LLM, then the final version.
    const conv = (
      await api('post', '/conversations', student)
        .send({ hackathonId: h.id, tacheId: h.tacheId, groupId: 'GROUPE-SECRET-42' })
        .expect(201)
    ).body.conversation.id;
    await api('post', `/conversations/${conv}/messages`, student)
      .send({ content: 'Écris un haïku sur la mer.' })
      .expect(202);
    const reply = await until(async () => {
      const c = (await api('get', `/conversations/${conv}`, student).expect(200)).body.conversation;
      return c.messages.find((m: any) => m.role === 'assistant');
    }, 'réponse du LLM');
    await api('put', `/conversations/${conv}/final`, student)
      .send({ promptFinal: 'Écris un haïku sur la mer.', reponseIAFinale: reply.content })
      .expect(200);
    const otherConv = await submission(other, h);
    const examiner = await createUser(t, 'examiner');
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    await runAssignments(h.id, 1);

    const forbidden = [student.id, student.email, secret.prenom, secret.nom, secret.numeroEtudiant, 'GROUPE-SECRET-42'];
    const expectAnonymous = (raw: string) => {
      for (const word of forbidden) expect(raw).not.toContain(word);
    };
    const mail = await smtp.waitFor((m) => m.to.includes(examiner.email.toLowerCase()) && m.subject.includes(h.nom));
    expectAnonymous(mail.text);
    expect(mail.text).toContain('Candidat 1');

    const queue = await api('get', '/assignments/mine?status=pending', examiner).expect(200);
    expectAnonymous(queue.text);
    expect(queue.body.items.map((a: any) => [a.conversationId, a.candidat, a.anonymous])).toEqual([
      [conv, 'Candidat 1', true],
      [otherConv, 'Candidat 2', true],
    ]);
    expect(queue.body.items[0].studentId).toBeUndefined();

    const sub = await api('get', `/submissions/${conv}`, examiner).expect(200);
    expectAnonymous(sub.text);
    expect(sub.body.submission.candidat).toBe('Candidat 1');
    expect(sub.body.submission.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
    expect(sub.body.submission.versionFinale.reponseIAFinale).toBe(reply.content);

    const graded = await api('post', '/evaluations', examiner)
      .send(anEvaluation(conv).withNote(7.5).build())
      .expect(201);
    expectAnonymous(graded.text);
    expect(graded.body.evaluation).toEqual(
      expect.objectContaining({ note: 7.5, label: 'Bien', candidat: 'Candidat 1', anonymous: true }),
    );
    const edited = await api('patch', `/evaluations/${graded.body.evaluation.id}`, examiner)
      .send({ note: 8 })
      .expect(200);
    expectAnonymous(edited.text);
    const mine = await api('get', '/evaluations/mine', examiner).expect(200);
    expectAnonymous(mine.text);
    expect(mine.body.items[0]).toEqual(
      expect.objectContaining({ candidat: 'Candidat 1', note: 8, label: 'Très bien' }),
    );
    const done = await api('get', '/assignments/mine?status=done', examiner).expect(200);
    expectAnonymous(done.text);
    const stats = await api('get', `/hackathons/${h.id}/evaluations/stats`, examiner).expect(200);
    expectAnonymous(stats.text);

    // The same pseudonym after another run; the admin still sees who it is (so the check above can fail).
    await runAssignments(h.id, 1);
    expect((await api('get', '/assignments/mine?status=done', examiner).expect(200)).body.items[0].candidat).toBe(
      'Candidat 1',
    );
    const asAdmin = await api('get', `/submissions/${conv}`, admin).expect(200);
    expect(asAdmin.text).toContain(student.email);
    expect(asAdmin.body.submission).toEqual(
      expect.objectContaining({ candidat: 'Candidat 1', studentId: student.id, groupId: 'GROUPE-SECRET-42' }),
    );
  });
});
