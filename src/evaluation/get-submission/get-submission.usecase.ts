import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { SubmissionCatalog } from '../../conversation';
import { maskStrings, UserDirectory } from '../../identity';
import { AssignmentRepository } from '../assignment.repository';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationErrors } from '../evaluation.errors';

// What a final version holds that no student wrote: never masked.
const FINAL_VERSION_KEPT = new Set(['messageId', 'soumisLe', 'modelName']);

/**
 * A submission to grade: the final version and the messages. An examiner reads only what is
 * assigned to them (403 NOT_ASSIGNED otherwise, before anything about the conversation is
 * said); an admin reads any. Identity as CandidateIdentity allows (invariant 5); in an
 * anonymous copy the student's names and email are masked in the prompts, the answers and the
 * final version too (identity's identity-mask.ts).
 */
@Injectable()
export class GetSubmissionUseCase {
  constructor(
    private readonly submissions: SubmissionCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly candidates: CandidateIdentity,
    private readonly users: UserDirectory,
  ) {}

  async execute(conversationId: string, caller: AuthUser) {
    const assignment = caller.role === 'examiner' ? await this.assignments.find(caller.id, conversationId) : null;
    if (caller.role === 'examiner' && !assignment) throw EvaluationErrors.notAssigned();
    const c = await this.submissions.getSubmission(conversationId);
    if (!c) throw EvaluationErrors.conversationNotFound();
    if (!c.versionFinale) throw EvaluationErrors.submissionNotFound();
    const hackathons = await this.candidates.hackathonsById([c.hackathonId]);
    const h = hackathons.get(c.hackathonId);
    const [who] = await this.candidates.viewsOf(
      [{ hackathonId: c.hackathonId, studentId: c.studentId, groupId: c.groupId }],
      caller,
      hackathons,
    );
    // An anonymous copy also hides the student where they wrote themselves in (a signature).
    const mask = who.anonymous ? await this.users.identityMaskOf(c.studentId) : (text: string) => text;
    return {
      conversationId: c.id,
      hackathon: { id: c.hackathonId, nom: h?.nom ?? null, anonymatActif: h?.anonymatActif ?? true },
      tache: { id: c.tacheId, titre: h?.taches.find((t) => t.id === c.tacheId)?.titre ?? null },
      ...who,
      modelName: c.modelName,
      versionFinale: c.versionFinale && maskStrings(c.versionFinale, mask, FINAL_VERSION_KEPT),
      messages: c.messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: mask(m.content),
        createdAt: m.createdAt,
        modelUsed: m.modelUsed,
        tokenCount: m.tokenCount,
      })),
      messageCount: c.messages.length,
      assignment: assignment
        ? {
            id: assignment.id,
            status: assignment.status,
            assignedAt: assignment.assignedAt,
            evaluationId: assignment.evaluationId,
          }
        : null,
    };
  }
}
