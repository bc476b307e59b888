import type { ConversationSummary, ConversationWithMessages, MessageView } from './conversation.repository';

/** A message as the API shows it: what it costs as history is the service's own bookkeeping. */
export function publicMessage({ contextTokens: _c, ...m }: MessageView) {
  return m;
}

/** A conversation as the API shows it: who may grade it stays inside the service. */
export function publicConversation<C extends ConversationSummary>(c: C) {
  const { assignedExaminerIds: _a, ...rest } = c;
  const messages = (c as Partial<ConversationWithMessages>).messages;
  return messages ? { ...rest, messages: messages.map(publicMessage) } : rest;
}
