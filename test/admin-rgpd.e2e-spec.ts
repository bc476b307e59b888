import { Types } from 'mongoose';
import { anEvaluation } from './support/builders/evaluation.builder';
import { createUser, TestUser } from './support/auth';
import { FullStack, startFullStack, openHackathonVia, submitFinalVia } from './support/full-stack';
import { TestApp } from './support/test-app';
import { until } from './support/wait';

describe('RGPD: export of one’s data, admin erase', () => {
  let t: TestApp;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };

  const openHackathon = () => openHackathonVia(api, admin);

  async function newConversation(who: TestUser, h: { id: string; tacheId: string }) {
    return (await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)).body
      .conversation.id as string;
  }

  async function submit(who: TestUser, id: string) {
    await submitFinalVia(api, who, id, `Prompt final ${id}`);
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

  let stack: FullStack;
  beforeAll(async () => {
    stack = await startFullStack();
    ({ t, admin } = stack);
  });
  afterAll(() => stack?.close());

  describe('GET /users/me/export', () => {
    it('gives a student and an examiner all their data: profile without secrets, conversations with messages, evaluations, usage, audit', async () => {
      const h = await openHackathon();
      const student = await createUser(t, 'student', { prenom: 'Exportine', numeroEtudiant: 'E-123' });
      const examiner = await createUser(t, 'examiner');
      const conv = await newConversation(student, h);
      await api('post', `/conversations/${conv}/messages`, student)
        .send({ content: 'Mon prompt à exporter' })
        .expect(202);
      await until(
        async () =>
          (await api('get', `/conversations/${conv}`, student).expect(200)).body.conversation.messages.length === 2,
        'réponse',
      );
      await submit(student, conv);
      await api('put', `/hackathons/${h.id}/examiners`, admin)
        .send({ examinerIds: [examiner.id] })
        .expect(200);
      await runAssignments(h.id, 1);
      const grade = anEvaluation(conv).withNote(8).build();
      await api('post', '/evaluations', examiner).send(grade).expect(201);

      // The ledger's settlement lands just after the reply is stored.
      const res = await until(async () => {
        const r = await api('get', '/users/me/export', student);
        return (r.status !== 200 || r.body.usage?.[0]?.usedTokens > 0) && r;
      }, 'usage réglé');
      expect(res.status).toBe(200);
      const body = res.body;
      expect(Object.keys(body).sort()).toEqual([
        'audit',
        'conversations',
        'evaluations',
        'exportedAt',
        'profile',
        'usage',
      ]);
      expect(body.profile).toEqual(
        expect.objectContaining({
          id: student.id,
          email: student.email,
          prenom: 'Exportine',
          numeroEtudiant: 'E-123',
          role: 'student',
        }),
      );
      const raw = JSON.stringify(body);
      expect(raw).not.toMatch(/passwordHash|magicLink|tokenHash|\$2[aby]\$/);
      expect(body.conversations).toHaveLength(1);
      expect(body.conversations[0]).toEqual(
        expect.objectContaining({ id: conv, hackathonId: h.id, studentId: student.id }),
      );
      // The prompt of the test, its answer, then the exchange whose answer became the final version.
      expect(body.conversations[0].messages.map((m: any) => m.role)).toEqual([
        'student',
        'assistant',
        'student',
        'assistant',
      ]);
      expect(body.conversations[0].messages[0].content).toBe('Mon prompt à exporter');
      expect(body.conversations[0].versionFinale).toEqual(
        expect.objectContaining({ promptFinal: `Prompt final ${conv}` }),
      );
      expect(body.evaluations.given).toEqual([]);
      expect(body.evaluations.received).toEqual([
        expect.objectContaining({
          conversationId: conv,
          studentId: student.id,
          examinerId: examiner.id,
          note: 8,
          comment: grade.comment,
        }),
      ]);
      expect(body.usage).toEqual([
        { hackathonId: h.id, prompts: 2, tokens: expect.any(Number), usedTokens: body.conversations[0].totalTokens },
      ]);
      expect(body.usage[0].usedTokens).toBeGreaterThan(0);
      expect(body.audit).toEqual([expect.objectContaining({ action: 'user.created', actorId: null })]);

      const ex = (await api('get', '/users/me/export', examiner).expect(200)).body;
      expect(ex.profile.id).toBe(examiner.id);
      expect(ex.conversations).toEqual([]);
      expect(ex.usage).toEqual([]);
      expect(ex.evaluations.received).toEqual([]);
      expect(ex.evaluations.given).toEqual([
        expect.objectContaining({ conversationId: conv, examinerId: examiner.id, note: 8 }),
      ]);
    });

    it('answers an admin and a user without role too, and 401 without a token', async () => {
      expect((await api('get', '/users/me/export', admin).expect(200)).body.profile.id).toBe(admin.id);
      const noRole = await createUser(t, '');
      const res = await api('get', '/users/me/export', noRole);
      expect(res.status).toBe(200);
      expect(res.body.profile).toEqual(expect.objectContaining({ id: noRole.id, role: '' }));
      const anon = await api('get', '/users/me/export');
      expect(anon.status).toBe(401);
    });
  });

  describe('POST /admin/users/:id/erase', () => {
    it('removes identity fields only: stats and leaderboard of a graded hackathon are identical before and after', async () => {
      const h = await openHackathon();
      const victim = await createUser(t, 'student', {
        prenom: 'Zéphyrine',
        nom: 'Effacable',
        numeroEtudiant: 'N-999',
        dateNaissance: '2001-02-03',
        profilEtudiant: { niveauFormation: 'M1', typeEtude: 'Info', groupId: 'G-7' },
      });
      const other = await createUser(t, 'student');
      const A = await newConversation(victim, h);
      const B = await newConversation(other, h);
      await submit(victim, A);
      await submit(other, B);
      const [e1, e2] = [await createUser(t, 'examiner'), await createUser(t, 'examiner')];
      await api('put', `/hackathons/${h.id}/examiners`, admin)
        .send({ examinerIds: [e1.id, e2.id] })
        .expect(200);
      await runAssignments(h.id, 2);
      for (const [who, conv, note] of [
        [e1, A, 9],
        [e2, A, 7],
        [e1, B, 5],
        [e2, B, 6],
      ] as [TestUser, string, number][]) {
        await api('post', '/evaluations', who).send(anEvaluation(conv).withNote(note).build()).expect(201);
      }
      const ranking = (board: any) => board.items.map(({ student: _s, ...rest }: any) => rest);
      const statsBefore = (await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body;
      const boardBefore = (await api('get', `/hackathons/${h.id}/leaderboard`, admin).expect(200)).body;
      expect(JSON.stringify(boardBefore)).toContain('Zéphyrine');

      const res = await api('post', `/admin/users/${victim.id}/erase`, admin);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: victim.id, erased: true, alreadyErased: false });

      const statsAfter = (await api('get', `/hackathons/${h.id}/evaluations/stats`, admin).expect(200)).body;
      const boardAfter = (await api('get', `/hackathons/${h.id}/leaderboard`, admin).expect(200)).body;
      expect(statsAfter).toEqual(statsBefore);
      expect(ranking(boardAfter)).toEqual(ranking(boardBefore));
      expect(boardAfter.items[0]).toEqual(expect.objectContaining({ conversationId: A, rank: 1, meanNote: 8 }));
      const boardText = JSON.stringify(boardAfter);
      for (const personal of [victim.email, 'Zéphyrine', 'Effacable', 'N-999'])
        expect(boardText).not.toContain(personal);

      const got = await api('get', `/users/${victim.id}`, admin);
      expect(got.status).toBe(404);
      for (const personal of [victim.email, 'Zéphyrine', 'Effacable'])
        expect(JSON.stringify(got.body)).not.toContain(personal);

      const doc: any = await t.connection.collection('users').findOne({ _id: new Types.ObjectId(victim.id) });
      expect(doc).toEqual(
        expect.objectContaining({
          prenom: 'Utilisateur supprimé',
          nom: 'Utilisateur supprimé',
          email: `erased-${victim.id}@invalid`,
          deletedAt: expect.any(Date),
        }),
      );
      for (const gone of [
        'numeroEtudiant',
        'dateNaissance',
        'profilEtudiant',
        'profilJury',
        'magicLink',
        'passwordHash',
      ])
        expect(doc).not.toHaveProperty(gone);
      // Contents kept: the conversation and its grades are still there.
      expect(await t.connection.collection('conversations').countDocuments({ _id: new Types.ObjectId(A) })).toBe(1);
      expect(
        await t.connection.collection('evaluations').countDocuments({ conversationId: new Types.ObjectId(A) }),
      ).toBe(2);
      // The erased user can no longer use their token.
      expect((await api('get', '/users/me/export', victim)).status).toBe(401);
      // Audit: who erased, nothing personal.
      const audit = (await api('get', `/users/${victim.id}/audit`, admin)).body;
      expect(JSON.stringify(audit)).not.toContain('Zéphyrine');
    });

    it('erasing twice is harmless: 200 both times, alreadyErased the second time, nothing changes', async () => {
      const u = await createUser(t, 'student');
      await api('post', `/admin/users/${u.id}/erase`, admin).expect(200);
      const first: any = await t.connection.collection('users').findOne({ _id: new Types.ObjectId(u.id) });
      const again = await api('post', `/admin/users/${u.id}/erase`, admin);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ id: u.id, erased: true, alreadyErased: true });
      const second: any = await t.connection.collection('users').findOne({ _id: new Types.ObjectId(u.id) });
      expect(second).toEqual(first);
    });

    it('404 USER_NOT_FOUND for an unknown id, 400 INVALID_ID for a malformed one', async () => {
      const missing = await api('post', `/admin/users/${new Types.ObjectId().toHexString()}/erase`, admin);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('USER_NOT_FOUND');
      const bad = await api('post', '/admin/users/not-an-id/erase', admin);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_ID');
    });

    it('403 FORBIDDEN for a student or an examiner (nothing erased), 401 without a token', async () => {
      const target = await createUser(t, 'student');
      for (const role of ['student', 'examiner'] as const) {
        const who = await createUser(t, role);
        const res = await api('post', `/admin/users/${target.id}/erase`, who);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await api('post', `/admin/users/${target.id}/erase`)).status).toBe(401);
      const doc: any = await t.connection.collection('users').findOne({ _id: new Types.ObjectId(target.id) });
      expect(doc.email).toBe(target.email);
      expect(doc.deletedAt ?? null).toBeNull();
    });
  });
});
