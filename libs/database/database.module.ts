import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { CommandSucceededEvent } from 'mongodb';
import { AppConfig } from '../../config/env.schema';
import { databaseOf, DatabaseEngine } from './database-engine';
import { DocumentWriteSerializer } from './document-repository';
import { DatabaseLock } from './database-lock';
import { EngineIndexBuilder } from './engine-indexes';
import { IndexBuilder } from './index-builder';

/** The database name of a run: MONGODB_DB, else the URI's path, else "prompt-challenge". */
export function databaseNameOf(config: Pick<AppConfig, 'MONGODB_URI' | 'MONGODB_DB'>): string {
  if (config.MONGODB_DB) return config.MONGODB_DB;
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(config.MONGODB_URI)?.[1];
  return path ? decodeURIComponent(path) : 'prompt-challenge';
}

/** How long an operation waits for the engine's answer (AppConfig.MONGODB_SOCKET_TIMEOUT_MS). */
function socketTimeoutOf(config: AppConfig): number {
  return config.MONGODB_SOCKET_TIMEOUT_MS ?? (config.APP_ROLE === 'api' ? 10_000 : 45_000);
}

/** How many times a starting process tries to reach the engine before giving up. */
const STARTUP_CONNECT_ATTEMPTS = 5;

/** Connection options of docs/data-model.md §7.1. */
export function mongooseOptions(config: AppConfig) {
  return {
    dbName: databaseNameOf(config),
    bufferCommands: false,
    maxPoolSize: 10,
    // While the engine is unreachable every operation waits this long for it, then fails with a
    // server selection error that the API answers as `503 DATABASE_UNAVAILABLE`
    // (libs/http/outages.ts): short, so a client hears "retry later" at once, not after 5 s.
    serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    // What bounds an engine that hangs with its sockets open (measured on FerretDB with the
    // mongodb 6.22 driver: `timeoutMS` has no effect, a find then waits ~40 s; socketTimeoutMS
    // fails it on time with MongoNetworkTimeoutError, answered as 503).
    socketTimeoutMS: socketTimeoutOf(config),
    // A new connection's handshake (and the monitor's checks) waits this long, not the driver's 30 s.
    connectTimeoutMS: Math.min(socketTimeoutOf(config), 5000),
    family: 4 as const,
    retryWrites: true,
    readPreference: 'primary' as const,
    // Indexes are built by IndexBuilder, loudly; collections appear with their first index.
    autoIndex: false,
    autoCreate: false,
    // Command monitoring feeds the slow-query log (docs/data-model.md §13.2).
    monitorCommands: true,
  };
}

function watchSlowCommands(connection: Connection, thresholdMs: number): void {
  const logger = new Logger('SlowQuery');
  connection.getClient().on('commandSucceeded', (e: CommandSucceededEvent) => {
    if (e.duration > thresholdMs) {
      logger.warn(
        { command: e.commandName, durationMs: e.duration, database: e.databaseName },
        `requête lente (${e.duration} ms) : ${e.commandName}`,
      );
    }
  });
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.NODE_ENV === 'test' && !/test/i.test(databaseNameOf(config))) {
      throw new Error(`refus d'utiliser la base "${databaseNameOf(config)}" en test : son nom doit contenir "test"`);
    }
    return {
      module: DatabaseModule,
      imports: [
        MongooseModule.forRootAsync({
          useFactory: () => ({
            uri: config.MONGODB_URI,
            ...mongooseOptions(config),
            // At start the engine gets STARTUP_CONNECT_ATTEMPTS tries of serverSelectionTimeoutMS each,
            // a second apart (~14 s in all on the defaults): a loaded engine, or one starting beside
            // the app (docker-compose.yml), may take longer than a running route may wait. Then the
            // caller prints one line and exits (src/bootstrap.ts startupFailure).
            retryAttempts: STARTUP_CONNECT_ATTEMPTS,
            retryDelay: 1000,
            connectionFactory: (connection: Connection) => {
              watchSlowCommands(connection, config.SLOW_QUERY_MS);
              return connection;
            },
          }),
        }),
      ],
      providers: [
        {
          provide: DatabaseEngine,
          inject: [getConnectionToken()],
          useFactory: async (connection: Connection) => {
            const info = await databaseOf(connection).admin().command({ buildInfo: 1 });
            return DatabaseEngine.fromBuildInfo(info);
          },
        },
        EngineIndexBuilder,
        IndexBuilder,
        DatabaseLock,
        DocumentWriteSerializer,
      ],
      exports: [DatabaseEngine, IndexBuilder, EngineIndexBuilder, DocumentWriteSerializer],
    };
  }
}
