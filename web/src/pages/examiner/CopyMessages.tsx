import type { Schema } from '@prompt-challenge/api-client';
import { formatDate } from '../../ui/components';
import { Markdown } from '../../ui/Markdown';

const WHO: Record<Schema<'SubmissionMessage'>['role'], string> = {
  student: 'Candidat',
  assistant: 'IA',
  system: 'Plateforme',
};

/** The whole conversation of a copy, prompts as typed, the IA's answers as Markdown. */
export function CopyMessages({ s }: { s: Schema<'Submission'> }) {
  return (
    <section className="card" aria-labelledby="echanges">
      <h2 id="echanges">Conversation ({s.messageCount} messages)</h2>
      <ol className="messages" aria-label="Messages de la conversation">
        {s.messages.map((m) => (
          <li key={m.id} className={`message ${m.role === 'student' ? 'message-user' : 'message-assistant'}`}>
            {m.role === 'assistant' ? (
              <div className="message-content">
                <Markdown text={m.content} />
              </div>
            ) : (
              <p className="message-content">{m.content}</p>
            )}
            <p className="message-meta">
              {WHO[m.role]} · {formatDate(m.createdAt)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
