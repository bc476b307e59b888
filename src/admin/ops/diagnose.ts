/**
 * docs/data-model.md §13.1 diagnosis: ping, engine, collections with their size and indexes. Works on
 * MongoDB and FerretDB: `dbStats`/`collStats` are asked for and, when the engine refuses one,
 * the size is left out with a note instead of failing the whole report.
 */
export interface DiagnosedCollection {
  name: string;
  documents: number | null;
  sizeBytes: number | null;
  storageBytes: number | null;
  indexes: { name: string; key: Record<string, unknown>; unique: boolean; expireAfterSeconds: number | null }[];
  note?: string;
}

export interface Diagnosis {
  ok: boolean;
  pingMs: number | null;
  engine: { kind: 'mongodb' | 'ferretdb' | 'unknown'; version: string | null };
  database: string;
  dbStats: { collections: number; dataSize: number; storageSize: number; indexSize: number } | null;
  notes: string[];
  collections: DiagnosedCollection[];
}

/** What the driver says of one index (only the fields read here). */
export interface IndexInfo {
  name?: unknown;
  key?: Record<string, unknown>;
  unique?: unknown;
  expireAfterSeconds?: unknown;
}

/** The part of the driver's `Db` this needs (so a spec can pass a fake). */
export interface DiagnosableDb {
  databaseName: string;
  command(cmd: Record<string, unknown>): Promise<Record<string, unknown>>;
  listCollections(
    filter?: object,
    options?: { nameOnly?: boolean },
  ): { toArray(): Promise<{ name: string; type?: string }[]> };
  collection(name: string): { estimatedDocumentCount(): Promise<number>; indexes(): Promise<IndexInfo[]> };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const num = (v: unknown) => (typeof v === 'number' ? v : v != null && !Number.isNaN(Number(v)) ? Number(v) : null);

export async function diagnose(db: DiagnosableDb, now: () => number = () => performance.now()): Promise<Diagnosis> {
  const notes: string[] = [];
  const start = now();
  try {
    await db.command({ ping: 1 });
  } catch (err) {
    return {
      ok: false,
      pingMs: null,
      engine: { kind: 'unknown', version: null },
      database: db.databaseName,
      dbStats: null,
      notes: [`ping en échec : ${message(err)}`],
      collections: [],
    };
  }
  const pingMs = Math.round((now() - start) * 100) / 100;

  let engine: Diagnosis['engine'] = { kind: 'unknown', version: null };
  try {
    const info = await db.command({ buildInfo: 1 });
    engine =
      typeof info.ferretdbVersion === 'string'
        ? { kind: 'ferretdb', version: info.ferretdbVersion }
        : { kind: 'mongodb', version: String(info.version ?? 'unknown') };
  } catch (err) {
    notes.push(`buildInfo indisponible : ${message(err)}`);
  }

  let dbStats: Diagnosis['dbStats'] = null;
  try {
    const s = await db.command({ dbStats: 1 });
    dbStats = {
      collections: num(s.collections) ?? 0,
      dataSize: num(s.dataSize) ?? 0,
      storageSize: num(s.storageSize) ?? 0,
      indexSize: num(s.indexSize) ?? 0,
    };
  } catch (err) {
    notes.push(`dbStats non pris en charge par ce moteur, tailles de la base ignorées : ${message(err)}`);
  }

  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  const names = listed
    .filter((c) => c.type !== 'view' && !c.name.startsWith('system.'))
    .map((c) => c.name)
    .sort();
  const collections: DiagnosedCollection[] = [];
  for (const name of names) {
    const c: DiagnosedCollection = { name, documents: null, sizeBytes: null, storageBytes: null, indexes: [] };
    const coll = db.collection(name);
    try {
      c.documents = await coll.estimatedDocumentCount();
    } catch (err) {
      c.note = `comptage impossible : ${message(err)}`;
    }
    try {
      const s = await db.command({ collStats: name });
      c.sizeBytes = num(s.size);
      c.storageBytes = num(s.storageSize);
    } catch (err) {
      c.note = [c.note, `collStats non pris en charge, taille ignorée : ${message(err)}`].filter(Boolean).join(' ; ');
    }
    try {
      c.indexes = (await coll.indexes()).map((i) => ({
        name: String(i.name),
        key: i.key ?? {},
        unique: !!i.unique,
        expireAfterSeconds: num(i.expireAfterSeconds),
      }));
    } catch (err) {
      c.note = [c.note, `liste des index impossible : ${message(err)}`].filter(Boolean).join(' ; ');
    }
    collections.push(c);
  }
  return { ok: true, pingMs, engine, database: db.databaseName, dbStats, notes, collections };
}

/** The report as lines for a terminal. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = [];
  lines.push(
    `base : ${d.database} — ${d.ok ? `ping ${d.pingMs} ms` : 'injoignable'} — moteur : ${d.engine.kind} ${d.engine.version ?? ''}`.trimEnd(),
  );
  if (d.dbStats)
    lines.push(
      `dbStats : ${d.dbStats.collections} collections, données ${d.dbStats.dataSize} o, stockage ${d.dbStats.storageSize} o, index ${d.dbStats.indexSize} o`,
    );
  for (const n of d.notes) lines.push(`note : ${n}`);
  for (const c of d.collections) {
    const size = c.sizeBytes === null ? 'taille ?' : `${c.sizeBytes} o`;
    lines.push(`- ${c.name} : ${c.documents ?? '?'} document(s), ${size}${c.note ? ` (${c.note})` : ''}`);
    for (const i of c.indexes) {
      const flags = [i.unique ? 'unique' : '', i.expireAfterSeconds !== null ? `TTL ${i.expireAfterSeconds} s` : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`    index ${i.name} ${JSON.stringify(i.key)}${flags ? ` [${flags}]` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
