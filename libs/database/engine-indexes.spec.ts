import { ginIndexName, ginIndexSql, pgConnectionOf, sqliteIdIndexSql } from './engine-indexes';

describe('engine indexes: names and SQL', () => {
  it('names fit PostgreSQL identifiers (63 bytes), differ per field and never end like FerretDB’s own (_idx)', () => {
    const table = `${'a_very_long_collection_name_'.repeat(2)}0123abcd`.slice(0, 63);
    const a = ginIndexName(table, 'studentId');
    const b = ginIndexName(table, 'studentid');
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(a).toMatch(/_gin$/);
  });

  it('spells the expression FerretDB pushes down, in the FerretDB schema of the database', () => {
    expect(ginIndexSql('pc_test_1', 'users_1a2b3c4d', 'email')).toBe(
      `CREATE INDEX IF NOT EXISTS "${ginIndexName('users_1a2b3c4d', 'email')}" ON "pc_test_1"."users_1a2b3c4d" ` +
        `USING gin ((_jsonb -> 'email') jsonb_path_ops)`,
    );
    expect(ginIndexSql('d"b', 't', "o'k")).toContain(`ON "d""b"."t" USING gin ((_jsonb -> 'o''k') jsonb_path_ops)`);
  });

  it('on SQLite, indexes the spelling of FerretDB’s _id lookups', () => {
    expect(sqliteIdIndexSql('users_1a2b3c4d').sql).toBe(
      `CREATE INDEX IF NOT EXISTS "users_1a2b3c4d__id_sjson" ON "users_1a2b3c4d" (_ferretdb_sjson->'$._id')`,
    );
  });

  it('connects with pg without FerretDB’s pool parameters', () => {
    const c = pgConnectionOf('postgres://u:p%40ss@127.0.0.1:5433/pc_x?pool_max_conns=80&default_toast_compression=lz4');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 5433, user: 'u', password: 'p@ss', database: 'pc_x' });
    expect(JSON.stringify(c)).not.toContain('pool_max_conns');
  });
});
