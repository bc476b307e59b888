import type { ChildProcess } from 'node:child_process';
import { Types } from 'mongoose';
import { anOpenHackathonBody } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { openSse } from './support/sse';
import { startTcpProxy } from './support/tcp-proxy';
import { openHackathonVia } from './support/full-stack';
import { JobQueue } from '../libs/queue';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, spawnEntry } from './support/ts-command';
import { sleep, until } from './support/wait';

const aiEnv = (llm: FakeLlm) => ({
  AI_FAKE: 'true',
  OPENAI_BASE_URL: llm.openAiBaseUrl,
  MISTRAL_SERVER_URL: llm.mistralServerUrl,
  AI_TIMEOUT_MS: '5000',
});

describe('conversations and AI', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let other: TestUser;
  let examiner: TestUser;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  const openHackathon = (overrides: Record<string, unknown> = {}) => openHackathonVia(api, admin, overrides);

  async function newConversation(
    who: TestUser,
    h: { id: string; tacheId: string },
    body: Record<string, unknown> = {},
  ) {
    const res = await api('post', '/conversations', who)
      .send({ hackathonId: h.id, tacheId: h.tacheId, ...body })
      .expect(201);
    return res.body.conversation.id as string;
  }

  const conversation = async (id: string, who: TestUser = student) =>
    (await api('get', `/conversations/${id}?limit=200`, who).expect(200)).body.conversation;
  const repliesOf = (c: any) => c.messages.filter((m: any) => m.role !== 'student');

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...aiEnv(llm), BCRYPT_ROUNDS: '4' });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    other = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('GET /ai/models lists the seed models, the ranges, and says the fake LLM answers', async () => {
    const res = await api('get', '/ai/models', student).expect(200);
    expect(res.body.models.map((m: any) => m.name)).toEqual([
      'gpt-3.5-turbo',
      'gpt-4',
      'gpt-4-turbo',
      'mistral-tiny',
      'mistral-small',
      'mistral-medium',
    ]);
    expect(res.body.temperature).toEqual({ min: 0.1, max: 2, default: 0.7 });
    expect(res.body.maxTokens).toEqual({ min: 50, max: 4000, default: 512 });
    expect(res.body.fake).toBe(true);
  });

  it('a student opens a conversation, sends a prompt, watches it stream over SSE and finds the stored answer', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h, { modelName: 'mistral-small', temperature: 0.3, maxTokens: 300 });
    const sse = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
    await sse.ready;
    expect(sse.status()).toBe(200);
    const sent = await api('post', `/conversations/${id}/messages`, student)
      .send({ content: '  Écris une fonction Python qui inverse une chaîne.  ' })
      .expect(202);
    expect(sent.body).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f]{24}$/),
      jobId: `reply-${sent.body.messageId}`,
      status: 'queued',
    });

    const stored = await sse.waitFor((e) => e.event === 'message');
    const deltas = sse.events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((d) => d.data.messageId === sent.body.messageId)).toBe(true);
    expect(deltas.map((d) => d.data.text).join('')).toBe(stored.data.message.content);
    expect(stored.id).toMatch(/^\d+-\d+$/);
    sse.close();

    const c = await conversation(id);
    expect(c.messages).toHaveLength(2);
    const [question, answer] = c.messages;
    expect(question).toEqual(
      expect.objectContaining({ role: 'student', content: 'Écris une fonction Python qui inverse une chaîne.' }),
    );
    expect(answer).toEqual(
      expect.objectContaining({ role: 'assistant', modelUsed: 'mistral-small', replyTo: question.id }),
    );
    expect(answer.tokenCount).toBeGreaterThan(0);
    expect(c.temperatureUsed).toBe(0.3);
    expect(c.maxTokensUsed).toBe(300);
    expect(c.statistiquesIA).toEqual({
      modelUtilise: 'mistral-small',
      tokensTotal: answer.tokenCount,
      coutEstime: expect.any(Number),
    });
    expect(c.statistiquesIA.coutEstime).toBeGreaterThan(0);
    expect(c.messageCount).toBe(2);
    expect(c.totalTokens).toBe(answer.tokenCount);

    const mine = await api('get', `/conversations/mine?hackathonId=${h.id}`, student).expect(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0].messages).toBeUndefined();
    expect(mine.body.items[0].messageCount).toBe(2);

    const me = await api('get', '/auth/me', student).expect(200);
    expect(me.body.user.tokensUsed).toBeGreaterThanOrEqual(answer.tokenCount);
    const quota = await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200);
    expect(quota.body).toEqual({
      promptsUsed: 1,
      promptsLimit: 30,
      tokensUsed: answer.tokenCount,
      tokensLimit: 100000,
    });

    // An examiner lists a hackathon's conversations only from its jury.
    const outside = await api('get', `/hackathons/${h.id}/conversations`, examiner);
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('NOT_ON_JURY');
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const listing = await api('get', `/hackathons/${h.id}/conversations`, examiner).expect(200);
    expect(listing.body.items[0]).toEqual(
      expect.objectContaining({ id, messageCount: 2, totalTokens: answer.tokenCount }),
    );
    expect(listing.body.items[0].messages).toBeUndefined();
  });

  it('resumes an SSE stream after Last-Event-ID', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const first = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
    await first.ready;
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Premier prompt' }).expect(202);
    const firstMessage = await first.waitFor((e) => e.event === 'message');
    first.close();
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Second prompt' }).expect(202);
    await until(async () => repliesOf(await conversation(id)).length === 2, 'seconde réponse');
    const resumed = openSse(`${t.url}/api/v1/conversations/${id}/stream`, {
      Authorization: student.bearer,
      'Last-Event-ID': firstMessage.id!,
    });
    const second = await resumed.waitFor((e) => e.event === 'message');
    expect(second.data.message.id).not.toBe(firstMessage.data.message.id);
    expect(resumed.events.some((e) => e.id === firstMessage.id)).toBe(false);
    resumed.close();
  });

  it('resumes with ?lastEventId= and a new ticket, as a browser opening a new EventSource does', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const ticket = async () =>
      (await api('post', `/conversations/${id}/stream-ticket`, student).expect(201)).body.ticket as string;
    const first = openSse(`${t.url}/api/v1/conversations/${id}/stream?ticket=${await ticket()}`, {});
    await first.ready;
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Premier prompt' }).expect(202);
    const firstMessage = await first.waitFor((e) => e.event === 'message');
    first.close();
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Second prompt' }).expect(202);
    await until(async () => repliesOf(await conversation(id)).length === 2, 'seconde réponse');
    const resumed = openSse(
      `${t.url}/api/v1/conversations/${id}/stream?ticket=${await ticket()}&lastEventId=${firstMessage.id!}`,
      {},
    );
    const second = await resumed.waitFor((e) => e.event === 'message');
    expect(second.data.message.id).not.toBe(firstMessage.data.message.id);
    expect(resumed.events.some((e) => e.id === firstMessage.id)).toBe(false);
    resumed.close();
  });

  describe('bad input', () => {
    let h: { id: string; tacheId: string };
    let id: string;
    beforeAll(async () => {
      h = await openHackathon();
      id = await newConversation(student, h);
    });

    it.each([
      ['an unknown model', { modelName: 'gpt-9' }],
      ['temperature 0', { temperature: 0 }],
      ['temperature 2.5', { temperature: 2.5 }],
      ['maxTokens 10', { maxTokens: 10 }],
      ['maxTokens 5000', { maxTokens: 5000 }],
      ['an unknown task', { tacheId: 'no-such-task' }],
    ])('refuses a conversation with %s: 400', async (_label, body) => {
      const res = await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId, ...body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['empty content', ''],
      ['blank content', '   '],
      ['20001 characters', 'x'.repeat(20001)],
    ])('refuses a message with %s: 400', async (_label, content) => {
      const res = await api('post', `/conversations/${id}/messages`, student).send({ content });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('hides another student’s conversation: read, send, stream, final → 404', async () => {
      for (const res of [
        await api('get', `/conversations/${id}`, other),
        await api('post', `/conversations/${id}/messages`, other).send({ content: 'intrusion' }),
        await api('get', `/conversations/${id}/stream`, other),
        await api('put', `/conversations/${id}/final`, other).send({ promptFinal: 'p', reponseIAFinale: 'r' }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('CONVERSATION_NOT_FOUND');
      }
    });

    it('refuses an examiner sending a message: 403', async () => {
      const res = await api('post', `/conversations/${id}/messages`, examiner).send({ content: 'bonjour' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('answers 409 HACKATHON_NOT_OPEN for a draft hackathon and after its end', async () => {
      const draft = (await api('post', '/hackathons', admin).send(anOpenHackathonBody()).expect(201)).body.hackathon;
      const res = await api('post', '/conversations', student).send({
        hackathonId: draft.id,
        tacheId: draft.taches[0].id,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('HACKATHON_NOT_OPEN');
      const past = await openHackathon({
        dates: {
          debut: new Date(Date.now() - 2 * 86400_000).toISOString(),
          fin: new Date(Date.now() - 86400_000).toISOString(),
        },
      });
      const late = await api('post', '/conversations', student).send({ hackathonId: past.id, tacheId: past.tacheId });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('HACKATHON_NOT_OPEN');
    });

    it('answers 409 HACKATHON_NOT_OPEN when the hackathon closes after the conversation was opened', async () => {
      const h2 = await openHackathon();
      const c = await newConversation(student, h2);
      await api('post', `/hackathons/${h2.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
      const res = await api('post', `/conversations/${c}/messages`, student).send({ content: 'encore un' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('HACKATHON_NOT_OPEN');
    });

    it('refuses a final version once the admin ended the hackathon (Terminé): 409 HACKATHON_NOT_OPEN, nothing recorded', async () => {
      const h2 = await openHackathon();
      const c = await newConversation(student, h2);
      await api('post', `/conversations/${c}/messages`, student).send({ content: 'Une question' }).expect(202);
      const answer = await until(async () => {
        const conv = await conversation(c);
        return conv.messages.find((m: any) => m.role === 'assistant');
      }, 'la réponse');
      await api('post', `/hackathons/${h2.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
      const res = await api('put', `/conversations/${c}/final`, student).send({
        promptFinal: 'Trop tard',
        messageId: answer.id,
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('HACKATHON_NOT_OPEN');
      expect((await conversation(c)).versionFinale).toBeNull();
    });
  });

  describe('final version (invariant 4)', () => {
    /** A conversation with one answered prompt; returns its id and the assistant message. */
    async function answered(h: { id: string; tacheId: string }) {
      const id = await newConversation(student, h);
      await api('post', `/conversations/${id}/messages`, student).send({ content: 'Une question' }).expect(202);
      const c = await until(async () => {
        const c = await conversation(id);
        return c.messages.some((m: any) => m.role === 'assistant') && c;
      }, 'la réponse');
      return { id, answer: c.messages.find((m: any) => m.role === 'assistant') };
    }

    it('is submitted once, tied to an assistant message with the model and parameters frozen; later submissions and messages get 409 ALREADY_SUBMITTED', async () => {
      const h = await openHackathon();
      const { id, answer } = await answered(h);
      const res = await api('put', `/conversations/${id}/final`, student)
        .send({ promptFinal: 'Mon prompt', messageId: answer.id })
        .expect(200);
      expect(res.body.conversation.versionFinale).toEqual({
        promptFinal: 'Mon prompt',
        reponseIAFinale: answer.content,
        soumisLe: expect.any(String),
        messageId: answer.id,
        modelName: answer.modelUsed,
        temperature: 0.7,
        maxTokens: 512,
        // A task without automatic checks.
        verification: null,
      });
      const again = await api('put', `/conversations/${id}/final`, student).send({
        promptFinal: 'Autre',
        messageId: answer.id,
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_SUBMITTED');
      const send = await api('post', `/conversations/${id}/messages`, student).send({ content: 'trop tard' });
      expect(send.status).toBe(409);
      expect(send.body.code).toBe('ALREADY_SUBMITTED');
    });

    it('accepts the 1.0 body when reponseIAFinale is the text of an assistant message, and refuses an invented answer with 400 FINAL_ANSWER_UNKNOWN', async () => {
      const h = await openHackathon();
      const { id, answer } = await answered(h);
      const invented = await api('put', `/conversations/${id}/final`, student).send({
        promptFinal: 'Mon prompt',
        reponseIAFinale: 'Une réponse que l’IA n’a jamais donnée',
      });
      expect(invented.status).toBe(400);
      expect(invented.body.code).toBe('FINAL_ANSWER_UNKNOWN');
      const unknownId = await api('put', `/conversations/${id}/final`, student).send({
        promptFinal: 'Mon prompt',
        messageId: new Types.ObjectId().toHexString(),
      });
      expect(unknownId.status).toBe(400);
      expect(unknownId.body.code).toBe('FINAL_ANSWER_UNKNOWN');
      const neither = await api('put', `/conversations/${id}/final`, student).send({ promptFinal: 'Mon prompt' });
      expect(neither.status).toBe(400);
      expect(neither.body.code).toBe('VALIDATION_FAILED');
      const res = await api('put', `/conversations/${id}/final`, student)
        .send({ promptFinal: 'Mon prompt', reponseIAFinale: answer.content })
        .expect(200);
      expect(res.body.conversation.versionFinale.messageId).toBe(answer.id);
    });

    it('keeps exactly one of ten concurrent submissions', async () => {
      const h = await openHackathon();
      const { id, answer } = await answered(h);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api('put', `/conversations/${id}/final`, student).send({ promptFinal: `p${i}`, messageId: answer.id }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_SUBMITTED')).toHaveLength(9);
      const winner = results.find((r) => r.status === 200)!.body.conversation.versionFinale.promptFinal;
      expect((await conversation(id)).versionFinale.promptFinal).toBe(winner);
    });

    it('one final version per task of a student: a second conversation of the same task gets 409 TASK_ALREADY_SUBMITTED, another task is free', async () => {
      const created = (
        await api('post', '/hackathons', admin)
          .send(anOpenHackathonBody({ taches: ['Résumer', 'Traduire'] }))
          .expect(201)
      ).body.hackathon;
      await api('post', `/hackathons/${created.id}/status`, admin).send({ statut: 'En cours' }).expect(200);
      const [t1, t2] = created.taches.map((x: { id: string }) => ({ id: created.id, tacheId: x.id }));
      const first = await answered(t1);
      const second = await answered(t1);
      const elsewhere = await answered(t2);
      await api('put', `/conversations/${first.id}/final`, student)
        .send({ promptFinal: 'Premier', messageId: first.answer.id })
        .expect(200);
      const refused = await api('put', `/conversations/${second.id}/final`, student).send({
        promptFinal: 'Second',
        messageId: second.answer.id,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('TASK_ALREADY_SUBMITTED');
      expect((await conversation(second.id)).versionFinale).toBeNull();
      await api('put', `/conversations/${elsewhere.id}/final`, student)
        .send({ promptFinal: 'Autre tâche', messageId: elsewhere.answer.id })
        .expect(200);
    });

    it('ten concurrent submissions over five conversations of one task: exactly one final version stands', async () => {
      const h = await openHackathon();
      const convs = await Promise.all(Array.from({ length: 5 }, () => answered(h)));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api('put', `/conversations/${convs[i % 5].id}/final`, student).send({
            promptFinal: `p${i}`,
            messageId: convs[i % 5].answer.id,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const codes = results.filter((r) => r.status === 409).map((r) => r.body.code);
      expect(codes).toHaveLength(9);
      expect(codes.every((c) => c === 'TASK_ALREADY_SUBMITTED' || c === 'ALREADY_SUBMITTED')).toBe(true);
      const finals = (await Promise.all(convs.map((c) => conversation(c.id)))).filter((c) => c.versionFinale);
      expect(finals).toHaveLength(1);
    });

    it('a claim a crash left uncopied is finished by the retried submit (the first claim stands) or, with nobody retrying, by the sweeper', async () => {
      const h = await openHackathon();
      const claimOf = (c: { id: string; answer: any }, promptFinal: string, at: Date) => ({
        _id: `${h.id}:${student.id}:${h.tacheId}`,
        conversationId: new Types.ObjectId(c.id),
        at,
        completed: false,
        version: {
          promptFinal,
          reponseIAFinale: c.answer.content,
          soumisLe: at,
          messageId: new Types.ObjectId(c.answer.id),
          modelName: 'gpt-3.5-turbo',
          temperature: 0.7,
          maxTokens: 512,
          verification: null,
        },
      });
      // What a submit killed between its two writes leaves: the claim with its version, the conversation without.
      const retried = await answered(h);
      await t.connection
        .collection('final_submissions')
        .insertOne(claimOf(retried, 'Le prompt du premier envoi', new Date()) as never);
      expect((await conversation(retried.id)).versionFinale).toBeNull();
      // Another version sent meanwhile: refused, and the claimed one is copied on the way.
      const other = await api('put', `/conversations/${retried.id}/final`, student).send({
        promptFinal: 'Un autre prompt',
        messageId: retried.answer.id,
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('ALREADY_SUBMITTED');
      expect((await conversation(retried.id)).versionFinale.promptFinal).toBe('Le prompt du premier envoi');
      // The client's retry of its own submission (its answer was lost): 200, the version as recorded.
      const again = await api('put', `/conversations/${retried.id}/final`, student)
        .send({ promptFinal: 'Le prompt du premier envoi', messageId: retried.answer.id })
        .expect(200);
      expect(again.body.conversation.versionFinale.promptFinal).toBe('Le prompt du premier envoi');

      const h2 = await openHackathon();
      const left = await answered(h2);
      const claim = { ...claimOf(left, 'Abandonné en route', new Date(Date.now() - 5 * 60_000)) };
      claim._id = `${h2.id}:${student.id}:${h2.tacheId}`;
      await t.connection.collection('final_submissions').insertOne(claim as never);
      // The sweeper's run (scheduled every 30 s; queued here rather than waited for).
      await t.app.get(JobQueue).enqueue('ai', 'sweep-turns', {});
      const done = await until(async () => {
        const c = await conversation(left.id);
        return c.versionFinale && c;
      }, 'la version finale terminée par le balayage');
      expect(done.versionFinale.promptFinal).toBe('Abandonné en route');
      const row = await t.connection
        .collection('final_submissions')
        .findOne({ conversationId: new Types.ObjectId(left.id) });
      expect(row).toMatchObject({ completed: true });
      expect(row?.version).toBeUndefined();
    });
  });

  describe('quotas (invariant 1)', () => {
    it('with promptsParEtudiant = 5, lets exactly 5 of 50 concurrent sends through; ledger, counters and tokensUsed then agree', async () => {
      const h = await openHackathon({ quotas: { promptsParEtudiant: 5, tokensParEtudiant: 1000000 } });
      const s = await createUser(t, 'student');
      // One send per conversation (one turn at a time): only the quota can refuse them.
      const ids = await Promise.all(Array.from({ length: 50 }, () => newConversation(s, h)));
      const results = await Promise.all(
        ids.map((id, i) => api('post', `/conversations/${id}/messages`, s).send({ content: `Prompt numéro ${i}` })),
      );
      expect(results.filter((r) => r.status === 202)).toHaveLength(5);
      const refused = results.filter((r) => r.status === 429);
      expect(refused).toHaveLength(45);
      expect(refused.every((r) => r.body.code === 'QUOTA_PROMPTS_EXCEEDED')).toBe(true);

      const convs = await until(async () => {
        const cs = await Promise.all(ids.map((id) => conversation(id, s)));
        return cs.reduce((n, c) => n + repliesOf(c).length, 0) === 5 && cs;
      }, 'les 5 réponses');
      const students = convs.flatMap((c: any) => c.messages.filter((m: any) => m.role === 'student'));
      expect(students).toHaveLength(5);
      const replyTokens = convs.flatMap((c: any) => repliesOf(c)).reduce((n: number, m: any) => n + m.tokenCount, 0);
      expect(convs.reduce((n: number, c: any) => n + c.totalTokens, 0)).toBe(replyTokens);
      expect(convs.reduce((n: number, c: any) => n + c.messageCount, 0)).toBe(10);
      expect(refused[0].body.details).toEqual([{ kind: 'prompts', used: 5, limit: 5 }]);
      expect(refused[0].headers['retry-after']).toBeUndefined();
      const quota = await api('get', `/hackathons/${h.id}/quota/me`, s).expect(200);
      expect(quota.body.promptsUsed).toBe(5);
      expect(quota.body.tokensUsed).toBe(replyTokens);
      const me = await until(async () => {
        const u = (await api('get', '/auth/me', s).expect(200)).body.user;
        return u.tokensUsed === replyTokens && u;
      }, 'tokensUsed à jour');
      expect(me.tokensUsed).toBe(replyTokens);
      const ledger = await t.connection
        .collection('usage_ledger')
        .find({ studentId: new Types.ObjectId(s.id) })
        .toArray();
      expect(ledger.filter((e) => e.kind === 'reserve')).toHaveLength(5);
      expect(ledger.filter((e) => e.kind === 'settle')).toHaveLength(5);
      expect(ledger.reduce((n, e) => n + e.tokens, 0)).toBe(replyTokens);
      expect(ledger.reduce((n, e) => n + e.prompts, 0)).toBe(5);
    });

    it('refuses a send that would exceed the tokens quota: 429 QUOTA_TOKENS_EXCEEDED', async () => {
      const h = await openHackathon({ quotas: { promptsParEtudiant: 100, tokensParEtudiant: 1200 } });
      const s = await createUser(t, 'student');
      const ids = await Promise.all(Array.from({ length: 10 }, () => newConversation(s, h, { maxTokens: 500 })));
      const results = await Promise.all(
        ids.map((id, i) => api('post', `/conversations/${id}/messages`, s).send({ content: `Question ${i}` })),
      );
      expect(results.filter((r) => r.status === 202)).toHaveLength(2);
      const refused = results.filter((r) => r.status === 429 && r.body.code === 'QUOTA_TOKENS_EXCEEDED');
      expect(refused).toHaveLength(8);
      expect(refused[0].body.details[0]).toEqual({ kind: 'tokens', used: expect.any(Number), limit: 1200 });
    });

    it('honours the user’s own tokensAuthorized', async () => {
      const h = await openHackathon();
      const s = await createUser(t, 'student', { tokensAuthorized: 300 });
      const id = await newConversation(s, h, { maxTokens: 500 });
      const res = await api('post', `/conversations/${id}/messages`, s).send({ content: 'Bonjour' });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('QUOTA_TOKENS_EXCEEDED');
    });
  });

  describe('provider failures', () => {
    it('retries after a 429 and stores one answer', async () => {
      const h = await openHackathon();
      const id = await newConversation(student, h);
      const content = `Réessaie [fake-llm:429*1] ${Date.now()}`;
      await api('post', `/conversations/${id}/messages`, student).send({ content }).expect(202);
      const c = await until(async () => {
        const c = await conversation(id);
        return repliesOf(c).length === 1 && c;
      }, 'réponse après 429');
      expect(repliesOf(c)[0].role).toBe('assistant');
      const calls = llm.requests.filter((r) => r.lastUserMessage === content);
      expect(calls.map((r) => r.outcome)).toEqual(['http_429', 'ok']);
    });

    it('gives up on a 400: a system message says so and the quota is given back', async () => {
      const h = await openHackathon({ quotas: { promptsParEtudiant: 3, tokensParEtudiant: 100000 } });
      const s = await createUser(t, 'student');
      const id = await newConversation(s, h);
      const sse = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: s.bearer });
      await sse.ready;
      const sent = await api('post', `/conversations/${id}/messages`, s)
        .send({ content: 'Contenu refusé [fake-llm:400]' })
        .expect(202);
      const error = await sse.waitFor((e) => e.event === 'error');
      expect(error.data).toEqual({
        messageId: sent.body.messageId,
        code: 'AI_POLICY',
        message: expect.stringContaining('rendus'),
      });
      sse.close();
      const c = await conversation(id, s);
      expect(repliesOf(c)).toEqual([expect.objectContaining({ role: 'system', replyTo: sent.body.messageId })]);
      const quota = await api('get', `/hackathons/${h.id}/quota/me`, s).expect(200);
      expect(quota.body).toEqual(expect.objectContaining({ promptsUsed: 0, tokensUsed: 0 }));
      const calls = llm.requests.filter((r) => r.lastUserMessage === 'Contenu refusé [fake-llm:400]');
      expect(calls).toHaveLength(1);
    });
  });
});

describe('conversations: faults', () => {
  it('answers 503 QUEUE_UNAVAILABLE when Redis is down, and leaves no student message behind', async () => {
    const llm = await startFakeLlm();
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const proxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const t = await startTestApp({ ...aiEnv(llm), REDIS_URL: proxy.url('redis'), BCRYPT_ROUNDS: '4' });
    try {
      const admin = await createUser(t, 'admin');
      const s = await createUser(t, 'student');
      const h = (
        await t
          .http()
          .post('/api/v1/hackathons')
          .set('Authorization', admin.bearer)
          .send(anOpenHackathonBody())
          .expect(201)
      ).body.hackathon;
      await t
        .http()
        .post(`/api/v1/hackathons/${h.id}/status`)
        .set('Authorization', admin.bearer)
        .send({ statut: 'En cours' })
        .expect(200);
      const c = (
        await t
          .http()
          .post('/api/v1/conversations')
          .set('Authorization', s.bearer)
          .send({ hackathonId: h.id, tacheId: h.taches[0].id })
          .expect(201)
      ).body.conversation;
      proxy.cut();
      const res = await t
        .http()
        .post(`/api/v1/conversations/${c.id}/messages`)
        .set('Authorization', s.bearer)
        .send({ content: 'Redis est tombé' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('QUEUE_UNAVAILABLE');
      const raw = await t.connection.collection('conversations').findOne({ _id: new Types.ObjectId(c.id) });
      expect(raw!.messages).toHaveLength(0);
      expect(raw!.messageCount).toBe(0);
      proxy.restore();
    } finally {
      await t.close();
      await proxy.close();
      await llm.close();
    }
  });

  it('retries the job of a worker killed mid-call: one assistant message, tokens charged once', async () => {
    const llm = await startFakeLlm();
    const t = await startTestApp({ ...aiEnv(llm), APP_ROLE: 'api', BCRYPT_ROUNDS: '4', WORKER_LOCK_MS: '1500' });
    const workers: ChildProcess[] = [];
    const startWorker = () => {
      const child = spawnEntry(
        'src/worker.ts',
        [],
        commandEnvOf(t, { WORKER_LOCK_MS: '1500', JOB_BACKOFF_BASE_MS: '50', ...aiEnv(llm) }),
        'ignore',
      );
      workers.push(child);
      return child;
    };
    try {
      const admin = await createUser(t, 'admin');
      const s = await createUser(t, 'student');
      const h = (
        await t
          .http()
          .post('/api/v1/hackathons')
          .set('Authorization', admin.bearer)
          .send(anOpenHackathonBody())
          .expect(201)
      ).body.hackathon;
      await t
        .http()
        .post(`/api/v1/hackathons/${h.id}/status`)
        .set('Authorization', admin.bearer)
        .send({ statut: 'En cours' })
        .expect(200);
      const c = (
        await t
          .http()
          .post('/api/v1/conversations')
          .set('Authorization', s.bearer)
          .send({ hackathonId: h.id, tacheId: h.taches[0].id })
          .expect(201)
      ).body.conversation;
      const content = `Longue réflexion [fake-llm:slow=4000] ${Date.now()}`;
      await t
        .http()
        .post(`/api/v1/conversations/${c.id}/messages`)
        .set('Authorization', s.bearer)
        .send({ content })
        .expect(202);

      const first = startWorker();
      await until(
        async () => llm.requests.some((r) => r.lastUserMessage === content),
        'le premier worker appelle le LLM',
        240_000,
      );
      first.kill('SIGKILL');
      startWorker();

      const conv = await until(
        async () => {
          const res = await t.http().get(`/api/v1/conversations/${c.id}`).set('Authorization', s.bearer).expect(200);
          return res.body.conversation.messages.some((m: any) => m.role === 'assistant') && res.body.conversation;
        },
        'la réponse après reprise du job',
        240_000,
      );
      expect(llm.requests.filter((r) => r.lastUserMessage === content).length).toBeGreaterThanOrEqual(2);
      await sleep(1000);
      const final = (await t.http().get(`/api/v1/conversations/${c.id}`).set('Authorization', s.bearer).expect(200))
        .body.conversation;
      const assistants = final.messages.filter((m: any) => m.role === 'assistant');
      expect(assistants).toHaveLength(1);
      expect(final.totalTokens).toBe(assistants[0].tokenCount);
      const quota = await t
        .http()
        .get(`/api/v1/hackathons/${h.id}/quota/me`)
        .set('Authorization', s.bearer)
        .expect(200);
      expect(quota.body.promptsUsed).toBe(1);
      expect(quota.body.tokensUsed).toBe(assistants[0].tokenCount);
      const ledger = await t.connection
        .collection('usage_ledger')
        .find({ reservationId: assistants[0].replyTo })
        .toArray();
      expect(ledger.map((e) => e.kind).sort()).toEqual(['reserve', 'settle']);
      expect(conv.id).toBe(c.id);
    } finally {
      for (const w of workers) w.kill('SIGKILL');
      await t.close();
      await llm.close();
    }
  });
});
