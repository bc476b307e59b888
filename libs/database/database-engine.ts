import type { Connection } from 'mongoose';

/** The connection's driver database; Nest resolves providers only once the connection is open. */
export function databaseOf(connection: Connection) {
  if (!connection.db) throw new Error('connexion MongoDB non ouverte');
  return connection.db;
}

/** Which server answers on MONGODB_URI; detected once at start from `buildInfo`. */
export class DatabaseEngine {
  constructor(
    readonly kind: 'mongodb' | 'ferretdb',
    readonly version: string,
    readonly ferretdbVersion?: string,
  ) {}

  get isFerretDb(): boolean {
    return this.kind === 'ferretdb';
  }

  /** TTL and text indexes exist on MongoDB only; FerretDB v1 refuses or ignores them. */
  get supportsTtlAndTextIndexes(): boolean {
    return !this.isFerretDb;
  }

  static fromBuildInfo(info: Record<string, unknown>): DatabaseEngine {
    const ferret = typeof info.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined;
    return new DatabaseEngine(ferret ? 'ferretdb' : 'mongodb', String(info.version ?? 'unknown'), ferret);
  }
}
