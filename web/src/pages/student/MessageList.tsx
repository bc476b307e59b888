import { CopyButton } from '../../ui/CopyButton';
import { formatDate } from '../../ui/components';
import { Markdown } from '../../ui/Markdown';
import type { ChatState, Message } from './conversation-state';

const WHO: Record<Message['role'], string> = { student: 'Vous', assistant: 'IA', system: 'Plateforme' };

/** The id of a message's element: the announcer reads an answer's text from it. */
export const messageElementId = (id: string) => `message-${id}`;

/**
 * The conversation, a prompt before its answer: the student's prompts as typed (with « Reprendre
 * ce prompt »), answers as sanitized Markdown (with « Copier la réponse »), and while an answer
 * is awaited, a bubble that says so and grows as the answer streams; an answer the student
 * stopped says « (réponse interrompue) » under the part written. Nothing here is read aloud
 * as it changes: AnswerAnnouncer says the answer once, complete.
 */
export function MessageList({ chat, onReuse }: { chat: ChatState; onReuse?: (prompt: string) => void }) {
  if (chat.messages.length === 0 && !chat.pendingId)
    return <p className="hint">Écrivez votre premier prompt ci-dessous.</p>;
  let answerNumber = 0;
  return (
    <ol className="messages" aria-label="Messages de la conversation">
      {chat.messages.map((m) => {
        const n = m.role === 'assistant' ? ++answerNumber : 0;
        return (
          <li
            key={m.id}
            id={messageElementId(m.id)}
            className={`message ${m.role === 'student' ? 'message-user' : 'message-assistant'}`}
          >
            {m.role === 'assistant' ? (
              <>
                {m.content ? (
                  <div className="message-content">
                    <Markdown text={m.content} />
                  </div>
                ) : null}
                {m.interrompu ? <p className="message-interrupted">(réponse interrompue)</p> : null}
              </>
            ) : (
              <p className="message-content">{m.content}</p>
            )}
            <div className="message-meta">
              <span>
                {WHO[m.role]}
                {n ? ` · réponse ${n}` : ''} · {formatDate(m.createdAt)}
                {m.role === 'assistant' && m.tokenCount !== null ? ` · ${m.tokenCount} tokens décomptés` : ''}
              </span>
              {m.role === 'assistant' ? <CopyButton label={`Copier la réponse ${n}`} text={() => m.content} /> : null}
              {m.role === 'student' && onReuse ? (
                <button
                  type="button"
                  className="link small"
                  onClick={() => onReuse(m.content)}
                  aria-label={`Reprendre ce prompt : ${m.content.length > 60 ? `${m.content.slice(0, 57)}…` : m.content}`}
                >
                  Reprendre ce prompt
                </button>
              ) : null}
            </div>
          </li>
        );
      })}
      {chat.pendingId ? (
        <li className={`message message-pending${chat.streaming ? ' streaming' : ''}`} aria-busy="true">
          <p className="message-status">
            <span className="dots" aria-hidden="true" /> L’IA rédige sa réponse…
          </p>
          {chat.streaming ? (
            <div className="message-content">
              <Markdown text={chat.streaming.text} />
            </div>
          ) : null}
        </li>
      ) : null}
    </ol>
  );
}
