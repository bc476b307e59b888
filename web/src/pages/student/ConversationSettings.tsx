import type { AiModels } from './model-settings';
import { modelSentence, settingsInWords, wordsOf } from './model-settings';

/**
 * The settings of this conversation, folded: one line in words (« gpt-3.5-turbo · Réponse
 * moyenne · Équilibrée »), the exact values for those who open it. They were chosen when the
 * conversation started and cannot be changed here.
 */
export function ConversationSettings({
  conversation,
  models,
}: {
  conversation: { modelName: string; temperature: number; maxTokens: number };
  models: AiModels | null;
}) {
  const model = models?.models.find((m) => m.name === conversation.modelName);
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
          {conversation.maxTokens.toLocaleString('fr-FR')} tokens (environ {wordsOf(conversation.maxTokens)} mots)
        </dd>
      </dl>
      <p className="hint">
        Ces réglages sont fixés au début de la conversation : pour en changer, commencez une nouvelle conversation
        depuis la page du hackathon.
      </p>
    </details>
  );
}
