import type { AppConfig } from '../../../config/env.schema';
import { AiCompletionRequest, AiProvider, AiProviderError } from '../../../libs/ai-providers';
import { FixedClock } from '../../../test/support/builders';
import type { HackathonCatalog, TaskVerification } from '../../hackathon';
import type { BudgetRun, VerificationBudget } from '../budget/verification-budget';
import type { RunRecord, VerificationRunRepository } from '../verification-run.repository';
import { ReplayChecksUseCase, ReplayRequest, ReplayRetryLater } from './replay-checks.usecase';

/** The budget's contract, in memory: one reservation per run key, refused past `limit`. */
class InMemoryBudget {
  spent = 0;
  states = new Map<string, { reserved: number; done?: 'settle' | 'release' }>();
  async reserve(run: BudgetRun, tokens: number, limit: number) {
    const known = this.states.get(run.runKey);
    if (known) return known.done ? { verdict: 'finished' } : { verdict: 'reserved', tokens: known.reserved };
    if (this.spent + tokens > limit) return { verdict: 'spent', spent: this.spent };
    this.spent += tokens;
    this.states.set(run.runKey, { reserved: tokens });
    return { verdict: 'reserved', tokens };
  }
  async settle(run: BudgetRun, used: number) {
    const s = this.states.get(run.runKey);
    if (!s || s.done) return;
    this.spent += Math.min(used, s.reserved) - s.reserved;
    s.done = 'settle';
  }
  async release(run: BudgetRun) {
    const s = this.states.get(run.runKey);
    if (!s || s.done) return;
    this.spent -= s.reserved;
    s.done = 'release';
  }
  async failedAttempts(subject: string) {
    const counts = new Map<string, number>();
    for (const [key, s] of this.states)
      if (key.startsWith(subject) && s.done === 'release') {
        const [cas, rep] = key.slice(subject.length + 1).split(':');
        counts.set(`${cas}:${rep}`, (counts.get(`${cas}:${rep}`) ?? 0) + 1);
      }
    return counts;
  }
}

class InMemoryRuns {
  rows: RunRecord[] = [];
  async record(run: RunRecord) {
    if (
      this.rows.some(
        (r) =>
          r.conversationId === run.conversationId &&
          r.empreinte === run.empreinte &&
          r.cas === run.cas &&
          r.repetition === run.repetition,
      )
    )
      return false;
    this.rows.push(run);
    return true;
  }
  async finishedRuns(conversationId: string, empreinte: string) {
    return this.rows.filter((r) => r.conversationId === conversationId && r.empreinte === empreinte);
  }
}

/** Answers `answer(request)`, or throws what `fail(request)` gives. */
class ScriptedAi extends AiProvider {
  calls: AiCompletionRequest[] = [];
  constructor(
    private readonly answer: (r: AiCompletionRequest) => string = (r) => `Écho : ${r.messages.at(-1)!.content}`,
    private readonly fail: (r: AiCompletionRequest) => Error | undefined = () => undefined,
  ) {
    super();
  }
  async complete(request: AiCompletionRequest) {
    this.calls.push(request);
    const error = this.fail(request);
    if (error) throw error;
    const text = this.answer(request);
    return {
      text,
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
      usageSource: 'provider' as const,
      model: request.model,
      provider: 'openai' as const,
      finishReason: 'stop',
    };
  }
}

const verification = (over: Partial<TaskVerification> = {}): TaskVerification => ({
  cas: [
    { entrees: { ville: 'Paris' }, attendu: [{ type: 'contient', valeur: 'Paris' }], public: true },
    { entrees: { ville: 'Lyon' }, attendu: [{ type: 'contient', valeur: 'Marseille' }], public: false },
  ],
  regles: [],
  maxTokensPrompt: null,
  repetitions: 2,
  temperature: null,
  ...over,
});

function setup<A extends ScriptedAi = ScriptedAi>(ai: A = new ScriptedAi() as A, limit = 100_000, runsAtOnce = 64) {
  const budget = new InMemoryBudget();
  const runs = new InMemoryRuns();
  const catalog = { limit, verificationBudgetOf: async () => catalog.limit };
  const useCase = new ReplayChecksUseCase(
    ai,
    budget as unknown as VerificationBudget,
    runs as unknown as VerificationRunRepository,
    catalog as unknown as HackathonCatalog,
    new FixedClock(new Date('2025-03-10T12:00:00Z')),
    { VERIFICATION_RUNS_AT_ONCE: runsAtOnce, VERIFICATION_TRIES_AT_ONCE: 8 } as AppConfig,
  );
  return { ai, budget, runs, catalog, useCase };
}

const request = (over: Partial<ReplayRequest> = {}): ReplayRequest => ({
  hackathonId: 'a'.repeat(24),
  conversationId: 'b'.repeat(24),
  promptFinal: 'Décris {{ville}} en une phrase',
  modelName: 'gpt-3.5-turbo',
  temperature: 0.7,
  maxTokens: 100,
  systeme: 'Tu es un guide.',
  verification: verification(),
  ...over,
});

