import { diagnose, formatDiagnosis } from './diagnose';

function fakeDb(opts: { refuse?: string[]; pingFails?: boolean } = {}) {
  const refuse = new Set(opts.refuse ?? []);
  return {
    databaseName: 'pc-test',
    command: jest.fn(async (cmd: Record<string, unknown>) => {
      const name = Object.keys(cmd)[0];
      if (name === 'ping' && opts.pingFails) throw new Error('ECONNREFUSED');
      if (refuse.has(name)) throw new Error(`no such command: '${name}'`);
      if (name === 'buildInfo')
        return { version: '7.0.0', ferretdbVersion: opts.refuse?.length ? 'v1.24.2' : undefined };
      if (name === 'dbStats') return { collections: 2, dataSize: 300, storageSize: 4096, indexSize: 512 };
      if (name === 'collStats') return { size: cmd.collStats === 'users' ? 200 : 100, storageSize: 2048 };
      return { ok: 1 };
    }),
    listCollections: () => ({
      toArray: async () => [{ name: 'users' }, { name: 'analytics_events' }, { name: 'system.views' }],
    }),
    collection: (name: string) => ({
      estimatedDocumentCount: async () => (name === 'users' ? 3 : 7),
      indexes: async () => [
        { name: '_id_', key: { _id: 1 } },
        ...(name === 'users'
          ? [{ name: 'email_1', key: { email: 1 }, unique: true }]
          : [{ name: 'timestamp_1', key: { timestamp: 1 }, expireAfterSeconds: 2592000 }]),
      ],
    }),
  };
}

describe('diagnose (docs/data-model.md §13.1)', () => {
  it('reports ping, engine, db sizes and each collection with its size and indexes', async () => {
    const d = await diagnose(fakeDb());
    expect(d.ok).toBe(true);
    expect(d.engine).toEqual({ kind: 'mongodb', version: '7.0.0' });
    expect(d.dbStats).toEqual({ collections: 2, dataSize: 300, storageSize: 4096, indexSize: 512 });
    expect(d.notes).toEqual([]);
    expect(d.collections.map((c) => [c.name, c.documents, c.sizeBytes])).toEqual([
      ['analytics_events', 7, 100],
      ['users', 3, 200],
    ]);
    expect(d.collections[1].indexes).toEqual([
      { name: '_id_', key: { _id: 1 }, unique: false, expireAfterSeconds: null },
      { name: 'email_1', key: { email: 1 }, unique: true, expireAfterSeconds: null },
    ]);
    const text = formatDiagnosis(d);
    expect(text).toContain('- users : 3 document(s), 200 o');
    expect(text).toContain('index timestamp_1 {"timestamp":1} [TTL 2592000 s]');
  });

  it('skips the sizes with a note where the engine has no dbStats/collStats (FerretDB), and still lists indexes', async () => {
    const d = await diagnose(fakeDb({ refuse: ['dbStats', 'collStats'] }));
    expect(d.ok).toBe(true);
    expect(d.engine).toEqual({ kind: 'ferretdb', version: 'v1.24.2' });
    expect(d.dbStats).toBeNull();
    expect(d.notes).toEqual([expect.stringMatching(/^dbStats non pris en charge/)]);
    expect(d.collections[0]).toEqual(
      expect.objectContaining({
        documents: 7,
        sizeBytes: null,
        note: expect.stringMatching(/^collStats non pris en charge/),
      }),
    );
    expect(d.collections[0].indexes).toHaveLength(2);
  });

  it('answers ok: false with the reason when the ping fails', async () => {
    const d = await diagnose(fakeDb({ pingFails: true }));
    expect(d).toEqual(
      expect.objectContaining({ ok: false, pingMs: null, collections: [], notes: ['ping en échec : ECONNREFUSED'] }),
    );
    expect(formatDiagnosis(d)).toContain('injoignable');
  });
});
