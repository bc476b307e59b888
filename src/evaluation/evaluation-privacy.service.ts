import { Injectable } from '@nestjs/common';
import { EvaluationRecord, EvaluationRepository } from './evaluation.repository';

/** The evaluation context's face for the RGPD export: a user's evaluations, received and given. */
@Injectable()
export class EvaluationPrivacy {
  constructor(private readonly evaluations: EvaluationRepository) {}

  async of(userId: string): Promise<{ received: EvaluationRecord[]; given: EvaluationRecord[] }> {
    const [received, given] = await Promise.all([
      this.evaluations.allOf('studentId', userId),
      this.evaluations.allOf('examinerId', userId),
    ]);
    return { received, given };
  }
}
