import type { TaskVerification } from '../hackathon';

/** docs/api.md 1.2's `versionFinale.verification.statut`. */
export type VerificationStatut = 'en_attente' | 'terminee' | 'budget_epuise' | 'echec';

/** Why checks ended without running every case, or why the score is 0 without runs. */
export type VerificationReasonCode = 'PROMPT_TOO_LONG' | 'PROMPT_PLACEHOLDERS' | 'BUDGET_EPUISE' | 'ECHEC_IA';

export interface ExecutionResult {
  reussi: boolean;
  reponse: string;
  raisons: string[];
}

export interface CaseResult {
  public: boolean;
  /** Every repetition of the case ran and passed. */
  reussi: boolean;
  /** One per repetition that ran, in repetition order. */
  executions: ExecutionResult[];
}

/** docs/api.md 1.2's `versionFinale.verification`. */
export interface VerificationSummary {
  statut: VerificationStatut;
  /** Passed runs / runs (0–1), once `terminee`; null before, or when the checks could not finish. */
  score: number | null;
  /** The final prompt's own tokens (placeholders unfilled), what ties are broken on. */
  tokensPrompt: number;
  /** Passed runs. */
  reussis: number;
  /** Runs the checks hold: cases × repetitions. */
  total: number;
  cas: CaseResult[];
  /** Set when the checks did not run every case, or scored 0 without running (`PROMPT_TOO_LONG`). */
  raison: { code: VerificationReasonCode; message: string } | null;
}

/** One finished run, as the verification_runs collection keeps it. */
export interface FinishedRun {
  cas: number;
  repetition: number;
  reussi: boolean;
  reponse: string;
  raisons: string[];
}

/**
 * The summary of a submission's checks from its finished runs. `statut` is `terminee` when
 * every case × repetition ran (or when nothing is to run: `raison` PROMPT_TOO_LONG), else what
 * stopped them (`budget_epuise`, `echec`) or `en_attente` while they go on.
 */
export function summarize(
  verification: TaskVerification,
  tokensPrompt: number,
  runs: readonly FinishedRun[],
  stop: { statut: Exclude<VerificationStatut, 'terminee'>; raison: VerificationSummary['raison'] } | null = null,
  scoredZero: VerificationSummary['raison'] = null,
): VerificationSummary {
  const total = verification.cas.length * verification.repetitions;
  const cas = verification.cas.map((c, i) => {
    const executions = runs
      .filter((r) => r.cas === i)
      .sort((a, b) => a.repetition - b.repetition)
      .map(({ reussi, reponse, raisons }) => ({ reussi, reponse, raisons }));
    return {
      public: c.public,
      reussi: executions.length === verification.repetitions && executions.every((e) => e.reussi),
      executions,
    };
  });
  const reussis = runs.filter((r) => r.reussi).length;
  if (scoredZero) return { statut: 'terminee', score: 0, tokensPrompt, reussis: 0, total, cas, raison: scoredZero };
  const complete = runs.length >= total;
  const statut: VerificationStatut = complete ? 'terminee' : (stop?.statut ?? 'en_attente');
  return {
    statut,
    score: complete ? reussis / total : null,
    tokensPrompt,
    reussis,
    total,
    cas,
    raison: complete ? null : (stop?.raison ?? null),
  };
}

/** The summary before any run: what a submission records at once. */
export function pendingSummary(verification: TaskVerification, tokensPrompt: number): VerificationSummary {
  return summarize(verification, tokensPrompt, []);
}

/** A student's view: `score`, `reussis` and `total` are null until the results are published. */
export type StudentVerificationSummary = Omit<VerificationSummary, 'reussis' | 'total'> & {
  reussis: number | null;
  total: number | null;
};

/**
 * What a student may see of their own checks (docs/contexts/verification.md): the public cases
 * only, in the order of the task's `casPublics`, with their answers and reasons; nothing of a
 * hidden case (no entry at all, so not even how many there are). The score and the pass counts,
 * which hidden cases feed, only once the hackathon's results are published.
 */
export function summaryForStudent(summary: VerificationSummary, resultatsPublies: boolean): StudentVerificationSummary {
  return {
    statut: summary.statut,
    score: resultatsPublies ? summary.score : null,
    tokensPrompt: summary.tokensPrompt,
    reussis: resultatsPublies ? summary.reussis : null,
    total: resultatsPublies ? summary.total : null,
    cas: summary.cas
      .filter((c) => c.public)
      .map((c) => ({
        public: true,
        reussi: c.reussi,
        executions: c.executions.map((e) => ({ reussi: e.reussi, reponse: e.reponse, raisons: [...e.raisons] })),
      })),
    // A provider's own error text may quote the request it refused (a hidden case's input): not for students.
    raison:
      summary.raison &&
      (summary.raison.code === 'ECHEC_IA' ? { code: 'ECHEC_IA', message: STUDENT_ECHEC_IA } : { ...summary.raison }),
  };
}

/** What a student reads when the provider stopped the checks. */
export const STUDENT_ECHEC_IA = 'Le fournisseur d’IA n’a pas pu exécuter la vérification : elle est arrêtée';
