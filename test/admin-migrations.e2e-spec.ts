import { ObjectId } from 'mongodb';
import { MigrationRunner } from '../src/admin/migrations/migration.runner';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, runCommand } from './support/ts-command';

const EMPTY_PROFILE = { niveauFormation: '', typeEtude: '', groupId: null };
const NAMES = ['001-consentement-rgpd-default', '002-student-profiles', '003-normalize-roles', '004-mark-open-turns'];

describe('migrations (docs/data-model.md §11.1): npm run migrate', () => {
  let t: TestApp;
  const users = () => t.connection.collection('users');
  const records = () => t.connection.collection('migrations');
  const snapshot = async () => (await users().find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));

  /** Legacy documents as older versions stored them. */
  const legacy = (tag: string, doc: Record<string, unknown>) => ({
    _id: new ObjectId(),
    prenom: 'Ancien',
    nom: tag,
    email: `${tag}-${Date.now()}@legacy.example`,
    tokensUsed: 0,
    createdAt: new Date('2024-01-01T00:00:00Z'),
    updatedAt: new Date('2024-01-01T00:00:00Z'),
    ...doc,
  });

  const migrate = () => runCommand('src/admin/migrations/migrate.command.ts', [], commandEnvOf(t));

  beforeAll(async () => {
    t = await startTestApp({ BCRYPT_ROUNDS: '4' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('applies the migrations once to legacy users and conversations; a second run changes nothing', async () => {
    const docs = {
      etudiant: legacy('etudiant', { role: 'Etudiant' }),
      examinateurs: legacy('examinateurs', { role: 'examinateurs', consentementRGPD: true }),
      student: legacy('student', {
        role: 'student',
        consentementRGPD: null,
        profilEtudiant: { niveauFormation: 'M1', typeEtude: 'info', groupId: 'g1' },
      }),
      unknown: legacy('unknown', { role: 'superuser' }),
      admins: legacy('admins', { role: 'ADMINS', consentementRGPD: false }),
      canonical: legacy('canonical', {
        role: 'student',
        consentementRGPD: true,
        profilEtudiant: { niveauFormation: 'L3', typeEtude: 'bio', groupId: null },
      }),
    };
    // Conversations as stored before the `turnOpen` mark: one turn open, one closed.
    const conversation = (pendingMessageId: ObjectId | null) => ({
      _id: new ObjectId(),
      hackathonId: new ObjectId(),
      tacheId: 't1',
      studentId: docs.student._id,
      messages: [],
      pendingMessageId,
      createdAt: new Date('2024-01-01T00:00:00Z'),
      updatedAt: new Date('2024-01-01T00:00:00Z'),
    });
    const [open, closed] = [conversation(new ObjectId()), conversation(null)];
    await users().deleteMany({});
    await records().deleteMany({});
    await users().insertMany(Object.values(docs));
    await t.connection.collection('conversations').insertMany([open, closed]);
    const untouched = JSON.stringify(await users().findOne({ _id: docs.canonical._id }));

    const first = await t.app.get(MigrationRunner).run();
    expect(first).toEqual({
      applied: [
        { name: NAMES[0], result: { usersUpdated: 3 } },
        { name: NAMES[1], result: { usersUpdated: 1 } },
        { name: NAMES[2], result: { usersUpdated: 3, unknownRoles: 1 } },
        { name: NAMES[3], result: { conversationsMarked: 1 } },
      ],
      skipped: [],
    });
    // The turn sweeper finds open turns by the mark (conversation.repository.ts pendingSince).
    const conversations = t.connection.collection('conversations');
    expect((await conversations.findOne({ _id: open._id }))!.turnOpen).toBe(true);
    expect((await conversations.findOne({ _id: closed._id }))!.turnOpen).toBeUndefined();

    const get = async (d: { _id: ObjectId }) => (await users().findOne({ _id: d._id }))!;
    expect(await get(docs.etudiant)).toEqual(
      expect.objectContaining({ role: 'student', consentementRGPD: false, profilEtudiant: EMPTY_PROFILE }),
    );
    const exam = await get(docs.examinateurs);
    expect(exam).toEqual(expect.objectContaining({ role: 'examiner', consentementRGPD: true }));
    expect(exam.profilEtudiant).toBeUndefined();
    expect(await get(docs.student)).toEqual(
      expect.objectContaining({
        role: 'student',
        consentementRGPD: false,
        profilEtudiant: { niveauFormation: 'M1', typeEtude: 'info', groupId: 'g1' },
      }),
    );
    const unknown = await get(docs.unknown);
    expect(unknown).toEqual(expect.objectContaining({ role: 'superuser', consentementRGPD: false }));
    expect(unknown.profilEtudiant).toBeUndefined();
    expect(await get(docs.admins)).toEqual(expect.objectContaining({ role: 'admin', consentementRGPD: false }));
    expect((await get(docs.admins)).profilEtudiant).toBeUndefined();
    expect(JSON.stringify(await get(docs.canonical))).toBe(untouched);
    // A migration is not a user edit: updatedAt is kept.
    expect((await get(docs.etudiant)).updatedAt).toEqual(new Date('2024-01-01T00:00:00Z'));

    const recorded = await records().find({}).sort({ name: 1 }).toArray();
    expect(recorded.map((r) => [r.name, r.appliedAt instanceof Date])).toEqual(NAMES.map((n) => [n, true]));
    expect(recorded[2].result).toEqual({ usersUpdated: 3, unknownRoles: 1 });

    const before = await snapshot();
    const second = await t.app.get(MigrationRunner).run();
    expect(second).toEqual({ applied: [], skipped: NAMES });
    expect(await snapshot()).toEqual(before);
    expect(await records().countDocuments()).toBe(4);
  });

  it('runs through the command (ts-node): applies what is not recorded, then nothing the second time', async () => {
    await records().deleteMany({});
    const late = legacy('late', { role: 'etudiants' });
    await users().insertOne(late);
    const first = await migrate();
    expect(first.code).toBe(0);
    expect(first.out).toContain(`appliquée : ${NAMES[0]} {"usersUpdated":1}`);
    expect(first.out).toContain(`appliquée : ${NAMES[1]} {"usersUpdated":1}`);
    expect(first.out).toContain(`appliquée : ${NAMES[2]} {"usersUpdated":1,"unknownRoles":1}`);
    expect(first.out).toContain(`appliquée : ${NAMES[3]} {"conversationsMarked":0}`);
    expect(first.out).toContain('migrations : 4 appliquée(s), 0 déjà faite(s)');
    expect(await users().findOne({ _id: late._id })).toEqual(
      expect.objectContaining({ role: 'student', consentementRGPD: false, profilEtudiant: EMPTY_PROFILE }),
    );

    const before = await snapshot();
    const second = await migrate();
    expect(second.code).toBe(0);
    expect(second.out).toContain('migrations : 0 appliquée(s), 4 déjà faite(s)');
    expect(await snapshot()).toEqual(before);
    expect((await records().find({}).toArray()).map((r) => r.name).sort()).toEqual(NAMES);
  });

  it('runs in name order and does not record a migration that fails (the next run tries it again)', async () => {
    const order: string[] = [];
    const runner = t.app.get(MigrationRunner);
    const failing = [
      {
        name: '902-boom',
        up: async () => {
          order.push('902');
          throw new Error('boom');
        },
      },
      {
        name: '901-ok',
        up: async () => {
          order.push('901');
          return { ok: 1 };
        },
      },
    ];
    await expect(runner.run(failing)).rejects.toThrow('boom');
    expect(order).toEqual(['901', '902']);
    expect(await records().countDocuments({ name: { $in: ['901-ok', '902-boom'] } })).toBe(1);
    await expect(runner.run([failing[1], { name: '902-boom', up: async () => ({ fixed: true }) }])).resolves.toEqual({
      applied: [{ name: '902-boom', result: { fixed: true } }],
      skipped: ['901-ok'],
    });
    await records().deleteMany({ name: { $in: ['901-ok', '902-boom'] } });
  });
});
