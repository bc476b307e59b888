import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { appendFileSync } from 'node:fs';
import { EngineIndexBuilder } from '../libs/database/engine-indexes';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The hot query shapes, run through the real app's database, use an index on the engine the
 * run uses — shown with the engine's own `explain` (FerretDB answers with the backend's plan):
 *
 * - FerretDB on PostgreSQL: the pushed-down filter `_jsonb -> 'field' @> value` is served by
 *   the GIN indexes libs/database/engine-indexes.ts adds: no `Seq Scan`;
 * - FerretDB on SQLite: only single-key `_id` filters reach SQL; they are served by the
 *   `_ferretdb_sjson->'$._id'` index, and every other shape is read in Go (filterPushdown false);
 * - MongoDB: no COLLSCAN.
 *
 * And the pool guard: more concurrent updates than the Mongo pools hold all complete.
 */
const handler = process.env.TEST_FERRETDB_HANDLER as 'postgresql' | 'sqlite' | undefined;
const backend: 'postgresql' | 'sqlite' | 'mongodb' = handler ?? 'mongodb';

const STUDENTS = 150;
const CONVERSATIONS_PER_STUDENT = 4;

let t: TestApp;
let db: Db;
const ids = {
  users: [] as ObjectId[],
  hackathon: new ObjectId(),
  conversations: [] as ObjectId[],
  examiners: [] as ObjectId[],
};

