import { Injectable } from '@nestjs/common';
import { CandidateIdentity } from './candidate-identity';
import { EvaluationRecord, EvaluationRepository } from './evaluation.repository';

/**
 * An evaluation the user gave, as its examiner may see it (invariant 5): in an anonymous
 * hackathon the pseudonym only, never the `studentId`; otherwise the pseudonym and the id.
 */
export type GivenEvaluation = Omit<EvaluationRecord, 'studentId'> &
  ({ candidat: string | null; anonymous: true } | { candidat: string; anonymous: false; studentId: string });

/** The evaluation context's face for the RGPD export: a user's evaluations, received and given. */
@Injectable()
export class EvaluationPrivacy {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
  ) {}

  async of(userId: string): Promise<{ received: EvaluationRecord[]; given: GivenEvaluation[] }> {
    const [received, given] = await Promise.all([
      this.evaluations.allOf('studentId', userId),
      this.evaluations.allOf('examinerId', userId),
    ]);
    return { received, given: await this.asGiven(given) };
  }

  /** The pseudonym ("Candidat N") of each student in a hackathon, handed out when missing (exports). */
  async pseudonymsOf(hackathonId: string, studentIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(studentIds)];
    const views = await this.candidates.viewsOf(
      unique.map((studentId) => ({ hackathonId, studentId })),
      { role: 'examiner' },
    );
    return new Map(unique.map((id, i) => [id, views[i].candidat]));
  }

  /** Seen as an examiner sees them, whatever the user's role is now: grading was done as one. */
  private async asGiven(records: EvaluationRecord[]): Promise<GivenEvaluation[]> {
    const known = records.filter((e) => e.hackathonId !== null);
    const who = await this.candidates.viewsOf(
      known.map((e) => ({ hackathonId: e.hackathonId ?? '', studentId: e.studentId })),
      { role: 'examiner' },
    );
    const views = new Map(known.map((e, i) => [e.id, who[i]]));
    return records.map(({ studentId, ...rest }) => {
      const w = views.get(rest.id);
      // No hackathon recorded (every evaluation written today has one): no pseudonym to give.
      if (!w) return { ...rest, candidat: null, anonymous: true };
      return w.anonymous
        ? { ...rest, candidat: w.candidat, anonymous: true }
        : { ...rest, candidat: w.candidat, anonymous: false, studentId };
    });
  }
}
