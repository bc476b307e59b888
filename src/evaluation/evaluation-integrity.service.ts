import { Injectable } from '@nestjs/common';
import { EvaluationRepository } from './evaluation.repository';

export interface EvaluationLink {
  id: string;
  conversationId: string;
  studentId: string;
}

/** The evaluation context's face for integrity checks: which conversation and student each evaluation points at. */
@Injectable()
export class EvaluationIntegrity {
  constructor(private readonly evaluations: EvaluationRepository) {}

  /** The collection is created with its indexes at start, so it always exists. */
  async exists(): Promise<boolean> {
    return true;
  }

  page(afterId: string | null, limit: number): Promise<EvaluationLink[]> {
    return this.evaluations.linksPage(afterId, limit);
  }
}
