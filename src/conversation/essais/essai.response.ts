import { ApiProperty } from '@nestjs/swagger';
import type { EssaiStatut } from './essai.schema';

/** One public case of a try: its inputs and expected rules (public), and how the prompt did. */
export class EssaiCaseView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  entrees: Record<string, string>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  attendu: unknown[];
  /** null while the case has not run. */
  reussi: boolean | null;
  reponse: string | null;
  raisons: string[];
}

/** `GET /conversations/:id/essais/:essaiId` and `event: essai`: a try, on public cases only. */
export class EssaiView {
  id: string;
  conversationId: string;
  prompt: string;
  @ApiProperty({ enum: ['en_attente', 'terminee', 'echec'] })
  statut: EssaiStatut;
  /** Cases passed so far. */
  reussis: number;
  /** Public cases tried. */
  total: number;
  cas: EssaiCaseView[];
  /** Why it ended in `echec`. */
  erreur: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string | null;
}

export class EssaiResponse {
  essai: EssaiView;
}

export class EssaiAccepted {
  essaiId: string;
}

/** `event: essai` on the conversation's stream: a try ended. */
export class EssaiEvent {
  essai: EssaiView;
}
