import { createUser, TestUser } from './support/auth';
import { FullStack, openHackathonVia, startFullStack, submitFinalVia } from './support/full-stack';
import { openSse } from './support/sse';
import { until } from './support/wait';
import { Types } from 'mongoose';
import { DomainEvents } from '../libs/events';
import { RedisService } from '../libs/redis';
import { DashboardStream } from '../src/admin/class-dashboard/dashboard-stream';

/**
 * A teacher runs the class (docs/api.md 1.1, "Hackathons 1.1"): who may take part (roster), a trial
 * run in `Test`, one student's own quotas, the live class dashboard, the results students see.
 */
describe('the class: roster, Test runs, quotas per student, dashboard, results', () => {
  let s: FullStack;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (s.t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  async function newConversation(who: TestUser, h: { id: string; tacheId: string }) {
    const res = await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId });
    expect(res.status).toBe(201);
    return res.body.conversation.id as string;
  }

  beforeAll(async () => {
    s = await startFullStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = s.admin;
  });
  afterAll(() => s?.close());

  describe('roster (acces "liste")', () => {
    it('hides a liste hackathon from a student off its roster and refuses them 403 NOT_PARTICIPANT; the roster opens it', async () => {
      const on = await createUser(s.t, 'student');
      const off = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin, { acces: 'liste' });
      const roster = await api('put', `/hackathons/${h.id}/participants`, admin).send({ studentIds: [on.id] });
      expect(roster.status).toBe(200);
      expect(roster.body).toEqual({ hackathonId: h.id, count: 1 });

      const listed = async (who: TestUser) =>
        (await api('get', '/hackathons?limit=100', who).expect(200)).body.items.some((x: any) => x.id === h.id);
      const active = async (who: TestUser) =>
        (await api('get', '/hackathons/active', who).expect(200)).body.items.some((x: any) => x.id === h.id);
      expect(await listed(off)).toBe(false);
      expect(await active(off)).toBe(false);
      const read = await api('get', `/hackathons/${h.id}`, off);
      expect(read.status).toBe(404);
      expect(read.body.code).toBe('HACKATHON_NOT_FOUND');
      const refused = await api('post', '/conversations', off).send({ hackathonId: h.id, tacheId: h.tacheId });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('NOT_PARTICIPANT');

      expect(await listed(on)).toBe(true);
      expect(await active(on)).toBe(true);
      await newConversation(on, h);
    });

    it('imports a class into a roster: new and existing students of the file join it, an examiner row does not', async () => {
      const h = await openHackathonVia(api, admin, { acces: 'liste' });
      const tag = Date.now().toString(36);
      const existing = await createUser(s.t, 'student');
      const csv = [
        'prenom,nom,email,role,numeroEtudiant,groupId',
        `Ana,Import,ana.${tag}@ecole.example,student,,`,
        `Bob,Import,bob.${tag}@ecole.example,etudiant,,`,
        `Eva,Jury,eva.${tag}@ecole.example,examinateur,,`,
        `Moi,Déjà,${existing.email},student,,`,
      ].join('\n');
      const jobId = (await api('post', '/admin/jobs/import-users', admin).send({ csv, hackathonId: h.id }).expect(202))
        .body.jobId;
      const report = await until(async () => {
        const r = (await api('get', `/admin/jobs/${jobId}`, admin).expect(200)).body;
        return ['completed', 'failed'].includes(r.state) && r;
      }, 'l’import');
      expect(report.state).toBe('completed');
      expect(report.result).toEqual(
        expect.objectContaining({ created: 3, skippedExisting: 1, roster: { hackathonId: h.id, added: 3, size: 3 } }),
      );
      expect(report.result.students).toBeUndefined();
      const participants = (await api('get', `/hackathons/${h.id}/participants?limit=100`, admin).expect(200)).body;
      expect(participants.total).toBe(3);
      expect(participants.items.map((p: any) => p.prenom).sort()).toEqual(['Ana', 'Bob', 'Prénom']);
      // The existing student now sees the liste hackathon.
      const seen = (await api('get', '/hackathons/active', existing).expect(200)).body.items.map((x: any) => x.id);
      expect(seen).toContain(h.id);

      const unknown = await api('post', '/admin/jobs/import-users', admin).send({
        csv,
        hackathonId: '0123456789abcdef01234567',
      });
      expect(unknown.status).toBe(202);
      const failed = await until(async () => {
        const r = (await api('get', `/admin/jobs/${unknown.body.jobId}`, admin).expect(200)).body;
        return ['completed', 'failed'].includes(r.state) && r;
      }, 'l’import vers un hackathon inconnu');
      expect(failed.state).toBe('failed');
      expect(failed.failedReason).toMatch(/^HACKATHON_NOT_FOUND/);
    });

    it('refuses a roster holding a non-student: 400 NOT_A_STUDENT', async () => {
      const h = await openHackathonVia(api, admin, { acces: 'liste' });
      const examiner = await createUser(s.t, 'examiner');
      const res = await api('put', `/hackathons/${h.id}/participants`, admin).send({ studentIds: [examiner.id] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('NOT_A_STUDENT');
    });

    it('never shows a student a draft (Brouillon): not listed, 404 when asked', async () => {
      const student = await createUser(s.t, 'student');
      const draft = (
        await api('post', '/hackathons', admin).send({
          nom: 'Brouillon secret',
          description: '',
          objectifs: '',
          dates: { debut: new Date().toISOString(), fin: new Date(Date.now() + 86400_000).toISOString() },
          anonymatActif: false,
          quotas: { promptsParEtudiant: 5, tokensParEtudiant: 5000 },
          taches: ['T'],
        })
      ).body.hackathon;
      const all = (await api('get', '/hackathons?limit=100', student).expect(200)).body.items;
      expect(all.some((x: any) => x.id === draft.id)).toBe(false);
      expect(all.every((x: any) => x.statut !== 'Brouillon')).toBe(true);
      const asked = await api('get', '/hackathons?statut=Brouillon', student).expect(200);
      expect(asked.body.items).toEqual([]);
      expect((await api('get', `/hackathons/${draft.id}`, student)).status).toBe(404);
    });
  });

  it('opens a Test hackathon to students: 201, and their prompts are answered', async () => {
    const student = await createUser(s.t, 'student');
    const h = (
      await api('post', '/hackathons', admin).send({
        nom: 'Essai avec la classe',
        description: '',
        objectifs: '',
        dates: {
          debut: new Date(Date.now() - 60_000).toISOString(),
          fin: new Date(Date.now() + 86400_000).toISOString(),
        },
        anonymatActif: false,
        quotas: { promptsParEtudiant: 5, tokensParEtudiant: 50000 },
        taches: ['T'],
      })
    ).body.hackathon;
    await api('post', `/hackathons/${h.id}/status`, admin).send({ statut: 'Test' }).expect(200);
    const id = await newConversation(student, { id: h.id, tacheId: h.taches[0].id });
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Essai' }).expect(202);
    const quota = await until(async () => {
      const q = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
      return q.promptsUsed === 1 && q;
    }, 'le prompt compté');
    expect(quota.promptsLimit).toBe(5);
  });

  describe('quotas per student', () => {
    it('raises one student’s limit for their next send; others keep the hackathon’s', async () => {
      const student = await createUser(s.t, 'student');
      const neighbour = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 } });
      const c1 = await newConversation(student, h);
      const c2 = await newConversation(student, h);
      await api('post', `/conversations/${c1}/messages`, student).send({ content: 'Un' }).expect(202);
      const stuck = await api('post', `/conversations/${c2}/messages`, student).send({ content: 'Deux' });
      expect(stuck.status).toBe(429);
      expect(stuck.body.code).toBe('QUOTA_PROMPTS_EXCEEDED');

      const raised = await api('put', `/hackathons/${h.id}/quotas/${student.id}`, admin).send({
        promptsParEtudiant: 3,
      });
      expect(raised.status).toBe(200);
      expect(raised.body).toEqual({ studentId: student.id, promptsLimit: 3, tokensLimit: 100000 });
      await api('post', `/conversations/${c2}/messages`, student).send({ content: 'Deux' }).expect(202);
      expect((await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body.promptsLimit).toBe(3);
      expect((await api('get', `/hackathons/${h.id}/quota/me`, neighbour).expect(200)).body.promptsLimit).toBe(1);

      const bad = await api('put', `/hackathons/${h.id}/quotas/${student.id}`, admin).send({ promptsParEtudiant: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const notStudent = await api('put', `/hackathons/${h.id}/quotas/${admin.id}`, admin).send({
        promptsParEtudiant: 3,
      });
      expect(notStudent.status).toBe(400);
      expect(notStudent.body.code).toBe('NOT_A_STUDENT');
    });

    it('stays exact under 50 concurrent sends around the change: never more prompts than the limit in force', async () => {
      const student = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 5, tokensParEtudiant: 1000000 } });
      const ids = await Promise.all(Array.from({ length: 50 }, () => newConversation(student, h)));
      const sends = ids.map((id, i) =>
        api('post', `/conversations/${id}/messages`, student).send({ content: `Q${i}` }),
      );
      const change = api('put', `/hackathons/${h.id}/quotas/${student.id}`, admin).send({ promptsParEtudiant: 12 });
      const [results, changed] = await Promise.all([Promise.all(sends), change]);
      expect(changed.status).toBe(200);
      const accepted = results.filter((r) => r.status === 202).length;
      expect(accepted).toBeGreaterThanOrEqual(5);
      expect(accepted).toBeLessThanOrEqual(12);
      for (const r of results.filter((r) => r.status !== 202)) expect(r.body.code).toBe('QUOTA_PROMPTS_EXCEEDED');
      const quota = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
      expect(quota.promptsUsed).toBe(accepted);
      expect(quota.promptsLimit).toBe(12);
      // And the next sends stop exactly at the new limit.
      const more = await Promise.all(
        ids.map((id, i) => api('post', `/conversations/${id}/messages`, student).send({ content: `R${i}` })),
      );
      const after = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
      expect(after.promptsUsed).toBeLessThanOrEqual(12);
      expect(more.filter((r) => r.status === 202).length).toBeLessThanOrEqual(12 - accepted);
    });
  });

  describe('class dashboard', () => {
    it('lists the class with totals, and its stream sends the changed row after a send, a reply, a failure and a submission', async () => {
      const student = await createUser(s.t, 'student', { prenom: 'Zoé', nom: 'Martin' });
      const h = await openHackathonVia(api, admin, { acces: 'liste' });
      await api('put', `/hackathons/${h.id}/participants`, admin)
        .send({ studentIds: [student.id] })
        .expect(200);
      const before = (await api('get', `/hackathons/${h.id}/dashboard`, admin).expect(200)).body;
      expect(before.hackathon.id).toBe(h.id);
      expect(before.totals).toEqual(
        expect.objectContaining({
          students: 1,
          prompts: 0,
          tokens: 0,
          pendingReplies: 0,
          failedReplies: 0,
          submitted: 0,
        }),
      );
      expect(before.students).toEqual([
        expect.objectContaining({
          studentId: student.id,
          prenom: 'Zoé',
          nom: 'Martin',
          promptsUsed: 0,
          conversations: 0,
        }),
      ]);

      const ticket = (await api('post', `/hackathons/${h.id}/dashboard/stream-ticket`, admin).expect(201)).body.ticket;
      const sse = openSse(
        `${s.t.url}/api/v1/hackathons/${h.id}/dashboard/stream?ticket=${encodeURIComponent(ticket)}`,
        {},
      );
      await sse.ready;
      expect(sse.status()).toBe(200);
      await sse.waitFor((e) => e.event === 'totals');
      const rowWhere = (match: (r: any) => boolean) =>
        sse.waitFor((e) => e.event === 'student' && e.data.studentId === student.id && match(e.data), 240_000);

      const id = await newConversation(student, h);
      await rowWhere((r) => r.conversations === 1);
      s.llm.setLatency({ latencyMs: 1500 });
      await api('post', `/conversations/${id}/messages`, student).send({ content: 'Au travail' }).expect(202);
      const sent = await rowWhere((r) => r.pendingReplies === 1);
      expect(sent.data.promptsUsed).toBe(1);
      s.llm.setLatency({ latencyMs: 0 });
      const answered = await rowWhere((r) => r.pendingReplies === 0 && r.tokensUsed > 0);
      expect(answered.data.lastActivityAt).toEqual(expect.any(String));

      await api('post', `/conversations/${id}/messages`, student)
        .send({ content: 'Refusé [fake-llm:400]' })
        .expect(202);
      const failed = await rowWhere((r) => r.failedReplies === 1);
      expect(failed.data.lastError.message).toMatch(/n’a pas pu être générée/);
      expect(failed.data.pendingReplies).toBe(0);

      await submitFinalVia(api, student, id, 'Mon prompt final');
      await rowWhere((r) => r.submitted === 1);
      const totals = await sse.waitFor((e) => e.event === 'totals' && e.data.submitted === 1);
      expect(totals.data).toEqual(expect.objectContaining({ students: 1, failedReplies: 1, submitted: 1, active: 1 }));
      sse.close();

      const now = (await api('get', `/hackathons/${h.id}/dashboard`, admin).expect(200)).body;
      expect(now.students[0]).toEqual(expect.objectContaining({ conversations: 1, submitted: 1, failedReplies: 1 }));
      const participants = (await api('get', `/hackathons/${h.id}/participants`, admin).expect(200)).body;
      expect(participants).toEqual({
        items: [
          expect.objectContaining({
            studentId: student.id,
            promptsUsed: 2,
            promptsLimit: 30,
            lastActivityAt: expect.any(String),
          }),
        ],
        total: 1,
        page: 1,
        limit: 20,
      });
    });

    it('keeps the dashboard and its stream to admins', async () => {
      const student = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin);
      expect((await api('get', `/hackathons/${h.id}/dashboard`, student)).status).toBe(403);
      expect((await api('post', `/hackathons/${h.id}/dashboard/stream-ticket`, student)).status).toBe(403);
    });
  });

  describe('class dashboard 1.2: rows from events, blocked and refused students, coalesced stream, repair', () => {
    const dashboard = async (h: { id: string }) =>
      (await api('get', `/hackathons/${h.id}/dashboard`, admin).expect(200)).body;
    const rowOf = async (h: { id: string }, student: TestUser) =>
      (await dashboard(h)).students.find((r: any) => r.studentId === student.id);
    /** Waits for the row to match; on a timeout the assertion below shows the difference. */
    const settledRow = async (h: { id: string }, student: TestUser, expected: Record<string, unknown>) => {
      const matches = (r: any) => {
        try {
          expect(r).toEqual(expect.objectContaining(expected));
          return true;
        } catch {
          return false;
        }
      };
      await until(async () => matches(await rowOf(h, student)), 'la ligne attendue', 60_000).catch(() => undefined);
      const row = await rowOf(h, student);
      expect(row).toEqual(expect.objectContaining(expected));
      return row;
    };
    const answered = (who: TestUser, id: string) =>
      until(async () => {
        const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
        return c.pendingMessageId === null && c.messages.length > 0 && c.messages.at(-1).role !== 'student' && c;
      }, 'la réponse');

    it('keeps a row exact over a burst of 20 concurrent sends and answers for one student, as a rebuild finds it', async () => {
      const student = await createUser(s.t, 'student', { prenom: 'Rafale', nom: 'Concurrente' });
      const h = await openHackathonVia(api, admin, {
        quotas: { promptsParEtudiant: 100, tokensParEtudiant: 1_000_000 },
      });
      s.llm.setLatency({ latencyMs: 0 });
      const ids = await Promise.all(Array.from({ length: 20 }, () => newConversation(student, h)));
      const sends = await Promise.all(
        ids.map((id, i) =>
          api('post', `/conversations/${id}/messages`, student).send({
            content: i % 4 === 0 ? `Échec ${i} [fake-llm:400]` : `Question ${i}`,
          }),
        ),
      );
      expect(sends.map((r) => r.status)).toEqual(Array(20).fill(202));
      await Promise.all(ids.map((id) => answered(student, id)));

      const exact = {
        conversations: 20,
        pendingReplies: 0,
        failedReplies: 5,
        submitted: 0,
        promptsUsed: 15,
        bloque: false,
        refus: { nombre: 0, dernier: null },
      };
      const row = await settledRow(h, student, exact);
      expect(row.lastError.message).toMatch(/n’a pas pu être générée/);

      // The repair recomputes the same row from the conversations.
      const rebuilt = await api('post', `/hackathons/${h.id}/dashboard/rebuild`, admin);
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toEqual({ hackathonId: h.id, rebuilt: 1 });
      const after = await rowOf(h, student);
      expect(after).toEqual(expect.objectContaining(exact));
      expect(after.lastError.message).toBe(row.lastError.message);
    });

    it('keeps the newest facts whatever order events arrive in: an older event moves the counters and leaves the facts', async () => {
      const student = await createUser(s.t, 'student', { prenom: 'Désordre', nom: 'Arrivée' });
      const h = await openHackathonVia(api, admin);
      const id = await newConversation(student, h);
      await settledRow(h, student, { conversations: 1 });
      const events = s.t.app.get(DomainEvents);
      const failure = (message: string, at: Date) =>
        events.emit('reply.failed', {
          conversationId: id,
          messageId: new Types.ObjectId().toHexString(),
          hackathonId: h.id,
          studentId: student.id,
          code: 'AI_FAILED',
          message,
          at,
        });
      const newer = new Date(Date.now() + 60_000);
      failure('la plus récente', newer);
      failure('une plus ancienne', new Date(Date.now() + 30_000));
      const row = await settledRow(h, student, { conversations: 1, failedReplies: 2 });
      expect(row.lastError).toEqual({ message: 'la plus récente', at: newer.toISOString() });
      expect(row.lastActivityAt).toBe(newer.toISOString());
    });

    it('shows bloque: true for a student whose next prompt cannot fit the tokens left, counts the 429 refusal, and lists them first', async () => {
      const stuck = await createUser(s.t, 'student', { prenom: 'Zacharie', nom: 'Zurbach' });
      const fine = await createUser(s.t, 'student', { prenom: 'Alice', nom: 'Abel' });
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 1200 } });
      const id = await newConversation(stuck, h);
      await newConversation(fine, h);
      // Rows follow the events (asynchronously): both students' first events have landed.
      const first = await until(async () => {
        const d = await dashboard(h);
        return d.students.filter((r: any) => r.conversations === 1).length === 2 && d;
      }, 'les deux lignes');
      expect(first.students.map((r: any) => [r.nom, r.bloque])).toEqual([
        ['Abel', false],
        ['Zurbach', false],
      ]);
      expect(first.totals).toEqual(expect.objectContaining({ blocked: 0, refused: 0 }));

      // A long answer: what is left (1 200 minus ~530) cannot hold the next send (its history ~530 + maxTokens 512).
      await api('post', `/conversations/${id}/messages`, stuck)
        .send({ content: 'Écris longuement [fake-llm:tokens=800]' })
        .expect(202);
      await answered(stuck, id);
      await settledRow(h, stuck, { pendingReplies: 0, bloque: true, refus: { nombre: 0, dernier: null } });

      const before = Date.now();
      const refused = await api('post', `/conversations/${id}/messages`, stuck).send({
        content: 'Encore une question',
      });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('QUOTA_TOKENS_EXCEEDED');
      const row = await settledRow(h, stuck, {
        bloque: true,
        refus: { nombre: 1, dernier: { code: 'QUOTA_TOKENS_EXCEEDED', at: expect.any(String) } },
      });
      expect(row.refus).toEqual({ nombre: 1, dernier: { code: 'QUOTA_TOKENS_EXCEEDED', at: expect.any(String) } });
      expect(Date.parse(row.refus.dernier.at)).toBeGreaterThanOrEqual(before - 1000);

      const now = await dashboard(h);
      expect(now.students.map((r: any) => [r.nom, r.bloque, r.refus.nombre])).toEqual([
        ['Zurbach', true, 1],
        ['Abel', false, 0],
      ]);
      expect(now.totals).toEqual(expect.objectContaining({ students: 2, blocked: 1, refused: 1 }));

      // Raising the student's own quota unblocks them.
      await api('put', `/hackathons/${h.id}/quotas/${stuck.id}`, admin)
        .send({ tokensParEtudiant: 100_000 })
        .expect(200);
      expect((await rowOf(h, stuck)).bloque).toBe(false);
    });

    it('shows bloque: true once the prompts are used up, and counts each 429 QUOTA_PROMPTS_EXCEEDED', async () => {
      const student = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100_000 } });
      const id = await newConversation(student, h);
      await api('post', `/conversations/${id}/messages`, student).send({ content: 'La seule' }).expect(202);
      await answered(student, id);
      for (let i = 0; i < 2; i++) {
        const res = await api('post', `/conversations/${id}/messages`, student).send({ content: `Encore ${i}` });
        expect(res.status).toBe(429);
        expect(res.body.code).toBe('QUOTA_PROMPTS_EXCEEDED');
      }
      await settledRow(h, student, {
        promptsUsed: 1,
        bloque: true,
        refus: { nombre: 2, dernier: { code: 'QUOTA_PROMPTS_EXCEEDED', at: expect.any(String) } },
      });
    });

    it('repairs a row whose events were missed: the rebuild recomputes it from the conversations and keeps the refusals; a long-waiting prompt is repaired by itself', async () => {
      const student = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100_000 } });
      const id = await newConversation(student, h);
      await api('post', `/conversations/${id}/messages`, student).send({ content: 'Une question' }).expect(202);
      await answered(student, id);
      expect((await api('post', `/conversations/${id}/messages`, student).send({ content: 'Trop' })).status).toBe(429);
      const exact = { conversations: 1, pendingReplies: 0, failedReplies: 0, submitted: 0 };
      await settledRow(h, student, { ...exact, refus: { nombre: 1, dernier: expect.anything() } });

      // As if the reply's and the conversation's events had been lost.
      const rows = s.t.connection.collection('student_activity');
      const key = { hackathonId: new Types.ObjectId(h.id), studentId: new Types.ObjectId(student.id) };
      await rows.updateOne(key, { $set: { conversations: 3, pendingReplies: 1, failedReplies: 2 } });
      expect(await rowOf(h, student)).toEqual(expect.objectContaining({ conversations: 3, pendingReplies: 1 }));

      const rebuilt = await api('post', `/hackathons/${h.id}/dashboard/rebuild`, admin);
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toEqual({ hackathonId: h.id, rebuilt: 1 });
      const row = await rowOf(h, student);
      expect(row).toEqual(expect.objectContaining(exact));
      expect(row.refus.nombre).toBe(1);

      // A row lost altogether comes back too (a hackathon open to all lists students by their rows).
      await rows.deleteOne(key);
      expect(await rowOf(h, student)).toBeUndefined();
      await api('post', `/hackathons/${h.id}/dashboard/rebuild`, admin).expect(200);
      expect(await rowOf(h, student)).toEqual(
        expect.objectContaining({ ...exact, refus: { nombre: 0, dernier: null } }),
      );

      // A prompt shown waiting for an hour (its answer's event lost): reading the dashboard hands the row to the repair.
      const lastActivityAt = (await rowOf(h, student)).lastActivityAt;
      await rows.updateOne(key, { $set: { pendingReplies: 1, lastActivityAt: new Date(Date.now() - 3600_000) } });
      expect((await rowOf(h, student)).pendingReplies).toBe(1);
      await settledRow(h, student, { ...exact, lastActivityAt });
    });

    it('answers the rebuild 400 INVALID_ID, 404 HACKATHON_NOT_FOUND, and 403 FORBIDDEN to a student', async () => {
      const bad = await api('post', '/hackathons/pas-un-id/dashboard/rebuild', admin);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_ID');
      const unknown = await api('post', `/hackathons/${new Types.ObjectId().toHexString()}/dashboard/rebuild`, admin);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('HACKATHON_NOT_FOUND');
      const student = await createUser(s.t, 'student');
      const h = await openHackathonVia(api, admin);
      const forbidden = await api('post', `/hackathons/${h.id}/dashboard/rebuild`, student);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it('coalesces a hackathon’s changes: a burst within one window makes one stream entry naming every changed student', async () => {
      const stream = s.t.app.get(DashboardStream);
      const redis = s.t.app.get(RedisService);
      const hackathonId = new Types.ObjectId().toHexString();
      const ids = Array.from({ length: 10 }, () => new Types.ObjectId().toHexString());
      await Promise.all([
        ...ids.flatMap((id) => [stream.changed(hackathonId, id), stream.changed(hackathonId, id)]),
        stream.changed(hackathonId, ids[0], { limits: true }),
      ]);
      const key = redis.key('stream', 'dashboard', hackathonId);
      const entries = await until(async () => {
        const e = (await redis.client.xrange(key, '-', '+')) as [string, string[]][];
        return e.length > 0 && e;
      }, 'l’entrée du flux');
      expect(entries).toHaveLength(1);
      const [, fields] = entries[0];
      expect(fields[fields.indexOf('type') + 1]).toBe('students');
      const data = JSON.parse(fields[fields.indexOf('data') + 1]);
      expect([...data.studentIds].sort()).toEqual([...ids].sort());
      expect(data.limits).toEqual([ids[0]]);
    });
  });

  describe('results for students', () => {
    it('answers 409 RESULTS_NOT_PUBLISHED before publication; after it, notes, labels and comments with no examiner id or name', async () => {
      const student = await createUser(s.t, 'student');
      const examiner = await createUser(s.t, 'examiner', { prenom: 'Ernest', nom: 'Correcteur' });
      const h = await openHackathonVia(api, admin, { anonymatActif: true });
      const id = await newConversation(student, h);
      await submitFinalVia(api, student, id, 'Final');
      await api('put', `/hackathons/${h.id}/examiners`, admin)
        .send({ examinerIds: [examiner.id] })
        .expect(200);
      const jobId = (
        await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 1 }).expect(202)
      ).body.jobId;
      await until(
        async () => (await api('get', `/admin/jobs/${jobId}`, admin).expect(200)).body.state === 'completed',
        'les attributions',
      );
      await api('post', '/evaluations', examiner)
        .send({ conversationId: id, note: 7.5, comment: 'Bonne structure, précisez le format attendu.' })
        .expect(201);

      const early = await api('get', `/hackathons/${h.id}/results/me`, student);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('RESULTS_NOT_PUBLISHED');
      const tooSoon = await api('post', `/hackathons/${h.id}/results/publish`, admin);
      expect(tooSoon.status).toBe(409);
      expect(tooSoon.body.code).toBe('INVALID_STATUS');

      await api('post', `/hackathons/${h.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
      const published = await api('post', `/hackathons/${h.id}/results/publish`, admin).expect(200);
      expect(published.body.hackathon.resultatsPublies).toBe(true);
      const res = await api('get', `/hackathons/${h.id}/results/me`, student).expect(200);
      expect(res.body).toEqual({
        hackathonId: h.id,
        classe: { moyenne: 7.5, effectif: 1, rang: 1 },
        conversations: [
          {
            conversationId: id,
            tacheId: h.tacheId,
            moyenne: 7.5,
            evaluations: [
              {
                note: 7.5,
                label: expect.any(String),
                comment: 'Bonne structure, précisez le format attendu.',
                gradedAt: expect.any(String),
                examinateur: 'Examinateur 1',
              },
            ],
          },
        ],
      });
      const raw = JSON.stringify(res.body);
      for (const secret of [examiner.id, examiner.email, 'Ernest', 'Correcteur']) expect(raw).not.toContain(secret);
      expect((await api('get', `/hackathons/${h.id}/results/me`, examiner)).status).toBe(403);
    });
  });
});
