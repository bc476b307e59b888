import type { ConversationSummary, MessageView } from './conversation.repository';
import type { ConversationView, PublicMessage } from './conversation.response';

/** A message as the API shows it: what it costs as history is the service's own bookkeeping. */
export function publicMessage({ contextTokens: _c, ...m }: MessageView): PublicMessage {
  return m;
}

/** A conversation as the API shows it: who may grade it stays inside the service. */
export function publicConversation(c: ConversationSummary): ConversationView {
  const { assignedExaminerIds: _a, ...rest } = c;
  return rest;
}
