import { useEffect, useRef, useState } from 'react';
import { announceText } from './announce-text';
import type { ChatState } from './conversation-state';
import { messageElementId } from './MessageList';

/**
 * What a screen reader hears of an answer: « L’IA rédige sa réponse… » once when the turn
 * starts, then the whole answer once it is complete, or what was written of it when the student
 * stopped it — never each streamed word (the growing
 * bubble is outside any live region). The answer's text is read from its rendered Markdown.
 */
export function AnswerAnnouncer({ chat }: { chat: ChatState }) {
  const [said, setSaid] = useState('');
  const awaited = useRef<string | null>(null);
  useEffect(() => {
    if (chat.pendingId && awaited.current !== chat.pendingId) {
      awaited.current = chat.pendingId;
      setSaid('L’IA rédige sa réponse…');
      return;
    }
    const waitedFor = awaited.current;
    if (!waitedFor || chat.pendingId === waitedFor) return;
    awaited.current = null;
    const answer = chat.messages.find((m) => m.replyTo === waitedFor && m.role === 'assistant');
    if (!answer) return setSaid(''); // failed: the error is said by its alert
    const element = document.getElementById(messageElementId(answer.id))?.querySelector('.message-content');
    const text = element ? announceText(element) : answer.content;
    if (answer.interrompu) setSaid(text ? `Réponse interrompue. Ce qui était écrit : ${text}` : 'Réponse interrompue.');
    else setSaid(`Réponse de l’IA : ${text}`);
  }, [chat.pendingId, chat.messages]);
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="annonce-reponse">
      {said}
    </div>
  );
}
