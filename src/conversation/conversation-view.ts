import { summaryForStudent } from '../verification';
import type { ConversationSummary, FinalVersionView, MessageView } from './conversation.repository';
import type { ConversationView, FinalVersion, PublicMessage } from './conversation.response';

/** A message as the API shows it: what it costs as history is the service's own bookkeeping. */
export function publicMessage({ contextTokens: _c, ...m }: MessageView): PublicMessage {
  return m;
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
    ...v,
    verification:
      v.verification && (reader.staff ? v.verification : summaryForStudent(v.verification, reader.resultatsPublies)),
  };
}

/** A conversation as the API shows it: who may grade it stays inside the service, hidden checks with staff. */
export function publicConversation(c: ConversationSummary, reader: ChecksReader = STUDENT_READER): ConversationView {
  const { assignedExaminerIds: _a, versionFinale, ...rest } = c;
  return { ...rest, versionFinale: versionFinale && publicFinalVersion(versionFinale, reader) };
}
