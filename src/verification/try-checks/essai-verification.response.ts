import { ApiProperty } from '@nestjs/swagger';
import type { VerificationStatut } from '../verification-summary';
import { VerificationReason } from '../verification.response';

/** One case of a teacher's try: its definition (hidden cases too: admins only) and how the prompt did. */
export class EssaiVerificationCase {
  public: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  entrees: Record<string, string>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  attendu: unknown[];
  /** null while the case has not run (or did not: budget spent, provider refused). */
  reussi: boolean | null;
  reponse: string | null;
  /** Why it failed, one sentence a rule. */
  raisons: string[];
}

/** `GET /hackathons/:id/verifications/essais/:essaiId`: a teacher's try of a task's checks. */
export class EssaiVerificationView {
  id: string;
  hackathonId: string;
  /** The saved task tried; null for a definition not saved yet. */
  @ApiProperty({ type: 'string', nullable: true }) tacheId: string | null;
  prompt: string;
  modelName: string;
  @ApiProperty({ enum: ['en_attente', 'terminee', 'budget_epuise', 'echec'] })
  statut: VerificationStatut;
  /** Passed cases / cases (0–1), once `terminee`. */
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  /** The sample prompt's own tokens (placeholders unfilled). */
  tokensPrompt: number;
  reussis: number;
  total: number;
  cas: EssaiVerificationCase[];
  @ApiProperty({ type: VerificationReason, nullable: true }) raison: VerificationReason | null;
  /** What the try cost the hackathon's verification budget (its runs' tokens), once ended. */
  tokensFactures: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class EssaiVerificationResponse {
  essai: EssaiVerificationView;
}

export class EssaiVerificationAccepted {
  essaiId: string;
}
