import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { submitFinal } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { ActionKeys } from '../../api/idempotency';
import { ErrorMessage, Field } from '../../ui/components';
import { placeholder, placeholderProblem } from './checks';
import { answers, promptOf, type Message } from './conversation-state';
import { identityIn, type Person } from './identity-check';
import { TaskSubmittedElsewhere } from './TaskSubmittedElsewhere';

/**
 * The final version: an answer of the IA and the prompt kept. In an anonymous hackathon, a
 * prompt or an answer that holds the student's own name or e-mail asks for a confirmation
 * first (not a block: « Léa » may be the subject of the task). Submitting the same version again
 * after a failure sends the same Idempotency-Key (web/src/api/idempotency.ts).
 */
export function FinalForm({
  conversationId,
  task,
  messages,
  anonymous,
  person,
  entrees,
  proposal,
  onSubmitted,
}: {
  conversationId: string;
  /** Where the conversation belongs: to find the one that holds the task's final version on a 409. */
  task: { hackathonId: string; tacheId: string };
  /** The placeholders a checked task's final prompt must use (none: not checked). */
  entrees?: string[];
  /** A prompt the student chose elsewhere (a try's « Utiliser ce prompt »); `n` changes at each choice. */
  proposal?: { text: string; n: number } | null;
  messages: Message[];
  anonymous: boolean;
  person: Person | null;
  onSubmitted: (c: Schema<'ConversationView'>) => void;
}) {
  const options = answers(messages);
  const [chosen, setChosen] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [keys] = useState(() => new ActionKeys());
  const [error, setError] = useState<ApiError | string | null>(null);
  const [warning, setWarning] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const warningBox = useRef<HTMLDivElement>(null);
  const promptBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!proposal) return;
    setPrompt(proposal.text);
    setError(null);
    promptBox.current?.focus();
  }, [proposal]);
  if (options.length === 0) return null;
  const placeholders = placeholderProblem(error instanceof ApiError ? error : null);
  // The task's final version stands in another conversation: sending again cannot succeed.
  const elsewhere = error instanceof ApiError && error.code === 'TASK_ALREADY_SUBMITTED' ? error : null;
  const choose = (m: Message) => {
    setChosen(m.id);
    setWarning(null);
    if (!prompt.trim()) setPrompt(promptOf(messages, m));
  };
  const send = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const body = { promptFinal: prompt, messageId: chosen };
      const { conversation } = await submitFinal(
        conversationId,
        body,
        keys.keyFor(JSON.stringify([conversationId, prompt, chosen])),
      );
      keys.succeeded();
      onSubmitted(conversation);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
      setWarning(null);
      // Said next to the prompt (its description): the focus goes there, where it is fixed.
      if ((err as ApiError).code === 'PROMPT_PLACEHOLDERS') requestAnimationFrame(() => promptBox.current?.focus());
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return setError('Choisissez la réponse de l’IA que vous retenez.');
    if (!prompt.trim()) return setError('Écrivez votre prompt final.');
    setError(null);
    if (anonymous && person) {
      const answer = options.find((m) => m.id === chosen)?.content ?? '';
      const found = [
        ...identityIn(prompt, person).map((x) => `votre prompt final contient ${x}`),
        ...identityIn(answer, person).map((x) => `la réponse retenue contient ${x}`),
      ];
      if (found.length > 0) {
        setWarning(found);
        // The question comes before anything is sent: the focus goes to it.
        requestAnimationFrame(() => warningBox.current?.focus());
        return;
      }
    }
    await send();
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="finale-titre">
      <h2 id="finale-titre">Soumettre ma version finale</h2>
      <p>Une seule soumission est possible : elle sera corrigée par le jury.</p>
      <fieldset className="final-choice">
        <legend>Réponse retenue</legend>
        {options.map((m, i) => (
          <label key={m.id}>
            <input type="radio" name="reponse" value={m.id} checked={chosen === m.id} onChange={() => choose(m)} />
            <span>
              <strong>Réponse {i + 1}</strong> : {m.content.length > 160 ? `${m.content.slice(0, 157)}…` : m.content}
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Prompt final"
        hint={
          entrees?.length
            ? `Vérifié automatiquement : il doit utiliser ${entrees.map(placeholder).join(', ')}.`
            : undefined
        }
        error={placeholders}
      >
        {(p) => (
          <textarea
            {...p}
            ref={promptBox}
            rows={4}
            value={prompt}
            onChange={(e) => {
              setPrompt(e.target.value);
              setWarning(null);
              if (placeholders) setError(null);
            }}
          />
        )}
      </Field>
      {elsewhere ? (
        <TaskSubmittedElsewhere error={elsewhere} {...task} conversationId={conversationId} />
      ) : (
        <ErrorMessage error={placeholders ? null : error} />
      )}
      {elsewhere ? null : warning ? (
        <div
          className="alert alert-warning"
          role="alert"
          tabIndex={-1}
          ref={warningBox}
          aria-labelledby="anonymat-titre"
        >
          <p id="anonymat-titre">
            <strong>Ce hackathon est anonyme : les examinateurs ne doivent pas savoir qui vous êtes.</strong>
          </p>
          <ul>
            {warning.map((w) => (
              <li key={w}>{w[0].toUpperCase() + w.slice(1)}.</li>
            ))}
          </ul>
          <p>Retirez-le de votre prompt (ou choisissez une autre réponse), ou soumettez quand même.</p>
          <div className="row">
            <button type="button" className="secondary" onClick={() => promptBox.current?.focus()}>
              Modifier mon prompt
            </button>
            <button type="button" disabled={busy} onClick={() => void send()}>
              Soumettre quand même
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" disabled={busy}>
          Soumettre la version finale
        </button>
      )}
    </form>
  );
}
