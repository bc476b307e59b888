import { useState, type FormEvent } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { ApiError } from '../../api/errors';
import type { Essai } from '../../api/essais';
import { ErrorMessage, Field } from '../../ui/components';
import { formatNumber, plural } from '../../ui/format';
import { CaseOutcome } from '../../ui/CaseOutcome';
import { essaiPromptsRefusal, placeholder, placeholderProblem } from './checks';
import { CaseInputs } from '../../ui/CaseInputs';
import type { AiModels } from './model-settings';
import { remaining, type MyQuota } from './quota';
import { QuotaWayOut } from './QuotaWayOut';

/**
 * « Essayer sur les exemples publics »: a prompt with its `{{nom}}` run once on each public
 * example, charged to the student's quota like sends (one prompt and one answer's length per
 * example); its results as they come, and the prompt kept for the final version in one click.
 */
export function EssaiPanel({
  conversation,
  tache,
  models,
  quota,
  draft,
  essai,
  running,
  writing,
  onStart,
  onRefused,
  onUseForFinal,
}: {
  conversation: Schema<'ConversationDetail'>;
  tache: Schema<'Tache'>;
  models: AiModels | null;
  quota: MyQuota | null;
  /** The conversation's prompt box, offered as a start. */
  draft: string;
  essai: Essai | null;
  running: boolean;
  writing: boolean;
  onStart: (prompt: string) => Promise<void>;
  onRefused: (err: ApiError) => void;
  /** « Utiliser ce prompt pour ma version finale »; absent when this conversation cannot be submitted. */
  onUseForFinal?: (prompt: string) => void;
}) {
  const [prompt, setPrompt] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const cases = tache.casPublics.length;
  const apiError = error instanceof ApiError ? error : null;
  const placeholders = placeholderProblem(apiError);
  const promptsRefused = essaiPromptsRefusal(apiError, cases, quota ? remaining(quota).prompts : null);
  const tokensRefused = apiError?.code === 'QUOTA_TOKENS_EXCEEDED';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (running) return setError('Attendez la fin de l’essai en cours avant d’en lancer un autre.');
    if (!prompt.trim()) return setError('Écrivez le prompt à essayer.');
    setError(null);
    setBusy(true);
    try {
      await onStart(prompt);
    } catch (err) {
      setError(err as ApiError);
      onRefused(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const names = tache.entrees.map(placeholder).join(', ');
  return (
    <div className="essai">
      <h3 id="essai-titre">Essayer sur les exemples publics</h3>
      {writing ? (
        <form onSubmit={(e) => void submit(e)} aria-labelledby="essai-titre" noValidate>
          <Field
            label="Prompt à essayer"
            hint={`Avec ${names} là où chaque exemple met son texte.`}
            error={placeholders}
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={20000}
                value={prompt}
                onChange={(e) => {
                  setPrompt(e.target.value);
                  if (placeholders) setError(null);
                }}
              />
            )}
          </Field>
          {draft.trim() && draft !== prompt ? (
            <p>
              <button type="button" className="secondary" onClick={() => setPrompt(draft)}>
                Reprendre le prompt en cours d’écriture
              </button>
            </p>
          ) : null}
          <p className="hint" id="essai-cout">
            Coût : {plural(cases, 'prompt', 'prompts')} de votre quota (un par exemple), et pour chaque exemple{' '}
            {formatNumber(conversation.maxTokens)} tokens de réponse réservés plus ceux du prompt ; ce que les réponses
            n’utilisent pas vous est rendu.
          </p>
          {/* Never disabled: the focus stays on it while the try starts (a second press is ignored). */}
          <button type="submit" aria-describedby="essai-cout">
            Essayer sur les exemples publics
          </button>
          {tokensRefused && quota ? (
            <QuotaWayOut
              quota={quota}
              conversation={conversation}
              models={models}
              draft={prompt}
              hackathonId={conversation.hackathonId}
              refused
              reserved={null}
              essaiCases={cases}
            />
          ) : (
            <ErrorMessage error={placeholders || tokensRefused ? null : (promptsRefused ?? error)} />
          )}
        </form>
      ) : null}
      <EssaiResults essai={essai} running={running} />
      {writing && onUseForFinal && essai && essai.statut !== 'en_attente' ? (
        <p>
          <button type="button" className="secondary" onClick={() => onUseForFinal(essai.prompt)}>
            Utiliser ce prompt pour ma version finale
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** The last try: where it stands (said to screen readers), then each example's result. */
function EssaiResults({ essai, running }: { essai: Essai | null; running: boolean }) {
  const done = essai ? essai.cas.filter((c) => c.reussi !== null).length : 0;
  const status = !essai
    ? running
      ? 'Essai lancé : les résultats arrivent…'
      : ''
    : essai.statut === 'en_attente'
      ? `Essai en cours : ${formatNumber(done)} exemple${done > 1 ? 's' : ''} sur ${formatNumber(essai.total)} traité${done > 1 ? 's' : ''}.`
      : essai.statut === 'echec'
        ? `L’essai n’a pas pu aller au bout${essai.erreur ? ` : ${essai.erreur}` : '.'}`
        : `Essai terminé : ${formatNumber(essai.reussis)} exemple${essai.reussis > 1 ? 's' : ''} réussi${essai.reussis > 1 ? 's' : ''} sur ${formatNumber(essai.total)}.`;
  return (
    <>
      <p role="status" className="essai-status">
        {status}
      </p>
      {essai ? (
        <>
          <p className="hint">
            Prompt essayé : <span className="message-content">{essai.prompt}</span>
          </p>
          <ol className="cases" aria-label="Résultats de l’essai">
            {essai.cas.map((c, i) => (
              <CaseOutcome key={i} title={`Exemple ${i + 1}`} reussi={c.reussi} reponse={c.reponse} raisons={c.raisons}>
                <CaseInputs entrees={c.entrees} />
              </CaseOutcome>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