function messages(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    _id: new ObjectId(),
    role: i % 2 ? 'assistant' : 'user',
    content: `message ${i} `.repeat(40),
    createdAt: new Date(),
  }));
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.connection.db as unknown as Db;
  // Bulk-seeded through the app's own connection: enough rows that a scan is never the cheap plan.
  const now = new Date();
  ids.users = Array.from({ length: STUDENTS }, () => new ObjectId());
  ids.examiners = Array.from({ length: 10 }, () => new ObjectId());
  await db.collection('users').insertMany(
    ids.users.map((_id, i) => ({
      _id,
      email: `eleve${i}@engine.test`,
      prenom: 'Élève',
      nom: `N${i}`,
      role: 'student',
      tokensUsed: 0,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const conversations = ids.users.flatMap((studentId) =>
    Array.from({ length: CONVERSATIONS_PER_STUDENT }, (_, k) => ({
      _id: new ObjectId(),
      studentId,
      hackathonId: k % 2 ? ids.hackathon : new ObjectId(),
      tacheId: 't1',
      modelName: 'gpt-4',
      archived: false,
      messageCount: 6,
      totalTokens: 100,
      messages: messages(6),
      createdAt: now,
      updatedAt: now,
    })),
  );
  ids.conversations = conversations.map((c) => c._id);
  await db.collection('conversations').insertMany(conversations);
  await db.collection('evaluations').insertMany(
    conversations.slice(0, 300).map((c, i) => ({
      examinerId: ids.examiners[i % ids.examiners.length],
      conversationId: c._id,
      studentId: c.studentId,
      hackathonId: c.hackathonId,
      note: 7,
      commentaire: 'un commentaire assez long',
      gradedAt: now,
    })),
  );
  await db.collection('grading_assignments').insertMany(
    conversations.slice(0, 300).map((c, i) => ({
      examinerId: ids.examiners[i % ids.examiners.length],
      conversationId: c._id,
      hackathonId: c.hackathonId,
      status: 'pending',
      assignedAt: now,
      runId: 'r1',
    })),
  );
  await db.collection('usage_ledger').insertMany(
    conversations.map((c, i) => ({
      reservationId: `res-${i}`,
      kind: 'reserve',
      studentId: c.studentId,
      hackathonId: c.hackathonId,
      prompts: 1,
      tokens: 100,
      at: now,
    })),
  );
});

afterAll(async () => {
  await t?.close();
});

interface Explained {
  plan: string;
  filterPushdown?: boolean;
}

async function explainFind(collection: string, filter: Document): Promise<Explained> {
  const res = await db.command({ explain: { find: collection, filter }, verbosity: 'queryPlanner' });
  return { plan: JSON.stringify(res.queryPlanner ?? res), filterPushdown: res.filterPushdown };
}

// The shapes the repositories send on hot paths (src/*/**.repository.ts).
const shapes: [string, string, () => Document, boolean][] = [
  // [name, collection, filter, single-key _id (the only shape SQLite pushes down)]
  ['user by _id (every authenticated request)', 'users', () => ({ _id: ids.users[7] }), true],
  ['user by email (sign-in)', 'users', () => ({ email: 'eleve42@engine.test', deletedAt: null }), false],
  [
    'conversations of a student (/conversations/mine)',
    'conversations',
    () => ({ studentId: ids.users[3], archived: { $ne: true } }),
    false,
  ],
  [
    'conversations of a student in one hackathon',
    'conversations',
    () => ({ studentId: ids.users[3], archived: { $ne: true }, hackathonId: ids.hackathon }),
    false,
  ],
  ['conversation by _id (send, stream, final version)', 'conversations', () => ({ _id: ids.conversations[11] }), true],
  ['conversations of a hackathon (dashboard)', 'conversations', () => ({ hackathonId: ids.hackathon }), false],
  [
    'open turns left since (the turn sweeper, every 30 s)',
    'conversations',
    () => ({ turnOpen: true, updatedAt: { $lt: new Date() } }),
    false,
  ],
  ['evaluations of an examiner', 'evaluations', () => ({ examinerId: ids.examiners[2] }), false],
  ['evaluations of a hackathon (stats)', 'evaluations', () => ({ hackathonId: ids.hackathon }), false],
  [
    'assignments of an examiner by status',
    'grading_assignments',
    () => ({ examinerId: ids.examiners[2], status: 'pending' }),
    false,
  ],
  [
    'usage ledger of a student in a hackathon',
    'usage_ledger',
    () => ({ hackathonId: ids.hackathon, studentId: ids.users[5] }),
    false,
  ],
  ['usage ledger of a student (tokensUsed)', 'usage_ledger', () => ({ studentId: ids.users[5] }), false],
];

describe(`engine indexes (${backend})`, () => {
  it('the hot query shapes find what they look for', async () => {
    expect(await db.collection('users').countDocuments({ email: 'eleve42@engine.test' })).toBe(1);
    expect(await db.collection('conversations').countDocuments({ studentId: ids.users[3] })).toBe(
      CONVERSATIONS_PER_STUDENT,
    );
    expect(await db.collection('usage_ledger').countDocuments({ studentId: ids.users[5] })).toBe(
      CONVERSATIONS_PER_STUDENT,
    );
  });

  const expectation =
    backend === 'sqlite' ? 'by an index when it is a single-key _id, else read in Go' : 'served by an index';
  it.each(shapes)(`%s: ${expectation}`, async (_name, collection, filter, idOnly) => {
    const { plan, filterPushdown } = await explainFind(collection, filter());
    // ENGINE_EXPLAIN_OUT=<file>: keep the plans, as evidence for docs or a review.
    if (process.env.ENGINE_EXPLAIN_OUT) {
      appendFileSync(process.env.ENGINE_EXPLAIN_OUT, `${backend}\t${_name}\t${filterPushdown}\t${plan}\n`);
    }
    if (backend === 'postgresql') {
      expect(filterPushdown).toBe(true);
      expect(plan).not.toMatch(/"Seq Scan"/);
      // One of the GIN indexes the app created (engine-indexes.ts names them `..._gin`).
      expect(plan).toMatch(/"Index Name":"[^"]+_gin"/);
    } else if (backend === 'sqlite') {
      if (idOnly) {
        expect(filterPushdown).toBe(true);
        expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_sjson/);
        expect(plan).not.toMatch(/detail=SCAN/);
      } else {
        // What SQLite cannot do: FerretDB sends no filter to SQL for this shape.
        expect(filterPushdown).toBe(false);
      }
    } else {
      expect(plan).not.toMatch(/COLLSCAN/);
      expect(plan).toMatch(/IXSCAN|IDHACK|EXPRESS/);
    }
  });

  it('building them again (a restart, a second process) finds them in place and creates none', async () => {
    const builder = t.app.get(EngineIndexBuilder);
    const first = builder.lastReport; // the build of the app's start
    const report = await builder.build();
    if (backend === 'mongodb') {
      expect(report.backend).toBe('none');
      return;
    }
    expect(first.backend).toBe(backend);
    expect(first.failed).toEqual([]);
    expect(first.created).toEqual(expect.arrayContaining(['users._id', 'conversations._id']));
    expect(report.failed).toEqual([]);
    expect(report.created).toEqual([]);
    expect(report.existing).toEqual(expect.arrayContaining(['users._id', 'conversations._id']));
    if (backend === 'postgresql') {
      expect(report.existing).toEqual(
        expect.arrayContaining(['users.email', 'conversations.studentId', 'usage_ledger.hackathonId']),
      );
    }
  });
});

describe(`concurrent updates beyond the Mongo pools (${backend})`, () => {
  it('more updates in flight than the app pool and FerretDB’s default PostgreSQL pool all complete', async () => {
    const app = db.collection('pool_guard');
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: new ObjectId(), n: i, hits: 0 }));
    await app.insertMany(docs);
    // A second client with a pool of 60 next to the app's 10: up to 70 operations in flight at
    // FerretDB, above its default pool_max_conns of 50 (docs/architecture.md: it deadlocks there).
    const wide = await MongoClient.connect(process.env.TEST_MONGODB_URI!, { maxPoolSize: 60 });
    try {
      const other = wide.db(t.config.MONGODB_DB).collection('pool_guard');
      const results = await Promise.all([
        ...docs.slice(0, 150).map((d) => app.updateOne({ _id: d._id }, { $inc: { hits: 1 }, $set: { by: 'app' } })),
        ...docs
          .slice(150)
          .map((d) =>
            other.findOneAndUpdate(
              { _id: d._id },
              { $inc: { hits: 1 }, $set: { by: 'wide' } },
              { returnDocument: 'after' },
            ),
          ),
      ]);
      expect(results).toHaveLength(300);
    } finally {
      await wide.close();
    }
    const after = await app.find({}, { projection: { hits: 1, by: 1, n: 1 } }).toArray();
    expect(after).toHaveLength(300);
    expect(after.every((d) => d.hits === 1)).toBe(true);
    expect(after.filter((d) => d.by === 'app')).toHaveLength(150);
  });
});
