import { useState, type FormEvent, type RefObject } from 'react';
import { sendMessage, stopAnswer } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { ActionKeys } from '../../api/idempotency';
import { ErrorMessage } from '../../ui/components';
import type { Message } from './conversation-state';

/**
 * The prompt box, kept at the bottom of the screen while the conversation scrolls (sticky).
 * « Envoyer » is off while an answer is awaited (one turn at a time) and says why; « Arrêter »
 * then stops the answer (the part written is kept). After a send or a stop the focus is in the
 * box, ready for the next prompt. « Envoyer » clicked again on the same prompt after a failure
 * sends the same Idempotency-Key: if the first send did reach the server, its answer comes back
 * instead of a second prompt.
 */
export function Composer({
  conversationId,
  draft,
  onDraft,
  box,
  ready,
  pending,
  onSent,
  onRefused,
  onStopped,
}: {
  conversationId: string;
  draft: string;
  onDraft: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
  ready: boolean;
  pending: boolean;
  onSent: (m: Message) => void;
  onRefused: (err: ApiError) => void;
  /** The answer as stored when stopped; null when it was finished before the stop reached it. */
  onStopped: (m: Message | null) => void;
}) {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [sending, setSending] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [keys] = useState(() => new ActionKeys());
  const stop = async () => {
    setError(null);
    setStopping(true);
    try {
      onStopped(await stopAnswer(conversationId));
    } catch (err) {
      const apiError = err as ApiError;
      // Finished meanwhile: the whole answer is there, nothing to say.
      if (apiError.code === 'NOTHING_PENDING') onStopped(null);
      else setError(apiError);
    } finally {
      setStopping(false);
      box.current?.focus();
    }
  };
  // "Wait for the answer" is said no more once the answer came; a prompt too long for the tokens
  // left is said by the way out the page offers (QuotaWayOut.tsx), not twice.
  const shown =
    error instanceof ApiError &&
    ((!pending && error.code === 'REPLY_PENDING') || error.code === 'QUOTA_TOKENS_EXCEEDED')
      ? null
      : error;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) {
      setError('Écrivez un prompt avant de l’envoyer.');
      box.current?.focus();
      return;
    }
    setError(null);
    setSending(true);
    try {
      const sent = await sendMessage(conversationId, draft, keys.keyFor(`${conversationId}\n${draft}`));
      keys.succeeded();
      onSent({
        id: sent.messageId,
        role: 'student',
        content: draft,
        createdAt: new Date().toISOString(),
        tokenCount: null,
        modelUsed: null,
        replyTo: null,
      });
      onDraft('');
    } catch (err) {
      const apiError = err as ApiError;
      setError(apiError);
      onRefused(apiError);
    } finally {
      setSending(false);
      box.current?.focus();
    }
  };
  const waitHint = !ready
    ? 'Connexion au fil des réponses…'
    : pending
      ? 'Attendez la réponse de l’IA avant d’envoyer le prompt suivant. « Arrêter » l’interrompt : ce qui est écrit est gardé.'
      : null;
  return (
    <form className="composer" onSubmit={(e) => void send(e)} aria-label="Envoyer un prompt">
      <label htmlFor="prompt" className="composer-label">
        Votre prompt
      </label>
      <div className="composer-row">
        <textarea
          id="prompt"
          ref={box}
          rows={3}
          maxLength={20000}
          value={draft}
          aria-describedby={waitHint ? 'prompt-attente' : undefined}
          onChange={(e) => onDraft(e.target.value)}
          onKeyDown={(e) => {
            // Ctrl+Entrée (⌘+Entrée) sends, as in most chat pages; Entrée alone makes a new line.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <div className="composer-actions">
          <button type="submit" disabled={sending || !ready || pending}>
            Envoyer
          </button>
          {pending ? (
            <button type="button" className="secondary" disabled={stopping} onClick={() => void stop()}>
              Arrêter
            </button>
          ) : null}
        </div>
      </div>
      {waitHint ? (
        <p className="hint" id="prompt-attente">
          {waitHint}
        </p>
      ) : null}
      <ErrorMessage error={shown} />
    </form>
  );
}
