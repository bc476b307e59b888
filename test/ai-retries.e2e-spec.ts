import type { ChildProcess } from 'node:child_process';
import { JobQueue } from '../libs/queue';
import { replyJobId } from '../src/conversation/reply-jobs';
import { createUser, TestUser } from './support/auth';
import { startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { openSse, SseEvent } from './support/sse';
import { startTestApp } from './support/test-app';
import { commandEnvOf, spawnEntry } from './support/ts-command';
import { until } from './support/wait';

/**
 * An answer through a provider's outage, a hanging provider and a worker's death (issue of
 * faults, points 6 and 8): retries span the AI_RETRY_WINDOW_MS window (attempts derived from
 * it, libs/queue/queue-defaults.ts), a silent provider is given up at the first-word deadline,
 * the window ends the retries of slow attempts, and every run of an answer streams under a
 * higher `attempt`, so a client keeps the latest run's text only.
 */
describe('AI answers: retries sized to outages, runs told apart', () => {
  /** One app with its fake LLM, an admin and a student. */
  async function stack(env: Record<string, string>) {
    const llm = await startFakeLlm();
    const t = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', ...env });
    const admin = await createUser(t, 'admin');
    const student = await createUser(t, 'student');
    const api = (method: 'get' | 'post', path: string, who: TestUser) =>
      (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    const newConversation = async () => {
      const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 20, tokensParEtudiant: 100000 } });
      const id = (
        await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
      ).body.conversation.id as string;
      return { id, hackathonId: h.id };
    };
    const conversation = async (id: string) =>
      (await api('get', `/conversations/${id}?limit=200`, student).expect(200)).body.conversation;
    const settled = (id: string) =>
      until(async () => {
        const c = await conversation(id);
        return !c.pendingMessageId && c.messages.length >= 2 && c;
      }, 'le tour clos');
    const quota = async (hackathonId: string) =>
      (await api('get', `/hackathons/${hackathonId}/quota/me`, student).expect(200)).body;
    const requestsFor = (content: string) => llm.requests.filter((r) => r.lastUserMessage === content);
    const stream = (id: string) =>
      openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
    const close = async () => {
      await t.close();
      await llm.close();
    };
    return { llm, t, admin, student, api, newConversation, conversation, settled, quota, requestsFor, stream, close };
  }

  /** The deltas of an answer grouped by run, in the order the runs came; the client's rule: keep the highest. */
  function runsOf(events: SseEvent[], messageId: string) {
    const runs = new Map<number, string>();
    for (const e of events.filter((x) => x.event === 'delta' && x.data.messageId === messageId))
      runs.set(e.data.attempt, (runs.get(e.data.attempt) ?? '') + e.data.text);
    return [...runs.entries()];
  }

  describe('one process', () => {
    let s: Awaited<ReturnType<typeof stack>>;
    beforeAll(async () => {
      // A long call deadline and a short first-word one, as in production (60 s / 20 s), scaled.
      s = await stack({ AI_TIMEOUT_MS: '60000', AI_FIRST_TOKEN_TIMEOUT_MS: '2000' });
    });
    afterAll(() => s?.close());

    it('an outage longer than 4 attempts (the old budget) delays the answer instead of failing it: answered and charged once', async () => {
      const { id, hackathonId } = await s.newConversation();
      const content = `Pendant la panne [fake-llm:503*6] ${Date.now()}`;
      const sent = (await s.api('post', `/conversations/${id}/messages`, s.student).send({ content }).expect(202)).body;
      const c = await s.settled(id);
      const answers = c.messages.filter((m: any) => m.replyTo === sent.messageId);
      expect(answers.map((m: any) => m.role)).toEqual(['assistant']);
      // Six refusals, then the seventh attempt answered.
      expect(s.requestsFor(content).map((r) => r.outcome)).toEqual([...Array(6).fill('http_503'), 'ok']);
      const job = await s.t.app.get(JobQueue).getJob('ai', replyJobId(sent.messageId));
      expect(job!.opts.attempts).toBe(8);
      const q = await s.quota(hackathonId);
      expect(q.promptsUsed).toBe(1);
      expect(q.tokensUsed).toBe(answers[0].tokenCount);
    });

    it('a provider that accepts the call and stays silent is given up at the first-word deadline and retried', async () => {
      const { id } = await s.newConversation();
      const content = `Silence [fake-llm:timeout*1] ${Date.now()}`;
      const sent = (await s.api('post', `/conversations/${id}/messages`, s.student).send({ content }).expect(202)).body;
      // Answered long before the 60 s call deadline could have ended the first attempt.
      const c = await s.settled(id);
      expect(c.messages.find((m: any) => m.replyTo === sent.messageId).role).toBe('assistant');
      const calls = s.requestsFor(content);
      expect(calls.map((r) => r.outcome)).toEqual(['timeout', 'ok']);
      expect(calls[0].aborted).toBe(true);
    });

    it('a run cut mid-answer and retried streams under a higher attempt: the latest run’s text is the stored answer', async () => {
      const { id } = await s.newConversation();
      const sse = s.stream(id);
      await sse.ready;
      const content = `Coupure [fake-llm:drop*1] [fake-llm:tokens=200] ${Date.now()}`;
      const sent = (await s.api('post', `/conversations/${id}/messages`, s.student).send({ content }).expect(202)).body;
      const message = await sse.waitFor((e) => e.event === 'message' && e.data.message.replyTo === sent.messageId);
      const runs = runsOf(sse.events, sent.messageId);
      expect(runs.length).toBe(2);
      const [[first, cut], [second, whole]] = runs;
      expect(second).toBeGreaterThan(first);
      expect(cut.length).toBeGreaterThan(0);
      expect(whole).toBe(message.data.message.content);
      // What a client shows when it joins every delta regardless of run: the cut text, then the whole answer.
      expect(cut + whole).not.toBe(whole);
      sse.close();
    });
  });

  it('the retry window ends the retries of slow attempts: a hanging provider fails the answer with a refund well before the attempts run out', async () => {
    const s = await stack({ AI_TIMEOUT_MS: '60000', AI_FIRST_TOKEN_TIMEOUT_MS: '500', AI_RETRY_WINDOW_MS: '1000' });
    try {
      const { id, hackathonId } = await s.newConversation();
      const sse = s.stream(id);
      await sse.ready;
      const content = `Toujours muet [fake-llm:timeout] ${Date.now()}`;
      const sent = (await s.api('post', `/conversations/${id}/messages`, s.student).send({ content }).expect(202)).body;
      const error = await sse.waitFor((e) => e.event === 'error' && e.data.messageId === sent.messageId);
      expect(error.data.code).toBe('AI_TIMEOUT');
      const job = await s.t.app.get(JobQueue).getJob('ai', replyJobId(sent.messageId));
      // 1 + ⌈log2(1000/50 + 1)⌉ = 6 attempts granted; a 500 ms attempt spends the 1 s window in two at most.
      expect(job!.opts.attempts).toBe(6);
      expect(s.requestsFor(content).length).toBeLessThanOrEqual(2);
      const c = await s.settled(id);
      expect(c.messages.find((m: any) => m.replyTo === sent.messageId).role).toBe('system');
      const q = await s.quota(hackathonId);
      expect({ prompts: q.promptsUsed, tokens: q.tokensUsed }).toEqual({ prompts: 0, tokens: 0 });
      sse.close();
    } finally {
      await s.close();
    }
  });

  it('a worker killed mid-answer: the next worker’s run streams under a higher attempt, and its text is the stored answer', async () => {
    const s = await stack({ APP_ROLE: 'api', WORKER_LOCK_MS: '1500', AI_TIMEOUT_MS: '60000' });
    const workers: ChildProcess[] = [];
    const startWorker = () => {
      const child = spawnEntry(
        'src/worker.ts',
        [],
        commandEnvOf(s.t, {
          WORKER_LOCK_MS: '1500',
          JOB_BACKOFF_BASE_MS: '50',
          AI_TIMEOUT_MS: '60000',
          ...fakeLlmEnv(s.llm),
        }),
        'ignore',
      );
      workers.push(child);
      return child;
    };
    try {
      const { id, hackathonId } = await s.newConversation();
      const sse = s.stream(id);
      await sse.ready;
      // The first run streams a little, then the provider goes silent: the worker is killed then.
      const content = `Interrompu [fake-llm:stall*1] ${Date.now()}`;
      const sent = (await s.api('post', `/conversations/${id}/messages`, s.student).send({ content }).expect(202)).body;
      const first = startWorker();
      await sse.waitFor((e) => e.event === 'delta' && e.data.messageId === sent.messageId, 240_000);
      first.kill('SIGKILL');
      startWorker();

      const message = await sse.waitFor(
        (e) => e.event === 'message' && e.data.message.replyTo === sent.messageId,
        240_000,
      );
      const runs = runsOf(sse.events, sent.messageId);
      expect(runs.length).toBe(2);
      const [[killed], [next, text]] = runs;
      expect(next).toBeGreaterThan(killed);
      expect(text).toBe(message.data.message.content);
      const c = await s.settled(id);
      expect(c.messages.filter((m: any) => m.replyTo === sent.messageId).map((m: any) => m.role)).toEqual([
        'assistant',
      ]);
      const q = await s.quota(hackathonId);
      expect(q.tokensUsed).toBe(message.data.message.tokenCount);
      sse.close();
    } finally {
      for (const w of workers) w.kill('SIGKILL');
      await s.close();
    }
  });
});
