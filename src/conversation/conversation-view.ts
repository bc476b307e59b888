import { summaryForStudent } from '../verification';
import type { ConversationSummary, FinalVersionView, MessageRecord } from './conversation.repository';
import type { ConversationView, FinalVersion, PublicMessage } from './conversation.response';

// The conversation's responses, built field by field: nothing the service keeps for itself
// (what a message costs as history, who may grade) reaches the API by accident.

/** A message as the API shows it: a REST answer or an SSE `message` event alike. */
export function publicMessage(m: MessageRecord): PublicMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    createdAt: m.createdAt,
    tokenCount: m.tokenCount,
    modelUsed: m.modelUsed,
    replyTo: m.replyTo,
    ...(m.interrompu ? { interrompu: true } : {}),
  };
}

/**
 * Who reads a final version's checks (invariant 10): examiners and admins see every case; a
 * student, the public cases only, and the score once the results are published.
 */
export type ChecksReader = { staff: true } | { staff: false; resultatsPublies: boolean };

/** The default is the most careful reader: a student before publication. */
export const STUDENT_READER: ChecksReader = { staff: false, resultatsPublies: false };

export function publicFinalVersion(v: FinalVersionView, reader: ChecksReader = STUDENT_READER): FinalVersion {
  return {
    promptFinal: v.promptFinal,
    reponseIAFinale: v.reponseIAFinale,
    soumisLe: v.soumisLe,
    messageId: v.messageId,
    modelName: v.modelName,
    temperature: v.temperature,
    maxTokens: v.maxTokens,
    verification:
      v.verification && (reader.staff ? v.verification : summaryForStudent(v.verification, reader.resultatsPublies)),
  };
}

/** A conversation without its messages, as the API shows it. */
export function publicConversation(c: ConversationSummary, reader: ChecksReader = STUDENT_READER): ConversationView {
  return {
    id: c.id,
    hackathonId: c.hackathonId,
    tacheId: c.tacheId,
    studentId: c.studentId,
    groupId: c.groupId,
    modelName: c.modelName,
    maxTokens: c.maxTokens,
    maxTokensUsed: c.maxTokensUsed,
    temperature: c.temperature,
    temperatureUsed: c.temperatureUsed,
    versionFinale: c.versionFinale && publicFinalVersion(c.versionFinale, reader),
    statistiquesIA: {
      modelUtilise: c.statistiquesIA.modelUtilise,
      tokensTotal: c.statistiquesIA.tokensTotal,
      coutEstime: c.statistiquesIA.coutEstime,
    },
    messageCount: c.messageCount,
    totalTokens: c.totalTokens,
    countsUsage: c.countsUsage,
    archived: c.archived,
    pendingMessageId: c.pendingMessageId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
