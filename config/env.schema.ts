import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidationError,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/** An IANA time zone the runtime knows (Europe/Paris, America/Montreal...). */
@ValidatorConstraint({ name: 'isTimeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !value) return false;
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'fuseau horaire IANA attendu (Europe/Paris)';
  }
}

/** The origins of CORS_ORIGINS, or the origin of PUBLIC_WEB_URL when it is blank. */
export function corsOriginsOf(config: Pick<AppConfig, 'CORS_ORIGINS' | 'PUBLIC_WEB_URL'>): string[] {
  if (!config.CORS_ORIGINS) return [new URL(config.PUBLIC_WEB_URL).origin];
  return config.CORS_ORIGINS.split(',').map((o) => new URL(o.trim()).origin);
}

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const v = String(value).toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : value;
};
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the service reads, validated once at start.
 * A missing or malformed one stops the process with a single line naming it.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'doit être une URI mongodb:// ou mongodb+srv://' })
  MONGODB_URI: string;

  /** Database name; when absent, the one in MONGODB_URI, else "prompt-challenge". */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/)
  MONGODB_DB?: string;

  /**
   * FerretDB on PostgreSQL only: the PostgreSQL database it stores in (set by `npm start` and
   * the tests). The app then creates the GIN indexes FerretDB's reads can use
   * (libs/database/engine-indexes.ts). Unset on real MongoDB.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'doit être une URL postgres:// ou postgresql://' })
  FERRETDB_POSTGRESQL_URL?: string;

  /**
   * How long a database operation waits for the engine to be reachable (the driver's server
   * selection) before the route answers `503 DATABASE_UNAVAILABLE` (libs/database/database.module.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(60000)
  MONGODB_SERVER_SELECTION_TIMEOUT_MS = 2000;

  /**
   * How long one database operation waits for the engine's answer on an open connection
   * before failing (`503 DATABASE_UNAVAILABLE`): what bounds an engine that stopped answering
   * without closing its sockets (the driver's `timeoutMS` has no effect in mongodb 6.x).
   * Default 10 s in an `api` process (no route waits that long on purpose), 45 s where jobs run
   * (exports and checks read large sets).
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(500)
  @Max(600000)
  MONGODB_SOCKET_TIMEOUT_MS?: number;

  /** FerretDB on SQLite only: the folder of its `<database>.sqlite` files (the app adds the `_id` index there). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  FERRETDB_SQLITE_DIR?: string;

  @IsString()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'doit être une URL redis:// ou rediss://' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Longest wait for one Redis command of the API's own connection: past it the command fails
   * and the route answers `503 REDIS_UNAVAILABLE` (libs/redis/redis.service.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  REDIS_COMMAND_TIMEOUT_MS = 2000;

  /** Prefix of every Redis key (queues, streams, caches, quota gate), so several deployments or test runs share one Redis. */
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  REDIS_PREFIX = 'pc';

  @IsString()
  @MinLength(1)
  JWT_SECRET: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'prompt-challenge';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'prompt-challenge-clients';

  /** Access token lifetime in seconds: short, clients renew it with their refresh token. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_EXPIRES_IN_S = 900;

  /** A refresh token works for this many days after it was issued (each refresh issues a new one). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** How long the link of an invitation mail (users created without a password) works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  INVITATION_TTL_HOURS = 168;

  /** Self-registration; schools usually create or import their users instead. */
  @Transform(toBool)
  @IsBoolean()
  REGISTRATION_ENABLED = false;

  /** The web client: links in mails point at its pages (/connexion, /invitation, /mot-de-passe). */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_WEB_URL = 'http://localhost:3000';

  /** Browser origins allowed to call the API (comma list); blank: the origin of PUBLIC_WEB_URL. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s/,]+\/?\s*(,\s*https?:\/\/[^\s/,]+\/?\s*)*$/, {
    message: 'liste d’origines séparées par des virgules attendue (https://ecole.example,http://localhost:5173)',
  })
  CORS_ORIGINS?: string;

  /** Time zone of the dates written in mails. */
  @Validate(IsTimeZone)
  APP_TIMEZONE = 'Europe/Paris';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'doit être une URL smtp:// ou smtps://' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Prompt Challenge <no-reply@prompt-challenge.local>';

  /** Without SMTP_URL, mails are written here as .eml files. */
  @IsString()
  MAIL_OUTBOX_DIR = '.data/outbox';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OPENAI_BASE_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  MISTRAL_API_KEY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  MISTRAL_SERVER_URL?: string;

  /** Models offered (config/ai-models.ts `parseAiModels`): blank = the seed's six; `*,openai:llama3` extends. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  AI_MODELS?: string;

  /** Set by the local runner when the fake LLM server answers instead of a real provider. */
  @Transform(toBool)
  @IsBoolean()
  AI_FAKE = false;

  /** Deadline of one provider call, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  AI_TIMEOUT_MS = 60000;

  /**
   * Deadline of a provider call's first word, in milliseconds: a provider that accepted the
   * call but streams nothing is given up sooner than AI_TIMEOUT_MS (and retried), so a
   * hanging provider keeps a student waiting seconds, not minutes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  AI_FIRST_TOKEN_TIMEOUT_MS = 20000;

  /**
   * How long an AI job keeps retrying a provider or database outage (5xx, timeouts, network),
   * in milliseconds from its queueing: attempts back off exponentially from JOB_BACKOFF_BASE_MS
   * until this window is spent (1 s base, 2 min: 8 attempts), then the answer fails and the
   * student gets the prompt and tokens back. Sized for a provider's or the engine's restart.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  AI_RETRY_WINDOW_MS = 120000;

  /**
   * AI jobs one worker process runs at once. A job is almost all waiting on the provider's
   * stream (seconds of I/O for milliseconds of CPU), so the limit is sized for a class, not for
   * the CPU: 1000 lets 600 students' answers stream at once, where 50 made a class of 300 queue
   * ~10 s for its first word. Lower it only to spare a provider's rate limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  AI_WORKER_CONCURRENCY = 1000;

  /**
   * AI calls of the automatic checks of final versions one process makes at once, whatever the
   * number of submissions: a class submitting at the end of the hour would otherwise replay
   * thousands of runs at once and take the CPU from the students' own prompts. 64 runs of ~3.5 s
   * use about half a core here; 300 submissions × 15 runs then take ~4 minutes instead of ~2.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  VERIFICATION_RUNS_AT_ONCE = 64;

  /**
   * AI calls of the teachers' tries of checks one process makes at once, apart from
   * VERIFICATION_RUNS_AT_ONCE: a teacher trying a prompt while a class's submissions are
   * replayed would otherwise wait minutes behind them. Small: a try runs each case once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  VERIFICATION_TRIES_AT_ONCE = 8;

  /**
   * Most prompt tokens one AI call sends: a long conversation's oldest messages leave the
   * model's view (they stay in the conversation), so its cost stops growing with history.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(100000)
  AI_CONTEXT_MAX_TOKENS = 8000;

  /**
   * How often the sweeper looks for turns left open with no live answer job (a job lost with
   * Redis, a process killed between storing a prompt and queueing it): SweepTurnsUseCase.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  TURN_SWEEP_EVERY_MS = 30000;

  /**
   * How often a worker checks that Redis still holds its schedules and the admin queue's
   * concurrency, and registers them again after a flush or a restart (libs/queue/standing-schedules.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  SCHEDULES_CHECK_EVERY_MS = 60000;

  /** A turn open with nothing written for this long is checked by the sweeper (its job may be alive). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  TURN_SWEEP_AFTER_MS = 30000;

  /** First retry delay of a failed job (exponential after); tests shorten it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600000)
  JOB_BACKOFF_BASE_MS = 1000;

  /** BullMQ job lock: a worker that dies mid-job has its job retried after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600000)
  WORKER_LOCK_MS = 30000;

  /** How long a worker waits for active jobs at shutdown before handing them back. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Database commands slower than this are logged (docs/data-model.md §13.2). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SLOW_QUERY_MS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  ACTIVE_HACKATHONS_CACHE_TTL_S = 30;

  /** Sign-in attempts per minute for one IP + email. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 5;

  /** Magic-link requests per 15 minutes for one email (and for one IP + email). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAGIC_LINK_RATE_LIMIT_PER_EMAIL = 3;

  /** Magic-link requests per 15 minutes from one IP: a class shares one IP, so at least 300. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  MAGIC_LINK_RATE_LIMIT_PER_IP = 1000;

  /** Password-reset requests per 15 minutes for one email (and for one IP + email). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_FORGOT_RATE_LIMIT_PER_EMAIL = 3;

  /** Password-reset requests per 15 minutes from one IP: at least 300, as for magic links. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  PASSWORD_FORGOT_RATE_LIMIT_PER_IP = 1000;

  /** Express "trust proxy": set it behind a reverse proxy so client IPs come from X-Forwarded-For. */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** bcrypt cost factor. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_ROUNDS = 10;

  /** Requests per minute to one route allowed to one signed-in user. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Requests per minute to one route from one IP before sign-in (sign-in, session refresh,
   * invitation pages). A school's class shares one address: 1200 lets two classes of 600 sign in
   * within the same minute. Guessing one account's password stays at LOGIN_RATE_LIMIT_PER_MINUTE.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ANONYMOUS_RATE_LIMIT_PER_MINUTE = 1200;
}

export class EnvValidationError extends Error {}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  const shown = error.value === undefined ? 'absente' : 'invalide';
  return `variable d'environnement ${error.property} ${shown} (${reasons})`;
}

/** Validates process.env; throws EnvValidationError with a one-line message naming the variable. */
export function validateEnv(raw: Record<string, unknown>): AppConfig {
  const env = plainToInstance(AppConfig, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new EnvValidationError(errors.map(describe).join(' | '));
  }
  if (env.NODE_ENV !== 'test' && env.JWT_SECRET.length < 32) {
    throw new EnvValidationError(
      `variable d'environnement JWT_SECRET invalide (au moins 32 caractères hors tests, ${env.JWT_SECRET.length} reçus)`,
    );
  }
  return env;
}
