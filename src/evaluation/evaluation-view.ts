import type { CandidateView } from './candidate-identity';
import type { EvaluationRecord } from './evaluation.repository';
import { labelOf } from './note-scale';

/** An evaluation as it leaves the service: the scale's label with the note, and who wrote the
 * submission as the viewer may see it (never `studentId` for an anonymous hackathon's examiner). */
export function toEvaluationView(e: EvaluationRecord, candidate: CandidateView) {
  return {
    id: e.id,
    conversationId: e.conversationId,
    hackathonId: e.hackathonId,
    tacheId: e.tacheId,
    examinerId: e.examinerId,
    note: e.note,
    label: labelOf(e.note),
    comment: e.comment,
    gradedAt: e.gradedAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...candidate,
  };
}
