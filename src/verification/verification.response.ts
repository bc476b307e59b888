import { ApiProperty } from '@nestjs/swagger';
import type { VerificationReasonCode, VerificationStatut } from './verification-summary';

// The shapes of `versionFinale.verification` and of a try (`essai`) in the OpenAPI document.

export class VerificationExecution {
  reussi: boolean;
  /** The model's answer on this run. */
  reponse: string;
  /** Why the run failed, one sentence a rule (empty when it passed). */
  raisons: string[];
}

export class VerificationCaseResult {
  /** Students see public cases only: a hidden case never appears in their views. */
  public: boolean;
  /** Every repetition of the case ran and passed. */
  reussi: boolean;
  executions: VerificationExecution[];
}

export class VerificationReason {
  @ApiProperty({ enum: ['PROMPT_TOO_LONG', 'PROMPT_PLACEHOLDERS', 'BUDGET_EPUISE', 'ECHEC_IA'] })
  code: VerificationReasonCode;
  message: string;
}

/**
 * `versionFinale.verification`: examiners and admins get every case; the student gets the public
 * cases only, and `score`, `reussis`, `total` stay null until the results are published.
 */
export class VerificationView {
  @ApiProperty({ enum: ['en_attente', 'terminee', 'budget_epuise', 'echec'] })
  statut: VerificationStatut;
  /** Passed runs / runs (0–1), once `terminee`. */
  score: number | null;
  /** The final prompt's own tokens (ties of the ranking go to fewer). */
  tokensPrompt: number;
  reussis: number | null;
  total: number | null;
  cas: VerificationCaseResult[];
  raison: VerificationReason | null;
}

/** `event: verification` on the conversation's stream: the checks of its final version ended. */
export class VerificationEvent {
  conversationId: string;
  verification: VerificationView;
}
