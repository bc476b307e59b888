import type { ChildProcess } from 'node:child_process';
import { countTextTokens } from '../libs/ai-providers/token-counter';
import { JobQueue } from '../libs/queue';
import { sendReservation } from '../src/conversation/prompt-window';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { openSse } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, spawnEntry } from './support/ts-command';
import { until } from './support/wait';

const CONTEXT_MAX = 8000; // AI_CONTEXT_MAX_TOKENS's default

/**
 * API 1.2 "a conversation people can use": what the next prompt costs (`prochainMessage`),
 * the answer's length changed for the next sends (PATCH), and stopping an answer being written.
 */
describe('conversation: next prompt cost, answer length, stop', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let other: TestUser;
  let examiner: TestUser;

  const api = (method: 'get' | 'post' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
  const openHackathon = (overrides: Record<string, unknown> = {}) => openHackathonVia(api, admin, overrides);
  const newConversation = async (who: TestUser, h: { id: string; tacheId: string }, body = {}) =>
    (
      await api('post', '/conversations', who)
        .send({ hackathonId: h.id, tacheId: h.tacheId, ...body })
        .expect(201)
    ).body.conversation.id as string;
  const conversation = async (id: string, who: TestUser = student) =>
    (await api('get', `/conversations/${id}?limit=200`, who).expect(200)).body.conversation;
  const quota = async (hackathonId: string, who: TestUser = student) =>
    (await api('get', `/hackathons/${hackathonId}/quota/me`, who).expect(200)).body;
  const send = async (id: string, content: string, who: TestUser = student) =>
    (await api('post', `/conversations/${id}/messages`, who).send({ content }).expect(202)).body as {
      messageId: string;
      jobId: string;
    };
  const answered = (id: string, messageId: string) =>
    until(async () => {
      const c = await conversation(id);
      return !c.pendingMessageId && c.messages.some((m: any) => m.replyTo === messageId) && c;
    }, 'la réponse');
  /** The reply job has ended (its outcome is in the conversation by then). */
  const jobDone = (jobId: string) =>
    until(async () => {
      const job = await t.app.get(JobQueue).getJob('ai', jobId);
      return !job || ['completed', 'failed'].includes(await job.getState());
    }, `le job ${jobId}`);
  const expectError = (res: any, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  };

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', AI_TIMEOUT_MS: '60000' });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    other = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });
  afterEach(() => llm.setLatency({ latencyMs: 0, chunkDelayMs: 0 }));

  describe('prochainMessage', () => {
    it('says what the next send reserves (its window plus maxTokens), as the send then reserves it', async () => {
      const h = await openHackathon({ quotas: { promptsParEtudiant: 10, tokensParEtudiant: 100000 } });
      const id = await newConversation(student, h, { maxTokens: 300 });
      const empty = await conversation(id);
      expect(empty.prochainMessage).toEqual({
        tokensReserves: sendReservation([], '', CONTEXT_MAX, 300).tokens,
        possible: true,
      });
      expect(empty.prochainMessage.tokensReserves).toBeGreaterThan(300);

      const sent = await send(id, 'Bonjour');
      await answered(id, sent.messageId);
      const after = await conversation(id);
      // The history now counts: the two messages as the send will send them.
      const history = after.messages.map((m: any) => ({ role: m.role, content: m.content }));
      expect(after.prochainMessage).toEqual({
        tokensReserves: sendReservation(history, '', CONTEXT_MAX, 300).tokens,
        possible: true,
      });
      expect(after.prochainMessage.tokensReserves).toBeGreaterThan(empty.prochainMessage.tokensReserves);
    });

    it('is not possible once the tokens left are fewer than it reserves, or no prompt is left; null for others', async () => {
      const tight = await openHackathon({ quotas: { promptsParEtudiant: 10, tokensParEtudiant: 400 } });
      const id = await newConversation(student, tight, { maxTokens: 512 });
      expect((await conversation(id)).prochainMessage.possible).toBe(false);
      // A shorter answer fits: the server says so at once.
      await api('patch', `/conversations/${id}`, student).send({ maxTokens: 200 }).expect(200);
      expect((await conversation(id)).prochainMessage).toEqual({
        tokensReserves: sendReservation([], '', CONTEXT_MAX, 200).tokens,
        possible: true,
      });

      const onePrompt = await openHackathon({ quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 } });
      const id2 = await newConversation(student, onePrompt);
      expect((await conversation(id2)).prochainMessage.possible).toBe(true);
      const sent = await send(id2, 'Une seule question');
      await answered(id2, sent.messageId);
      expect((await conversation(id2)).prochainMessage.possible).toBe(false);

      // The admin reads the conversation, but it is not theirs: no next prompt to price.
      expect((await conversation(id2, admin)).prochainMessage).toBeNull();
    });
  });

  describe('PATCH /conversations/:id {maxTokens}', () => {
    let h: { id: string; tacheId: string };
    let id: string;
    beforeAll(async () => {
      h = await openHackathon();
      id = await newConversation(student, h, { maxTokens: 512 });
    });

    it('lowers (or raises, within the range) the answer length of the next sends', async () => {
      const res = await api('patch', `/conversations/${id}`, student).send({ maxTokens: 120 }).expect(200);
      expect(res.body.conversation).toEqual(expect.objectContaining({ id, maxTokens: 120 }));
      const sent = await send(id, 'Court [fake-llm:tokens=400]');
      await answered(id, sent.messageId);
      expect(llm.requests.filter((r) => r.lastUserMessage?.startsWith('Court')).map((r) => r.maxTokens)).toEqual([120]);
      await api('patch', `/conversations/${id}`, student).send({ maxTokens: 4000 }).expect(200);
      expect((await conversation(id)).maxTokens).toBe(4000);
      await api('patch', `/conversations/${id}`, student).send({ maxTokens: 512 }).expect(200);
    });

    it('while an answer is written: accepted, and that answer keeps the length its send reserved', async () => {
      const content = `Pendant [fake-llm:slow=1500] ${Date.now()}`;
      const sent = await send(id, content);
      await api('patch', `/conversations/${id}`, student).send({ maxTokens: 90 }).expect(200);
      await answered(id, sent.messageId);
      expect(llm.requests.filter((r) => r.lastUserMessage === content).map((r) => r.maxTokens)).toEqual([512]);
      const next = `Après ${Date.now()}`;
      await answered(id, (await send(id, next)).messageId);
      expect(llm.requests.filter((r) => r.lastUserMessage === next).map((r) => r.maxTokens)).toEqual([90]);
    });

    it('refuses a length out of the range: 400 VALIDATION_FAILED', async () => {
      for (const body of [{ maxTokens: 49 }, { maxTokens: 4001 }, { maxTokens: 100.5 }, { maxTokens: '100' }, {}]) {
        expectError(await api('patch', `/conversations/${id}`, student).send(body), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await api('patch', `/conversations/${id}`, student).send({ maxTokens: 100, temperature: 1 }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('is for the owner only: another student 404 CONVERSATION_NOT_FOUND, an examiner 403 FORBIDDEN', async () => {
      expectError(
        await api('patch', `/conversations/${id}`, other).send({ maxTokens: 100 }),
        404,
        'CONVERSATION_NOT_FOUND',
      );
      expectError(await api('patch', `/conversations/${id}`, examiner).send({ maxTokens: 100 }), 403, 'FORBIDDEN');
      expectError(
        await api('patch', `/conversations/aaaaaaaaaaaaaaaaaaaaaaaa`, student).send({ maxTokens: 100 }),
        404,
        'CONVERSATION_NOT_FOUND',
      );
      expectError(await api('patch', `/conversations/nope`, student).send({ maxTokens: 100 }), 400, 'INVALID_ID');
    });

    it('refuses once the final version is submitted (409 ALREADY_SUBMITTED) and once the hackathon is closed (409 HACKATHON_NOT_OPEN)', async () => {
      const h2 = await openHackathon();
      const submitted = await newConversation(student, h2);
      const sent = await send(submitted, 'Pour soumettre');
      const c = await answered(submitted, sent.messageId);
      const answer = c.messages.find((m: any) => m.role === 'assistant');
      await (t.http() as any)
        .put(`/api/v1/conversations/${submitted}/final`)
        .set('Authorization', student.bearer)
        .send({ promptFinal: 'Pour soumettre', reponseIAFinale: answer.content, messageId: answer.id })
        .expect(200);
      expectError(
        await api('patch', `/conversations/${submitted}`, student).send({ maxTokens: 100 }),
        409,
        'ALREADY_SUBMITTED',
      );

      const closed = await newConversation(student, h2);
      await api('post', `/hackathons/${h2.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
      expectError(
        await api('patch', `/conversations/${closed}`, student).send({ maxTokens: 100 }),
        409,
        'HACKATHON_NOT_OPEN',
      );
    });
  });

  describe('POST /conversations/:id/stop', () => {
    it('stops an answer mid-stream: the part written is stored interrompu, the prompt and those tokens are charged, the rest given back', async () => {
      llm.setLatency({ chunkDelayMs: 150 });
      const h = await openHackathon({ quotas: { promptsParEtudiant: 10, tokensParEtudiant: 100000 } });
      const id = await newConversation(student, h, { maxTokens: 2000 });
      const before = await quota(h.id);
      const sse = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
      try {
        await stopMidStream(h, id, sse, before);
      } finally {
        sse.close();
      }
    });

    async function stopMidStream(h: { id: string }, id: string, sse: ReturnType<typeof openSse>, before: any) {
      await sse.ready;
      const prompt = `Une longue réponse [fake-llm:tokens=1500] ${Date.now()}`;
      const sent = await send(id, prompt);
      await sse.waitFor((e) => e.event === 'delta' && e.data.messageId === sent.messageId);
      await until(async () => sse.events.filter((e) => e.event === 'delta').length >= 3 && true, 'trois morceaux');
      const seen = sse.events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join('');

      const res = await api('post', `/conversations/${id}/stop`, student).expect(200);
      const stopped = res.body.message;
      expect(stopped).toEqual(
        expect.objectContaining({ role: 'assistant', replyTo: sent.messageId, interrompu: true }),
      );
      expect(stopped.content.startsWith(seen)).toBe(true);
      const promptTokens = sendReservation([], prompt, CONTEXT_MAX, 2000).window.tokens;
      expect(stopped.tokenCount).toBe(promptTokens + countTextTokens(stopped.content));
      expect(stopped.tokenCount).toBeLessThan(promptTokens + 1500);

      // The stream says it with the stored message.
      const event = await sse.waitFor((e) => e.event === 'message' && e.data.message.replyTo === sent.messageId);
      expect(event.data.message).toEqual(stopped);
      // The provider's call was cut, and the job, once ended, added nothing.
      await until(
        async () => llm.requests.find((r) => r.lastUserMessage === prompt)?.aborted,
        'l’appel au LLM interrompu',
      );
      await jobDone(sent.jobId);
      const after = await conversation(id);
      expect(after.pendingMessageId).toBeNull();
      expect(after.messages.filter((m: any) => m.role !== 'student')).toEqual([stopped]);
      expect(after.totalTokens).toBe(stopped.tokenCount);
      const used = await quota(h.id);
      expect(used.promptsUsed - before.promptsUsed).toBe(1);
      expect(used.tokensUsed - before.tokensUsed).toBe(stopped.tokenCount);

      // The turn is closed: the student sends again at once, and is answered.
      llm.setLatency({ chunkDelayMs: 0 });
      const next = await send(id, 'Et maintenant ?');
      const answeredNext = await answered(id, next.messageId);
      const reply = answeredNext.messages.find((m: any) => m.replyTo === next.messageId);
      expect(reply.role).toBe('assistant');
      expect(reply.interrompu).toBeUndefined();
    }

    it('answers 409 NOTHING_PENDING with no answer being written (before any, after one, after a stop)', async () => {
      const h = await openHackathon();
      const id = await newConversation(student, h);
      expectError(await api('post', `/conversations/${id}/stop`, student), 409, 'NOTHING_PENDING');
      const sent = await send(id, 'Bonjour');
      await answered(id, sent.messageId);
      expectError(await api('post', `/conversations/${id}/stop`, student), 409, 'NOTHING_PENDING');

      llm.setLatency({ latencyMs: 3000 });
      await send(id, `Lent ${Date.now()}`);
      await api('post', `/conversations/${id}/stop`, student).expect(200);
      expectError(await api('post', `/conversations/${id}/stop`, student), 409, 'NOTHING_PENDING');
    });

    it('is for the owner only: another student 404 CONVERSATION_NOT_FOUND, an examiner 403 FORBIDDEN; the answer goes on', async () => {
      llm.setLatency({ latencyMs: 1500 });
      const h = await openHackathon();
      const id = await newConversation(student, h);
      const sent = await send(id, `Mien ${Date.now()}`);
      expectError(await api('post', `/conversations/${id}/stop`, other), 404, 'CONVERSATION_NOT_FOUND');
      expectError(await api('post', `/conversations/${id}/stop`, examiner), 403, 'FORBIDDEN');
      expectError(await api('post', `/conversations/nope/stop`, student), 400, 'INVALID_ID');
      const c = await answered(id, sent.messageId);
      const reply = c.messages.find((m: any) => m.replyTo === sent.messageId);
      expect(reply.role).toBe('assistant');
      expect(reply.interrompu).toBeUndefined();
    });

    it('a stop racing the answer’s end: exactly one assistant message per prompt, and the quota charges exactly what they say', async () => {
      const h = await openHackathon({ quotas: { promptsParEtudiant: 100, tokensParEtudiant: 1000000 } });
      const racer = await createUser(t, 'student');
      const outcomes: number[] = [];
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const id = await newConversation(racer, h, { maxTokens: 100 });
        ids.push(id);
        const sent = await send(id, `Course ${i}`, racer);
        // Stops sent as the answer is being finished, from 0 to a few ms after the send.
        const res = await api('post', `/conversations/${id}/stop`, racer);
        outcomes.push(res.status);
        if (res.status !== 200) expectError(res, 409, 'NOTHING_PENDING');
        await jobDone(sent.jobId);
      }
      let charged = 0;
      for (const [i, id] of ids.entries()) {
        const c = await conversation(id, racer);
        const replies = c.messages.filter((m: any) => m.role !== 'student');
        expect(replies).toHaveLength(1);
        expect(replies[0].role).toBe('assistant');
        // A 200 stored the interrupted answer; a 409 found the whole answer there first.
        expect(!!replies[0].interrompu).toBe(outcomes[i] === 200);
        expect(c.totalTokens).toBe(replies[0].tokenCount);
        charged += replies[0].tokenCount;
      }
      const used = await quota(h.id, racer);
      expect(used).toEqual(expect.objectContaining({ promptsUsed: 8, tokensUsed: charged }));
    });
  });

  it('with no worker to write the answer, a stop still closes the turn: an empty interrupted answer, the prompt charged', async () => {
    const apiOnly = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', APP_ROLE: 'api' });
    const call = (method: 'get' | 'post', path: string, who: TestUser) =>
      (apiOnly.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    try {
      const a = await createUser(apiOnly, 'admin');
      const s = await createUser(apiOnly, 'student');
      const h = await openHackathonVia(call, a);
      const id = (await call('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
        .body.conversation.id;
      const prompt = 'Personne pour répondre';
      await call('post', `/conversations/${id}/messages`, s).send({ content: prompt }).expect(202);
      const res = await call('post', `/conversations/${id}/stop`, s).expect(200);
      const promptTokens = sendReservation([], prompt, CONTEXT_MAX, 512).window.tokens;
      expect(res.body.message).toEqual(
        expect.objectContaining({ role: 'assistant', content: '', interrompu: true, tokenCount: promptTokens }),
      );
      const q = (await call('get', `/hackathons/${h.id}/quota/me`, s).expect(200)).body;
      expect(q).toEqual(expect.objectContaining({ promptsUsed: 1, tokensUsed: promptTokens }));
      await call('post', `/conversations/${id}/messages`, s).send({ content: 'Encore' }).expect(202);
    } finally {
      await apiOnly.close();
    }
  });

  it('the stop reaches a worker in another process: its provider call is cut, and only the stopped answer stays', async () => {
    llm.setLatency({ chunkDelayMs: 150 });
    const apiOnly = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', APP_ROLE: 'api' });
    const call = (method: 'get' | 'post', path: string, who: TestUser) =>
      (apiOnly.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    let worker: ChildProcess | undefined;
    try {
      worker = spawnEntry('src/worker.ts', [], commandEnvOf(apiOnly, fakeLlmEnv(llm)), 'ignore');
      const a = await createUser(apiOnly, 'admin');
      const s = await createUser(apiOnly, 'student');
      const h = await openHackathonVia(call, a);
      const id = (await call('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
        .body.conversation.id;
      const prompt = `Loin d’ici [fake-llm:tokens=1500] ${Date.now()}`;
      await call('post', `/conversations/${id}/messages`, s).send({ content: prompt }).expect(202);
      await until(
        async () => llm.requests.some((r) => r.lastUserMessage === prompt),
        'le worker appelle le LLM',
        240_000,
      );
      const stopped = (await call('post', `/conversations/${id}/stop`, s).expect(200)).body.message;
      await until(
        async () => llm.requests.find((r) => r.lastUserMessage === prompt)?.aborted,
        'l’appel du worker interrompu',
      );
      const c = (await call('get', `/conversations/${id}`, s).expect(200)).body.conversation;
      expect(c.messages.filter((m: any) => m.role !== 'student')).toEqual([stopped]);
      expect(stopped.interrompu).toBe(true);
    } finally {
      worker?.kill('SIGKILL');
      await apiOnly.close();
    }
  });
});
