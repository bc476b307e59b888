import { anEvaluation } from './support/builders/evaluation.builder';
import { createUser, TestUser } from './support/auth';
import { fakeLlmEnv, openHackathonVia, submitFinalVia } from './support/full-stack';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

const SEED = {
  min: 'La note doit être au minimum de 1',
  max: 'La note doit être au maximum de 10',
  comment: 'Le commentaire doit contenir au moins 10 caractères',
};

describe('evaluation: bad input', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;
  let outsider: TestUser;
  let h: { id: string; tacheId: string };
  let submitted: string;
  let notSubmitted: string;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  function expectError(res: any, status: number, code: string) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  }

  const openHackathon = () => openHackathonVia(api, admin);

  async function submission(hackathon: { id: string; tacheId: string }) {
    const id = (
      await api('post', '/conversations', student)
        .send({ hackathonId: hackathon.id, tacheId: hackathon.tacheId })
        .expect(201)
    ).body.conversation.id as string;
    await submitFinalVia(api, student, id, 'Prompt final');
    return id;
  }

  async function assign(hackathonId: string, examinerIds: string[], k: number) {
    await api('put', `/hackathons/${hackathonId}/examiners`, admin).send({ examinerIds }).expect(200);
    const { jobId } = (
      await api('post', `/hackathons/${hackathonId}/assignments`, admin).send({ examinersPerSubmission: k }).expect(202)
    ).body;
    await until(
      async () =>
        (await api('get', `/hackathons/${hackathonId}/assignments/jobs/${jobId}`, admin).expect(200)).body.state ===
        'completed',
      'attributions',
    );
  }

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4' });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
    outsider = await createUser(t, 'examiner');
    h = await openHackathon();
    submitted = await submission(h);
    notSubmitted = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id;
    await assign(h.id, [examiner.id], 1);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('documents the jury and evaluation routes in OpenAPI', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/hackathons/{id}/examiners']).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/api/v1/hackathons/{id}/examiners'].put.requestBody).toBeDefined();
    for (const path of [
      '/api/v1/hackathons/{id}/assignments',
      '/api/v1/assignments/mine',
      '/api/v1/submissions/{conversationId}',
      '/api/v1/evaluations',
      '/api/v1/evaluations/{id}',
      '/api/v1/evaluations/mine',
      '/api/v1/hackathons/{id}/evaluations/stats',
      '/api/v1/hackathons/{id}/leaderboard',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // Readable operation ids (docs/api.md 1.1) for the routes of the evaluation and admin contexts.
    const ids = (path: string) => Object.values(doc.paths[`/api/v1${path}`]).map((op: any) => op.operationId);
    expect(ids('/evaluations')).toEqual(['evaluations.grade']);
    expect(ids('/evaluations/{id}')).toEqual(['evaluations.edit']);
    expect(ids('/evaluations/mine')).toEqual(['evaluations.listMine']);
    expect(ids('/hackathons/{id}/evaluations/stats')).toEqual(['evaluations.stats']);
    expect(ids('/hackathons/{id}/leaderboard')).toEqual(['evaluations.leaderboard']);
    expect(ids('/hackathons/{id}/assignments')).toEqual(['assignments.run']);
    expect(ids('/hackathons/{id}/assignments/jobs/{jobId}')).toEqual(['assignments.getJob']);
    expect(ids('/assignments/mine')).toEqual(['assignments.listMine']);
    expect(ids('/submissions/{conversationId}')).toEqual(['submissions.get']);
    expect(ids('/admin/jobs/{name}')).toEqual(['admin.startJob']);
    expect(ids('/admin/jobs/{id}')).toEqual(['admin.getJob']);
    expect(ids('/admin/exports/{id}')).toEqual(['admin.downloadExport']);
    expect(ids('/admin/users/{id}/erase')).toEqual(['admin.eraseUser']);
    expect(ids('/users/me/export')).toEqual(['users.exportMyData']);
  });

  describe('POST /evaluations', () => {
    it.each([
      ['0', 0, SEED.min],
      ['10.5', 10.5, SEED.max],
      ['7.3', 7.3, 'La note doit être un multiple de 0,5 (demi-points)'],
      ['"8"', '8', 'La note doit être un nombre'],
      ['null', null, 'La note doit être un nombre'],
    ])('refuses note %s: 400 VALIDATION_FAILED with its message', async (_label, note, message) => {
      const res = await api('post', '/evaluations', examiner).send(anEvaluation(submitted).withNote(note).build());
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([{ field: 'note', messages: expect.arrayContaining([message]) }]),
      );
    });

    it('refuses a missing note: 400', async () => {
      const { note: _note, ...body } = anEvaluation(submitted).build();
      expectError(await api('post', '/evaluations', examiner).send(body), 400, 'VALIDATION_FAILED');
    });

    it('refuses the comment "  trop court " with the seed message: 400', async () => {
      const res = await api('post', '/evaluations', examiner).send(
        anEvaluation(submitted).withComment('  trop court ').build(),
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([{ field: 'comment', messages: [SEED.comment] }]);
      expect(res.body.message).toContain(SEED.comment);
    });

    it('refuses an unknown field and an operator object where an id is expected: 400', async () => {
      expectError(
        await api('post', '/evaluations', examiner).send(
          anEvaluation(submitted).with({ examinerId: outsider.id }).build(),
        ),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await api('post', '/evaluations', examiner).send(
          anEvaluation(submitted)
            .with({ conversationId: { $ne: null } })
            .build(),
        ),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers an examiner without an assignment 403 NOT_ASSIGNED before any other check: unsubmitted, unknown or not theirs alike', async () => {
      const unknown = '0123456789abcdef01234567';
      const answers = [];
      for (const [who, conversationId] of [
        [examiner, notSubmitted],
        [examiner, unknown],
        [outsider, submitted],
        [outsider, notSubmitted],
        [outsider, unknown],
      ] as [TestUser, string][]) {
        const res = await api('post', '/evaluations', who).send(anEvaluation(conversationId).build());
        expectError(res, 403, 'NOT_ASSIGNED');
        answers.push(res.body);
      }
      // The very same body each time: nothing tells which conversations exist or are submitted.
      expect(new Set(answers.map((b) => JSON.stringify(b))).size).toBe(1);
      expect((await api('get', '/evaluations/mine', outsider).expect(200)).body.total).toBe(0);
    });

    it('refuses a student (403) and an admin (403): only examiners grade', async () => {
      expectError(await api('post', '/evaluations', student).send(anEvaluation(submitted).build()), 403, 'FORBIDDEN');
      expectError(await api('post', '/evaluations', admin).send(anEvaluation(submitted).build()), 403, 'FORBIDDEN');
    });

    it('two evaluations arriving at once: exactly one stored, the other 409 ALREADY_EVALUATED; a third one too', async () => {
      const [a, b] = await Promise.all([
        api('post', '/evaluations', examiner).send(anEvaluation(submitted).withNote(6).build()),
        api('post', '/evaluations', examiner).send(anEvaluation(submitted).withNote(9).build()),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect((a.status === 409 ? a : b).body.code).toBe('ALREADY_EVALUATED');
      expectError(
        await api('post', '/evaluations', examiner).send(anEvaluation(submitted).build()),
        409,
        'ALREADY_EVALUATED',
      );
      const mine = (await api('get', '/evaluations/mine', examiner).expect(200)).body;
      expect(mine.total).toBe(1);
      expect(mine.items[0].note).toBe((a.status === 201 ? a : b).body.evaluation.note);
      expect((await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body.totalEvaluations).toBe(
        1,
      );
    });
  });

  describe('PATCH /evaluations/:id', () => {
    let evaluationId: string;
    beforeAll(async () => {
      evaluationId = (await api('get', '/evaluations/mine', examiner).expect(200)).body.items[0].id;
    });

    it('refuses another examiner editing it: 403 NOT_YOUR_EVALUATION', async () => {
      expectError(
        await api('patch', `/evaluations/${evaluationId}`, outsider).send({ note: 2 }),
        403,
        'NOT_YOUR_EVALUATION',
      );
      expect((await api('get', '/evaluations/mine', examiner).expect(200)).body.items[0].note).not.toBe(2);
    });

    it.each([
      ['note 0', { note: 0 }],
      ['note 7.3', { note: 7.3 }],
      ['note "8"', { note: '8' }],
      ['comment "  trop court "', { comment: '  trop court ' }],
      ['an empty body', {}],
      ['an unknown field', { examinerId: '0123456789abcdef01234567' }],
    ])('refuses %s: 400', async (_label, body) => {
      expectError(await api('patch', `/evaluations/${evaluationId}`, examiner).send(body), 400, 'VALIDATION_FAILED');
    });

    it('answers 404 for an unknown evaluation and 400 INVALID_ID for a malformed id', async () => {
      expectError(
        await api('patch', '/evaluations/0123456789abcdef01234567', examiner).send({ note: 5 }),
        404,
        'EVALUATION_NOT_FOUND',
      );
      expectError(await api('patch', '/evaluations/nope', examiner).send({ note: 5 }), 400, 'INVALID_ID');
    });
  });

  describe('submissions, jury, assignments, results', () => {
    it('refuses an unassigned examiner reading a submission: 403 NOT_ASSIGNED, unknown or unsubmitted ids too; a student: 403', async () => {
      const answers = [];
      for (const [who, id] of [
        [outsider, submitted],
        [outsider, notSubmitted],
        [outsider, '0123456789abcdef01234567'],
        [examiner, notSubmitted],
      ] as [TestUser, string][]) {
        const res = await api('get', `/submissions/${id}`, who);
        expectError(res, 403, 'NOT_ASSIGNED');
        answers.push(JSON.stringify(res.body));
      }
      expect(new Set(answers).size).toBe(1);
      expectError(await api('get', `/submissions/${submitted}`, student), 403, 'FORBIDDEN');
      expectError(await api('get', '/submissions/not-an-id', examiner), 400, 'INVALID_ID');
    });

    it('answers an admin 404 SUBMISSION_NOT_FOUND for a conversation without final version', async () => {
      expectError(await api('get', `/submissions/${notSubmitted}`, admin), 404, 'SUBMISSION_NOT_FOUND');
    });

    it('refuses more examiners per submission than attached: 400 NOT_ENOUGH_EXAMINERS; k = 0 or "2": 400', async () => {
      expectError(
        await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 2 }),
        400,
        'NOT_ENOUGH_EXAMINERS',
      );
      expectError(
        await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 0 }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: '2' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await api('post', '/hackathons/0123456789abcdef01234567/assignments', admin).send({
          examinersPerSubmission: 1,
        }),
        404,
        'HACKATHON_NOT_FOUND',
      );
      expectError(
        await api('post', `/hackathons/${h.id}/assignments`, examiner).send({ examinersPerSubmission: 1 }),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses attaching a non-examiner (400) and lets only admins change the jury (403)', async () => {
      const res = await api('put', `/hackathons/${h.id}/examiners`, admin).send({
        examinerIds: [examiner.id, student.id],
      });
      expectError(res, 400, 'NOT_AN_EXAMINER');
      expect(res.body.details[0].values).toEqual([student.id]);
      expectError(
        await api('put', `/hackathons/${h.id}/examiners`, admin).send({ examinerIds: ['nope'] }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await api('put', `/hackathons/${h.id}/examiners`, examiner).send({ examinerIds: [examiner.id] }),
        403,
        'FORBIDDEN',
      );
      expect(
        (await api('get', `/hackathons/${h.id}/examiners`, admin).expect(200)).body.examiners.map((e: any) => e.id),
      ).toEqual([examiner.id]);
    });

    it('keeps the leaderboard for admins and the stats for examiners and admins', async () => {
      expectError(await api('get', `/hackathons/${h.id}/leaderboard`, examiner), 403, 'FORBIDDEN');
      expectError(await api('get', `/hackathons/${h.id}/evaluations/stats`, student), 403, 'FORBIDDEN');
      expectError(
        await api('get', '/hackathons/0123456789abcdef01234567/leaderboard', admin),
        404,
        'HACKATHON_NOT_FOUND',
      );
      expectError(await api('get', '/assignments/mine?status=later', examiner), 400, 'VALIDATION_FAILED');
    });

    it('closes grading once the hackathon is archived: 409 GRADING_CLOSED', async () => {
      const h2 = await openHackathon();
      const conv = await submission(h2);
      await assign(h2.id, [examiner.id], 1);
      await api('post', `/hackathons/${h2.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
      // Terminé: grading goes on.
      const evaluation = (await api('post', '/evaluations', examiner).send(anEvaluation(conv).build()).expect(201)).body
        .evaluation;
      await api('post', `/hackathons/${h2.id}/status`, admin).send({ statut: 'Archivé' }).expect(200);
      expectError(
        await api('patch', `/evaluations/${evaluation.id}`, examiner).send({ note: 3 }),
        409,
        'GRADING_CLOSED',
      );
    });

    it('takes an examiner off the jury: their pending assignments go, the rerun gives them to the jury left', async () => {
      const h3 = await openHackathon();
      const conv = await submission(h3);
      await assign(h3.id, [outsider.id], 1);
      expect((await api('get', `/submissions/${conv}`, outsider).expect(200)).body.submission.assignment.status).toBe(
        'pending',
      );
      await assign(h3.id, [examiner.id], 1);
      expectError(await api('get', `/submissions/${conv}`, outsider), 403, 'NOT_ASSIGNED');
      expect((await api('get', `/submissions/${conv}`, examiner).expect(200)).body.submission.conversationId).toBe(
        conv,
      );
    });
  });
});
