import { useState, type FormEvent } from 'react';
import { setAnswerLength } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { ErrorMessage } from '../../ui/components';
import type { AiModels } from './model-settings';
import { LENGTHS, lengthTokens, modelSentence, settingsInWords, wordsOf } from './model-settings';

/**
 * The settings of this conversation, folded: one line in words (« gpt-3.5-turbo · Réponse
 * moyenne · Équilibrée »), the exact values for those who open it. The model and the
 * temperature were chosen when the conversation started; the answer's length can be changed
 * for the next prompts (`PATCH /conversations/:id`), to make each prompt cost less.
 */
export function ConversationSettings({
  conversation,
  models,
  editable,
  onChanged,
}: {
  conversation: { id: string; modelName: string; temperature: number; maxTokens: number };
  models: AiModels | null;
  /** The student may still write here (not submitted, hackathon open). */
  editable: boolean;
  onChanged: (maxTokens: number) => void;
}) {
  const model = models?.models.find((m) => m.name === conversation.modelName);
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  const choices = models
    ? [...new Set([...LENGTHS.map((l) => lengthTokens(l.id, models.maxTokens)), conversation.maxTokens])].sort(
        (a, b) => a - b,
      )
    : [];
  const label = (tokens: number) => {
    const named = models ? LENGTHS.find((l) => lengthTokens(l.id, models.maxTokens) === tokens) : undefined;
    return `${named ? `${named.label} : ` : ''}${fmt(tokens)} tokens (environ ${wordsOf(tokens)} mots)`;
  };
  const [chosen, setChosen] = useState(String(conversation.maxTokens));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const apply = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const updated = await setAnswerLength(conversation.id, Number(chosen));
      onChanged(updated.maxTokens);
      setDone(`Les prochaines réponses feront au plus ${fmt(updated.maxTokens)} tokens.`);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="settings-fold">
      <summary>
        Réglages : {conversation.modelName}
        {models ? ` · ${settingsInWords(conversation, models)}` : ''}
      </summary>
      {model ? <p className="hint">{modelSentence(model)}</p> : null}
      <dl className="facts">
        <dt>Modèle</dt>
        <dd>{conversation.modelName}</dd>
        <dt>Température</dt>
        <dd>{conversation.temperature.toLocaleString('fr-FR')}</dd>
        <dt>Longueur maximale</dt>
        <dd>
          {fmt(conversation.maxTokens)} tokens (environ {wordsOf(conversation.maxTokens)} mots)
        </dd>
      </dl>
      {editable && models ? (
        <form className="row" onSubmit={(e) => void apply(e)}>
          <label htmlFor="longueur-suivante">Longueur des prochaines réponses</label>
          <select id="longueur-suivante" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {choices.map((tokens) => (
              <option key={tokens} value={tokens}>
                {label(tokens)}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary" disabled={busy || Number(chosen) === conversation.maxTokens}>
            Appliquer
          </button>
        </form>
      ) : null}
      <p className="hint" role="status">
        {done}
      </p>
      <ErrorMessage error={error} />
      <p className="hint">
        Une réponse plus courte réserve moins de tokens à chaque prompt. Le modèle et la température sont fixés au début
        de la conversation : pour en changer, commencez une nouvelle conversation depuis la page du hackathon.
      </p>
    </details>
  );
}