describe('ReplayChecksUseCase', () => {
  it('sends systeme then the filled prompt, with the frozen model and maxTokens, and scores passed runs / runs', async () => {
    const { ai, budget, useCase } = setup();
    const summary = await useCase.execute(request());
    expect(summary).toMatchObject({ statut: 'terminee', score: 0.5, reussis: 2, total: 4, raison: null });
    expect(ai.calls).toHaveLength(4);
    expect(ai.calls[0]).toMatchObject({
      model: 'gpt-3.5-turbo',
      temperature: 0.7,
      maxTokens: 100,
      messages: [
        { role: 'system', content: 'Tu es un guide.' },
        { role: 'user', content: 'Décris Paris en une phrase' },
      ],
    });
    expect(budget.spent).toBe(4 * 15);
  });

  it('verification.temperature wins over the final version’s; no systeme, no system message', async () => {
    const { ai, useCase } = setup();
    await useCase.execute(request({ systeme: null, verification: verification({ temperature: 0.2 }) }));
    expect(ai.calls.every((c) => c.temperature === 0.2 && c.messages.length === 1)).toBe(true);
  });

  it('a prompt over maxTokensPrompt scores 0 (PROMPT_TOO_LONG) without a call', async () => {
    const { ai, useCase } = setup();
    const summary = await useCase.execute(request({ verification: verification({ maxTokensPrompt: 2 }) }));
    expect(summary).toMatchObject({ statut: 'terminee', score: 0, raison: { code: 'PROMPT_TOO_LONG' } });
    expect(ai.calls).toHaveLength(0);
  });

  it('a prompt whose placeholders no longer match the cases scores 0 (PROMPT_PLACEHOLDERS)', async () => {
    const { ai, useCase } = setup();
    const summary = await useCase.execute(request({ promptFinal: 'Décris {{pays}}' }));
    expect(summary).toMatchObject({ score: 0, raison: { code: 'PROMPT_PLACEHOLDERS' } });
    expect(summary.raison!.message).toContain('{{pays}}');
    expect(ai.calls).toHaveLength(0);
  });

  it('stops budget_epuise when the next run does not fit, and goes on when called again with more', async () => {
    const { ai, catalog, useCase } = setup(new ScriptedAi(), 1);
    await expect(useCase.execute(request())).resolves.toMatchObject({
      statut: 'budget_epuise',
      score: null,
      raison: { code: 'BUDGET_EPUISE' },
    });
    expect(ai.calls).toHaveLength(0);
    catalog.limit = 100_000;
    await expect(useCase.execute(request())).resolves.toMatchObject({ statut: 'terminee', total: 4 });
    expect(ai.calls).toHaveLength(4);
  });

  it('a final provider refusal ends the checks echec, its reservation given back', async () => {
    const refusal = AiProviderError.fromStatus(400, { provider: 'openai' });
    const { budget, useCase } = setup(
      new ScriptedAi(undefined, (r) => (r.messages.at(-1)!.content.includes('Lyon') ? refusal : undefined)),
    );
    const summary = await useCase.execute(request());
    expect(summary.statut).toBe('echec');
    expect(summary.raison).toEqual({ code: 'ECHEC_IA', message: refusal.message });
    expect([...budget.states.values()].filter((s) => s.done === 'release').length).toBeGreaterThan(0);
  });

  it('a retryable provider error finishes the other runs, then asks for a retry that resumes with a new attempt', async () => {
    let down = true;
    const ai = new ScriptedAi(undefined, (r) =>
      down && r.messages.at(-1)!.content.includes('Lyon')
        ? AiProviderError.fromStatus(503, { provider: 'openai' })
        : undefined,
    );
    const { runs, budget, useCase } = setup(ai);
    await expect(useCase.execute(request())).rejects.toBeInstanceOf(ReplayRetryLater);
    expect(runs.rows).toHaveLength(2);
    down = false;
    const summary = await useCase.execute(request());
    expect(summary).toMatchObject({ statut: 'terminee', total: 4 });
    // Paris twice, Lyon twice refused then twice answered: the finished runs were not called again.
    expect(ai.calls).toHaveLength(6);
    expect(budget.spent).toBe(4 * 15);
    expect(runs.rows.filter((r) => r.cas === 1).map((r) => r.essai)).toEqual([1, 1]);
  });
  it('keeps the process to VERIFICATION_RUNS_AT_ONCE calls at once, all submissions together, and still runs every case', async () => {
    let inFlight = 0;
    let most = 0;
    class SlowAi extends ScriptedAi {
      override async complete(r: AiCompletionRequest) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return super.complete(r);
      }
    }
    const { useCase } = setup(new SlowAi(), 100_000, 3);
    // Three submissions of 2 cases × 2 repetitions: 12 runs, 4 lanes each.
    const summaries = await Promise.all(
      ['c', 'd', 'e'].map((x) => useCase.execute(request({ conversationId: x.repeat(24) }))),
    );
    expect(most).toBe(3);
    expect(summaries.map((s) => [s.statut, s.total])).toEqual([
      ['terminee', 4],
      ['terminee', 4],
      ['terminee', 4],
    ]);
  });
  it('runs a teacher’s try in its own lane: it ends while the submissions hold every call of theirs', async () => {
    let free: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (free = resolve));
    class HeldAi extends ScriptedAi {
      override async complete(r: AiCompletionRequest) {
        if (r.messages.at(-1)?.content.startsWith('Décris')) await held;
        return super.complete(r);
      }
    }
    const { useCase } = setup(new HeldAi(), 100_000, 1);
    const submission = useCase.execute(request());
    const tryRun = await useCase.execute(
      request({ conversationId: 'f'.repeat(24), promptFinal: 'Présente {{ville}}', lane: 'tries' }),
    );
    expect([tryRun.statut, tryRun.total]).toEqual(['terminee', 4]);
    free();
    expect((await submission).statut).toBe('terminee');
  });
});
