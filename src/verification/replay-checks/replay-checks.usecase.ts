import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { AppConfig } from '../../../config/env.schema';
import { createHash } from 'node:crypto';
import { Clock } from '../../../libs/clock';
import { AiMessage, AiProvider, AiProviderError, countPromptTokens, countTextTokens } from '../../../libs/ai-providers';
import type { TaskVerification } from '../../hackathon';
import { HackathonCatalog } from '../../hackathon';
import { BudgetRun, VerificationBudget } from '../budget/verification-budget';
import { fillPlaceholders, placeholderMismatch } from '../prompt-placeholders';
import { evaluateRules } from '../rules/rule-evaluation';
import { RunRecord, VerificationRunRepository } from '../verification-run.repository';
import { summarize, VerificationSummary } from '../verification-summary';

/** What is replayed: a final version, with what was frozen in it and the task's definition. */
export interface ReplayRequest {
  hackathonId: string;
  conversationId: string;
  promptFinal: string;
  /** The model, temperature and maxTokens frozen in the final version. */
  modelName: string;
  temperature: number;
  maxTokens: number;
  /** The task's system prompt, sent first in every run (none when null). */
  systeme: string | null;
  verification: TaskVerification;
  /** Aborting stops the replay where it is, as a crash would (nothing given back): a later call resumes. */
  signal?: AbortSignal;
  /** Whose calls at once it waits for (default `submissions`): a try never queues behind a class's replays. */
  lane?: ReplayLane;
}

/** The final versions' replays (VERIFICATION_RUNS_AT_ONCE) or the teachers' tries (VERIFICATION_TRIES_AT_ONCE). */
export type ReplayLane = 'submissions' | 'tries';

/**
 * Some runs failed in a way another attempt may fix (provider 429/5xx/timeout): their
 * reservations were given back and the finished runs are kept. A job handler lets it
 * propagate so the queue retries; the retry resumes where this call stopped.
 */
export class ReplayRetryLater extends Error {
  override name = 'ReplayRetryLater';
  constructor(readonly failures: number) {
    super(`${failures} exécution(s) de vérification à reprendre (fournisseur d’IA indisponible)`);
  }
}

/** How many runs of one submission call the AI at once. */
export const REPLAY_PARALLELISM = 4;

interface PendingRun {
  cas: number;
  repetition: number;
  essai: number;
}

/** The fingerprint of what a replay checks: the same inputs find the same runs again, changed ones start anew. */
export function fingerprintOf(request: ReplayRequest, temperature: number): string {
  const { promptFinal, modelName, maxTokens, systeme, verification } = request;
  return createHash('sha256')
    .update(JSON.stringify({ promptFinal, modelName, temperature, maxTokens, systeme, verification }))
    .digest('hex')
    .slice(0, 32);
}

/**
 * docs/api.md 1.2: replays a final prompt alone on every case × repetition of its task's checks
 * (the task's `systeme`, then the prompt with the case's inputs in its placeholders; no history),
 * with the model, `maxTokens` and temperature of the final version (`verification.temperature`
 * wins when set), at most REPLAY_PARALLELISM calls at once. Each run attempt is charged to the
 * hackathon's verification budget (never to a student) and its result kept in verification_runs.
 *
 * Idempotent and resumable: a run already recorded is neither run nor charged again; a run a
 * crash interrupted (reserved, not recorded) is run again under the same reservation, so it is
 * charged once. Returns the summary of what is recorded once it stops: `terminee` when every run
 * is there, `budget_epuise` when the budget could not hold the next one (raise it and call again:
 * the replay goes on), `echec` when the provider refused a run for good.
 */
@Injectable()
export class ReplayChecksUseCase {
  private readonly logger = new Logger('ReplayChecks');

  constructor(
    private readonly ai: AiProvider,
    private readonly budget: VerificationBudget,
    private readonly runs: VerificationRunRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.slots = {
      submissions: pLimit(config.VERIFICATION_RUNS_AT_ONCE),
      tries: pLimit(config.VERIFICATION_TRIES_AT_ONCE),
    };
  }

  /** The process's AI calls of checks at once, per lane: all submissions together, all tries together. */
  private readonly slots: Record<ReplayLane, pLimit.Limit>;

  /**
   * The summary of what is recorded for `request`, without running anything: for a job that
   * gave up (`stop` says why), so the runs that finished still show.
   */
  async recorded(
    request: ReplayRequest,
    stop: { statut: 'echec' | 'budget_epuise'; raison: VerificationSummary['raison'] },
  ): Promise<VerificationSummary> {
    const temperature = request.verification.temperature ?? request.temperature;
    return summarize(
      request.verification,
      countTextTokens(request.promptFinal),
      await this.runs.finishedRuns(request.conversationId, fingerprintOf(request, temperature)),
      stop,
    );
  }

  /** What the runs of `request` hold of the hackathon's verification budget (what they cost, once settled). */
  charged(request: ReplayRequest): Promise<number> {
    const temperature = request.verification.temperature ?? request.temperature;
    return this.budget.heldFor(`${request.conversationId}:${fingerprintOf(request, temperature)}`);
  }

