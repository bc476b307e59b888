import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { fingerprintOf } from '../libs/idempotency';
import { createUser, TestUser } from './support/auth';
import { openHackathonVia, startFullStack, FullStack } from './support/full-stack';
import { until } from './support/wait';

/**
 * `Idempotency-Key` on `POST /conversations/:id/messages` and `PUT /conversations/:id/final`
 * (libs/idempotency): a retry with the same key answers the first answer, and nothing is done or
 * charged twice. Over HTTP, with the fake LLM answering.
 */
describe('Idempotency-Key on sends and final versions', () => {
  let stack: FullStack;
  let student: TestUser;
  let other: TestUser;

  const api = (method: 'get' | 'post' | 'put', path: string, who: TestUser) =>
    (stack.t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
  const db = (name: string) => stack.t.connection.collection(name);

  const openHackathon = () => openHackathonVia(api, stack.admin);
  async function newConversation(who: TestUser, h: { id: string; tacheId: string }): Promise<string> {
    const res = await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201);
    return res.body.conversation.id as string;
  }
  const send = (id: string, content: string, who: TestUser = student, key?: string) => {
    const req = api('post', `/conversations/${id}/messages`, who);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send({ content });
  };
  const messagesOf = async (id: string, who: TestUser = student) =>
    (await api('get', `/conversations/${id}?limit=200`, who).expect(200)).body.conversation.messages as {
      id: string;
      role: string;
      content: string;
    }[];
  const answered = (id: string, replies: number, who: TestUser = student) =>
    until(
      async () => (await messagesOf(id, who)).filter((m) => m.role === 'assistant').length === replies,
      'la réponse de l’assistant',
    );
  const quota = async (hackathonId: string, who: TestUser = student) =>
    (await api('get', `/hackathons/${hackathonId}/quota/me`, who).expect(200)).body as {
      promptsUsed: number;
      tokensUsed: number;
    };

  beforeAll(async () => {
    stack = await startFullStack({ AI_TIMEOUT_MS: '5000', CORS_ORIGINS: 'https://ecole.example' });
    student = await createUser(stack.t, 'student');
    other = await createUser(stack.t, 'student');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a retry after the answer came back gets the same 202 body: one message, one prompt charged', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const key = randomUUID();
    const first = await send(id, 'Écris un haïku sur la mer.', student, key).expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await answered(id, 1);
    const charged = await quota(h.id);
    expect(charged.promptsUsed).toBe(1);

    const retry = await send(id, 'Écris un haïku sur la mer.', student, key).expect(202);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    const messages = await messagesOf(id);
    expect(messages.filter((m) => m.role === 'student')).toHaveLength(1);
    expect(messages).toHaveLength(2);
    expect(await quota(h.id)).toEqual(expect.objectContaining(charged));
  });

  it('ten concurrent sends with one key: one prompt stored and charged, the others get the same 202 or 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send(id, 'Dix fois la même question', student, key)),
    );

    const accepted = answers.filter((r) => r.status === 202);
    const busy = answers.filter((r) => r.status !== 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of accepted) expect(r.body).toEqual(accepted[0].body);
    for (const r of busy) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(r.headers['retry-after']).toBe('1');
    }

    await answered(id, 1);
    const messages = await messagesOf(id);
    expect(messages.filter((m) => m.role === 'student').map((m) => m.id)).toEqual([accepted[0].body.messageId]);
    expect((await quota(h.id)).promptsUsed).toBe(1);
    // Once the first answer is recorded, the same key replays it.
    expect((await send(id, 'Dix fois la même question', student, key).expect(202)).body).toEqual(accepted[0].body);
  });

  it('the same key with another body, or on another conversation, is refused with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const elsewhere = await newConversation(student, h);
    const key = randomUUID();
    await send(id, 'Première question', student, key).expect(202);
    await answered(id, 1);

    const otherBody = await send(id, 'Une autre question', student, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(otherBody.body.message).toMatch(/clé d’idempotence/);
    const otherConversation = await send(elsewhere, 'Première question', student, key);
    expect(otherConversation.status).toBe(422);
    expect(otherConversation.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect((await messagesOf(id)).filter((m) => m.role === 'student')).toHaveLength(1);
    expect(await messagesOf(elsewhere)).toHaveLength(0);
    expect((await quota(h.id)).promptsUsed).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space inside', 'ma cle'],
    ['a tab inside', 'ma\tcle'],
    ['a non-ASCII character', 'clé-1'],
  ])(
    'a key that is not 1–255 visible ASCII characters (%s) → 400 INVALID_IDEMPOTENCY_KEY, nothing sent',
    async (_, key) => {
      const h = await openHackathon();
      const id = await newConversation(student, h);
      const res = await send(id, 'Question', student, key);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
      expect(res.body.message).toMatch(/Idempotency-Key/);
      expect(await messagesOf(id)).toHaveLength(0);
      expect((await quota(h.id)).promptsUsed).toBe(0);
    },
  );

  it('accepts a key of exactly 255 visible ASCII characters', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const key = '!~'.repeat(127) + 'z';
    const first = await send(id, 'Question', student, key).expect(202);
    expect((await send(id, 'Question', student, key).expect(202)).body).toEqual(first.body);
  });

  it('the same key from another user is theirs: independent answers', async () => {
    const h = await openHackathon();
    const mine = await newConversation(student, h);
    const theirs = await newConversation(other, h);
    const key = randomUUID();
    const a = await send(mine, 'Même clé, même texte', student, key).expect(202);
    const b = await send(theirs, 'Même clé, même texte', other, key).expect(202);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.messageId).not.toBe(a.body.messageId);
    await answered(mine, 1);
    await answered(theirs, 1, other);
    expect((await quota(h.id, student)).promptsUsed).toBe(1);
    expect((await quota(h.id, other)).promptsUsed).toBe(1);
  });

  it('a failed request does not pin its key: the same key succeeds once the reason is gone', async () => {
    const h = await openHackathonVia(api, stack.admin, {
      quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 },
    });
    const id = await newConversation(student, h);
    await send(id, 'Premier prompt').expect(202);
    await answered(id, 1);
    const key = randomUUID();
    const refused = await send(id, 'Second prompt', student, key);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('QUOTA_PROMPTS_EXCEEDED');

    await api('put', `/hackathons/${h.id}/quotas/${student.id}`, stack.admin)
      .send({ promptsParEtudiant: 2 })
      .expect(200);
    const retried = await send(id, 'Second prompt', student, key).expect(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    await answered(id, 2);
    expect((await messagesOf(id)).filter((m) => m.role === 'student').map((m) => m.content)).toEqual([
      'Premier prompt',
      'Second prompt',
    ]);
    expect((await quota(h.id)).promptsUsed).toBe(2);
    expect((await send(id, 'Second prompt', student, key).expect(202)).body).toEqual(retried.body);
  });

  it('a request finding its key still running waits, answers 409 IDEMPOTENCY_IN_PROGRESS, then replays the answer once recorded', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const key = randomUUID();
    const body = { content: 'Question' };
    const now = new Date();
    const { insertedId } = await db('idempotency_keys').insertOne({
      userId: new Types.ObjectId(student.id),
      route: 'conversations.sendMessage',
      key,
      fingerprint: fingerprintOf({ method: 'POST', params: { id }, body }),
      state: 'running',
      status: null,
      body: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 24 * 3600_000),
    });
    const busy = await send(id, 'Question', student, key);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(busy.body.message).toMatch(/en cours/);
    expect(busy.headers['retry-after']).toBe('1');

    const recorded = { messageId: new Types.ObjectId().toHexString(), jobId: 'reply-x', status: 'queued' };
    await db('idempotency_keys').updateOne(
      { _id: insertedId },
      { $set: { state: 'done', status: 202, body: JSON.stringify(recorded) } },
    );
    const replayed = await send(id, 'Question', student, key).expect(202);
    expect(replayed.body).toEqual(recorded);
    expect(await messagesOf(id)).toHaveLength(0);
  });

  it('a claim abandoned by a dead request (older than the lease) and an expired answer are taken over by the next request', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const [abandonedKey, expiredKey] = [randomUUID(), randomUUID()];
    const longAgo = new Date(Date.now() - 25 * 3600_000);
    const fingerprint = (content: string) => fingerprintOf({ method: 'POST', params: { id }, body: { content } });
    await db('idempotency_keys').insertMany([
      {
        userId: new Types.ObjectId(student.id),
        route: 'conversations.sendMessage',
        key: abandonedKey,
        fingerprint: fingerprint('Reprise'),
        state: 'running',
        status: null,
        body: null,
        createdAt: new Date(Date.now() - 5 * 60_000),
        expiresAt: new Date(Date.now() + 3600_000),
      },
      {
        userId: new Types.ObjectId(student.id),
        route: 'conversations.sendMessage',
        key: expiredKey,
        fingerprint: fingerprint('Expirée'),
        state: 'done',
        status: 202,
        body: JSON.stringify({ messageId: 'old', jobId: 'old', status: 'queued' }),
        createdAt: longAgo,
        expiresAt: new Date(longAgo.getTime() + 24 * 3600_000),
      },
    ]);
    const taken = await send(id, 'Reprise', student, abandonedKey).expect(202);
    expect(taken.headers['idempotent-replayed']).toBeUndefined();
    await answered(id, 1);
    const fresh = await send(id, 'Expirée', student, expiredKey).expect(202);
    expect(fresh.body.messageId).not.toBe('old');
    await answered(id, 2);
    expect((await quota(h.id)).promptsUsed).toBe(2);
  });

  it('the cleanup job purges expired answers and keeps live ones', async () => {
    const key = randomUUID();
    const base = {
      userId: new Types.ObjectId(other.id),
      route: 'conversations.sendMessage',
      fingerprint: 'f',
      state: 'done',
      status: 202,
      body: '{}',
      createdAt: new Date(),
    };
    await db('idempotency_keys').insertMany([
      { ...base, key: `${key}-expired`, expiresAt: new Date(Date.now() - 60_000) },
      { ...base, key: `${key}-live`, expiresAt: new Date(Date.now() + 3600_000) },
    ]);
    const started = await api('post', '/admin/jobs/cleanup-magic-links', stack.admin).send({}).expect(202);
    const report = await until(async () => {
      const r = (await api('get', `/admin/jobs/${started.body.jobId}`, stack.admin).expect(200)).body;
      return ['completed', 'failed'].includes(r.state) && r;
    }, 'le nettoyage');
    expect(report.state).toBe('completed');
    expect(report.result.idempotencyKeysPurged).toBeGreaterThanOrEqual(1);
    expect(await db('idempotency_keys').countDocuments({ key: `${key}-expired` })).toBe(0);
    expect(await db('idempotency_keys').countDocuments({ key: `${key}-live` })).toBe(1);
  });

  it('a browser on another allowed origin may send the key and read the replay mark (CORS)', async () => {
    const h = await openHackathon();
    const id = await newConversation(student, h);
    const preflight = await (stack.t.http() as any)
      .options(`/api/v1/conversations/${id}/messages`)
      .set('Origin', 'https://ecole.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
    const key = randomUUID();
    await send(id, 'Question', student, key).set('Origin', 'https://ecole.example').expect(202);
    const replayed = await send(id, 'Question', student, key).set('Origin', 'https://ecole.example').expect(202);
    expect(replayed.headers['access-control-allow-origin']).toBe('https://ecole.example');
    expect(replayed.headers['access-control-expose-headers']).toMatch(/Idempotent-Replayed/);
  });

  describe('PUT /conversations/:id/final', () => {
    async function answeredConversation() {
      const h = await openHackathon();
      const id = await newConversation(student, h);
      await send(id, 'Question pour la version finale').expect(202);
      await answered(id, 1);
      const answer = (await messagesOf(id)).find((m) => m.role === 'assistant')!;
      return { h, id, answer };
    }

    it('the same key twice → 200 both with the same body, one final version', async () => {
      const { id, answer } = await answeredConversation();
      const key = randomUUID();
      const submit = () =>
        api('put', `/conversations/${id}/final`, student)
          .set('Idempotency-Key', key)
          .send({ promptFinal: 'Mon prompt final', messageId: answer.id });
      const first = await submit().expect(200);
      const again = await submit().expect(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.body.conversation.versionFinale).toEqual(
        expect.objectContaining({ promptFinal: 'Mon prompt final', messageId: answer.id }),
      );
      expect(await db('final_submissions').countDocuments({ conversationId: new Types.ObjectId(id) })).toBe(1);

      const changed = await api('put', `/conversations/${id}/final`, student)
        .set('Idempotency-Key', key)
        .send({ promptFinal: 'Un autre prompt', messageId: answer.id });
      expect(changed.status).toBe(422);
      expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('a key is scoped to its route: the key of a send can name a final version too', async () => {
      const h = await openHackathon();
      const id = await newConversation(student, h);
      const key = randomUUID();
      await send(id, 'Question', student, key).expect(202);
      await answered(id, 1);
      const answer = (await messagesOf(id)).find((m) => m.role === 'assistant')!;
      const final = await api('put', `/conversations/${id}/final`, student)
        .set('Idempotency-Key', key)
        .send({ promptFinal: 'Prompt', messageId: answer.id })
        .expect(200);
      expect(final.headers['idempotent-replayed']).toBeUndefined();
      expect(final.body.conversation.versionFinale.promptFinal).toBe('Prompt');
    });
  });

  it('without the header nothing changes: each send is a new prompt, a resent final version answers 200 as before', async () => {
    const { id: hackathonId, tacheId } = await openHackathon();
    const id = await newConversation(student, { id: hackathonId, tacheId });
    const keyRows = () => db('idempotency_keys').countDocuments({ userId: new Types.ObjectId(student.id) });
    const rowsBefore = await keyRows();
    const a = await send(id, 'Même texte').expect(202);
    await answered(id, 1);
    const b = await send(id, 'Même texte').expect(202);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.messageId).not.toBe(a.body.messageId);
    await answered(id, 2);
    expect((await messagesOf(id)).filter((m) => m.role === 'student')).toHaveLength(2);
    expect((await quota(hackathonId)).promptsUsed).toBe(2);

    const answer = (await messagesOf(id)).find((m) => m.role === 'assistant')!;
    const body = { promptFinal: 'Final sans clé', messageId: answer.id };
    await api('put', `/conversations/${id}/final`, student).send(body).expect(200);
    const resent = await api('put', `/conversations/${id}/final`, student).send(body).expect(200);
    expect(resent.headers['idempotent-replayed']).toBeUndefined();
    // Nothing was read or written for a key: no row appeared.
    expect(await keyRows()).toBe(rowsBefore);
  });
});
