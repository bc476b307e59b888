/**
 * The typed job catalogue: every queue, every job name and its payload. Code enqueues only
 * through `JobQueue.enqueue`, which takes names from here; the worker refuses to start when
 * a name here has no handler.
 *
 * Payloads are plain JSON (ids as strings) so they survive Redis.
 */
/**
 * "Send user X a sign-in link / an invitation / a password-reset link" (identity context). Ids
 * only: the worker creates the token itself (storing only its hash), reads the user, writes
 * the mail and sends it. A retry makes a new link (the undelivered one dies with it).
 */
export interface UserMailJob {
  userId: string;
}

/**
 * "Tell examiner X what assignments run R gave them in hackathon H" (evaluation context). Ids
 * only: the worker reads the examiner and the assignments, writes the mail and sends it.
 */
export interface GradingAssignmentsMailJob {
  examinerId: string;
  hackathonId: string;
  /** The assignments job run (its id) whose new assignments the mail lists. */
  runId: string;
}

/** Answer one student message (job id `reply-<messageId>`: one job per message). */
export interface GenerateReplyJob {
  conversationId: string;
  messageId: string;
  hackathonId: string;
  studentId: string;
  /** False when nothing was reserved (an admin trying a Test hackathon). */
  countsUsage: boolean;
  /** Prompt tokens the send reserved: the history the call sends is trimmed to them. */
  promptTokens: number;
  /** The answer's length the send reserved (absent in jobs queued before it was kept: the conversation's). */
  maxTokens?: number;
}

/** Find the turns left open with no live answer job and settle each (conversation context; scheduled). */
export type SweepTurnsJob = Record<string, never>;

/**
 * Replay the automatic checks of one final version (conversation context; job id
 * `verify-<conversationId>-<run>`): the runs already recorded are neither run nor charged again,
 * so a job run twice, or resumed after a crash, ends with the same result.
 */
export interface VerifySubmissionJob {
  conversationId: string;
  hackathonId: string;
}

/** Run a student's try of a prompt on the task's public cases (job id `essai-<essaiId>`). */
export interface RunEssaiJob {
  essaiId: string;
  conversationId: string;
  hackathonId: string;
  studentId: string;
}

/**
 * Run a teacher's try of a task's checks on a sample prompt (verification context; job id
 * `verif-essai-<essaiId>`): every case once, charged to the hackathon's verification budget.
 */
export interface TryChecksJob {
  essaiId: string;
  hackathonId: string;
}

/** Re-run every submission's checks of a hackathon (after a task's `verification` or the budget changed). */
export interface RerunVerificationsJob {
  hackathonId: string;
  requestedBy: string | null;
}

/** Spread a hackathon's submitted conversations over its attached examiners (evaluation context). */
export interface AssignExaminersJob {
  hackathonId: string;
  /** k: distinct examiners per submission. */
  examinersPerSubmission: number;
  /** The admin who asked. */
  requestedBy: string;
}

/** Admin jobs (admin context). `requestedBy` is the admin's id, null for a scheduled run. */
export interface CleanupMagicLinksJob {
  requestedBy: string | null;
}
export interface IntegrityCheckJob {
  requestedBy: string | null;
  /** Report only, repair nothing (absent in jobs queued before the option: they repair). */
  dryRun?: boolean;
}
export interface ArchiveConversationsJob {
  olderThanDays: number;
  /** ISO date fixed at request time, so every retry archives the same set. */
  before: string;
  requestedBy: string | null;
}
/** The CSV itself stays in MongoDB (admin context, `job_inputs`): the job names it by id. */
export interface ImportUsersJob {
  /** Imported students join this hackathon's roster. */
  hackathonId?: string;
  inputId: string;
  requestedBy: string | null;
}
/** One CSV of a hackathon's ranked submissions, stored in `exports`. */
export interface ExportResultsJob {
  hackathonId: string;
  /** Pseudonyms instead of names (the admin gets names by default). */
  pseudonymes?: boolean;
  requestedBy: string | null;
}

/** Every conversation of a hackathon with its messages, as JSON Lines or CSV, stored in `exports`. */
export interface ExportConversationsJob {
  hackathonId: string;
  pseudonymes?: boolean;
  /** `jsonl` (default): one conversation a line; `csv`: one message a row, for a spreadsheet. */
  format?: 'jsonl' | 'csv';
  requestedBy: string | null;
}

/** Deletes analytics events older than 30 days (docs/data-model.md §14.3; TTL where the engine has one). */
export interface PurgeAnalyticsJob {
  requestedBy: string | null;
}

export interface JobCatalogue {
  ai: {
    'generate-reply': GenerateReplyJob;
    'sweep-turns': SweepTurnsJob;
    'verify-submission': VerifySubmissionJob;
    'run-essai': RunEssaiJob;
    'try-checks': TryChecksJob;
  };
  mail: {
    'send-sign-in-link': UserMailJob;
    'send-invitation': UserMailJob;
    'send-password-reset': UserMailJob;
    'send-grading-assignments': GradingAssignmentsMailJob;
  };
  admin: {
    'assign-examiners': AssignExaminersJob;
    'cleanup-magic-links': CleanupMagicLinksJob;
    'integrity-check': IntegrityCheckJob;
    'archive-conversations': ArchiveConversationsJob;
    'import-users': ImportUsersJob;
    'export-results': ExportResultsJob;
    'export-conversations': ExportConversationsJob;
    'purge-analytics': PurgeAnalyticsJob;
    'rerun-verifications': RerunVerificationsJob;
  };
}

export type QueueName = keyof JobCatalogue;
export type JobName<Q extends QueueName> = Extract<keyof JobCatalogue[Q], string>;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobCatalogue[Q][N];

// Every job of the catalogue, at run time (types vanish): TypeScript refuses this object if a
// job is missing or extra, so the list the worker host checks handlers against is complete.
const CATALOGUE: { [Q in QueueName]: { [N in JobName<Q>]: true } } = {
  ai: { 'generate-reply': true, 'sweep-turns': true, 'verify-submission': true, 'run-essai': true, 'try-checks': true },
  mail: {
    'send-sign-in-link': true,
    'send-invitation': true,
    'send-password-reset': true,
    'send-grading-assignments': true,
  },
  admin: {
    'assign-examiners': true,
    'cleanup-magic-links': true,
    'integrity-check': true,
    'archive-conversations': true,
    'import-users': true,
    'export-results': true,
    'export-conversations': true,
    'purge-analytics': true,
    'rerun-verifications': true,
  },
};

/** Runtime list of the catalogue. */
export const JOB_NAMES = Object.fromEntries(Object.entries(CATALOGUE).map(([q, jobs]) => [q, Object.keys(jobs)])) as {
  [Q in QueueName]: JobName<Q>[];
};

/** Queues whose every job keeps a report in MongoDB (`GET /admin/jobs/:id`). */
export const REPORTED_QUEUES: readonly QueueName[] = ['admin'];

export const QUEUE_NAMES = Object.keys(JOB_NAMES) as QueueName[];

/** What every job carries besides its payload. */
export interface JobEnvelope {
  requestId?: string;
}