  async execute(request: ReplayRequest): Promise<VerificationSummary> {
    const { verification } = request;
    const tokensPrompt = countTextTokens(request.promptFinal);
    if (verification.maxTokensPrompt !== null && tokensPrompt > verification.maxTokensPrompt)
      return summarize(verification, tokensPrompt, [], null, {
        code: 'PROMPT_TOO_LONG',
        message: `Le prompt compte ${tokensPrompt} tokens, ${verification.maxTokensPrompt} au plus : score 0`,
      });
    // The checks changed since the submission (a re-run): a prompt that no longer fits scores 0.
    const { missing, unused } = placeholderMismatch(request.promptFinal, verification);
    if (missing.length || unused.length)
      return summarize(verification, tokensPrompt, [], null, {
        code: 'PROMPT_PLACEHOLDERS',
        message: `Les emplacements du prompt ne correspondent plus aux entrées des cas (${[...missing, ...unused].map((n) => `{{${n}}}`).join(', ')}) : score 0`,
      });

    const temperature = verification.temperature ?? request.temperature;
    const empreinte = fingerprintOf(request, temperature);
    const subject = `${request.conversationId}:${empreinte}`;
    const runKey = (r: PendingRun) => `${subject}:${r.cas}:${r.repetition}:${r.essai}`;
    const budgetRun = (r: PendingRun): BudgetRun => ({ hackathonId: request.hackathonId, subject, runKey: runKey(r) });

    const [finished, attempts, limit] = await Promise.all([
      this.runs.finishedRuns(request.conversationId, empreinte),
      this.budget.failedAttempts(subject),
      this.hackathons.verificationBudgetOf(request.hackathonId),
    ]);
    // A run recorded by a process that died before settling it is settled now (once: settle is idempotent).
    for (const r of finished) await this.budget.settle(budgetRun(r), r.promptTokens + r.completionTokens);

    const done = new Set(finished.map((r) => `${r.cas}:${r.repetition}`));
    const pending: PendingRun[] = [];
    verification.cas.forEach((_c, cas) => {
      for (let repetition = 0; repetition < verification.repetitions; repetition++)
        if (!done.has(`${cas}:${repetition}`))
          pending.push({ cas, repetition, essai: attempts.get(`${cas}:${repetition}`) ?? 0 });
    });

    const slots = this.slots[request.lane ?? 'submissions'];
    let stop: Parameters<typeof summarize>[3] = null;
    let retryLater = 0;
    const runOne = async (r: PendingRun): Promise<void> => {
      const c = verification.cas[r.cas];
      const messages: AiMessage[] = [
        ...(request.systeme ? [{ role: 'system' as const, content: request.systeme }] : []),
        { role: 'user', content: fillPlaceholders(request.promptFinal, c.entrees) },
      ];
      const reservation = await this.budget.reserve(
        budgetRun(r),
        countPromptTokens(messages) + request.maxTokens,
        limit,
      );
      if (reservation.verdict === 'spent') {
        stop ??= {
          statut: 'budget_epuise',
          raison: {
            code: 'BUDGET_EPUISE',
            message: 'Le budget de vérification du hackathon est épuisé : vérification suspendue',
          },
        };
        return;
      }
      if (reservation.verdict === 'finished') {
        // That attempt was given back by a process that died before its ledger row: the next call counts it.
        retryLater++;
        return;
      }
      let completion;
      try {
        completion = await slots(() =>
          this.ai.complete(
            { model: request.modelName, messages, temperature, maxTokens: request.maxTokens, signal: request.signal },
            () => undefined,
          ),
        );
      } catch (err) {
        // Aborted (shutdown, or a test's crash): stop as a crash would, the reservation kept for the resume.
        if (request.signal?.aborted) throw err;
        if (!(err instanceof AiProviderError)) throw err;
        this.logger.warn(
          `vérification de ${request.conversationId}, cas ${r.cas} répétition ${r.repetition} : ${err.kind} (${err.message})`,
        );
        await this.budget.release(budgetRun(r));
        if (err.retryable) retryLater++;
        else stop = { statut: 'echec', raison: { code: 'ECHEC_IA', message: err.message } };
        return;
      }
      const outcome = evaluateRules(completion.text, [...c.attendu, ...verification.regles]);
      const record: RunRecord = {
        hackathonId: request.hackathonId,
        conversationId: request.conversationId,
        empreinte,
        cas: r.cas,
        repetition: r.repetition,
        essai: r.essai,
        reponse: completion.text,
        reussi: outcome.reussi,
        raisons: outcome.raisons,
        promptTokens: completion.usage.promptTokens,
        completionTokens: completion.usage.completionTokens,
        at: this.clock.now(),
      };
      if (await this.runs.record(record)) {
        await this.budget.settle(budgetRun(r), completion.usage.totalTokens);
        return;
      }
      // Another runner recorded this run first. Same attempt: one reservation, settled once by
      // whoever comes first. An earlier attempt: that one holds the charge, ours goes back.
      const winner = (await this.runs.finishedRuns(request.conversationId, empreinte)).find(
        (w) => w.cas === r.cas && w.repetition === r.repetition,
      );
      if (winner?.essai === r.essai) await this.budget.settle(budgetRun(r), completion.usage.totalTokens);
      else await this.budget.release(budgetRun(r));
    };

    let next = 0;
    const lane = async () => {
      while (next < pending.length && !stop && !request.signal?.aborted) await runOne(pending[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(REPLAY_PARALLELISM, pending.length) }, lane));

    const summary = summarize(
      verification,
      tokensPrompt,
      await this.runs.finishedRuns(request.conversationId, empreinte),
      stop,
    );
    if (retryLater && summary.statut !== 'terminee' && !stop) throw new ReplayRetryLater(retryLater);
    if (summary.statut !== 'terminee')
      this.logger.log(`vérification de ${request.conversationId} arrêtée : ${summary.statut}`);
    return summary;
  }
}
