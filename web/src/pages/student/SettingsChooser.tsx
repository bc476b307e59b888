import { useId, useState } from 'react';
import { Field } from '../../ui/components';
import {
  LENGTHS,
  lengthOf,
  lengthTokens,
  modelSentence,
  settingsInWords,
  STYLES,
  styleOf,
  styleTemperature,
  wordsOf,
  type AiModels,
  type ModelSettings,
} from './model-settings';

/** Whether the screen is wide enough to show the settings unfolded at first (a phone keeps them folded). */
const wide = () => typeof window !== 'undefined' && window.matchMedia?.('(min-width: 641px)').matches === true;

/**
 * The settings of the next conversation in plain words — which IA, a short, medium or long
 * answer, a precise, balanced or creative style — mapped to the real parameters
 * (model-settings.ts); the exact values under « Réglages précis » for those who want them.
 */
export function SettingsChooser({
  models,
  value,
  onChange,
}: {
  models: AiModels;
  value: ModelSettings;
  onChange: (next: ModelSettings) => void;
}) {
  const [open] = useState(wide);
  const name = useId();
  const maxTokens = Number(value.maxTokens);
  const temperature = Number(value.temperature.replace(',', '.'));
  const length = lengthOf(maxTokens, models.maxTokens);
  const style = styleOf(temperature, models.temperature);
  const model = models.models.find((m) => m.name === value.modelName);
  const t = models.temperature;
  const m = models.maxTokens;
  // Settings typed under « Réglages précis » may not be numbers yet: the summary says them as typed.
  const summary =
    Number.isFinite(maxTokens) && Number.isFinite(temperature)
      ? settingsInWords({ maxTokens, temperature }, models)
      : '';
  return (
    <section className="card" aria-labelledby="reglages">
      <h2 id="reglages">Réglages de la prochaine conversation</h2>
      <details className="settings-fold" open={open}>
        <summary>
          {value.modelName}
          {summary ? ` · ${summary}` : ''}
        </summary>
        {models.fake ? (
          <p className="hint">Les réponses viennent du faux modèle local (aucune clé de fournisseur).</p>
        ) : null}
        <Field label="IA utilisée" hint={model ? modelSentence(model) : undefined}>
          {(p) => (
            <select {...p} value={value.modelName} onChange={(e) => onChange({ ...value, modelName: e.target.value })}>
              {models.models.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="choices">
          <fieldset>
            <legend>Longueur de la réponse</legend>
            {LENGTHS.map((l) => {
              const tokens = lengthTokens(l.id, m);
              return (
                <label key={l.id}>
                  <input
                    type="radio"
                    name={`${name}-longueur`}
                    checked={length === l.id}
                    onChange={() => onChange({ ...value, maxTokens: String(tokens) })}
                  />
                  <span>
                    {l.label} <span className="hint">(environ {wordsOf(tokens)} mots)</span>
                  </span>
                </label>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>Style de la réponse</legend>
            {STYLES.map((s) => (
              <label key={s.id}>
                <input
                  type="radio"
                  name={`${name}-style`}
                  checked={style === s.id}
                  onChange={() => onChange({ ...value, temperature: String(styleTemperature(s.id, t)) })}
                />
                <span>
                  {s.label} <span className="hint">: {s.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        <details className="precise">
          <summary>Réglages précis</summary>
          <div className="settings">
            <Field label="Température" hint={`De ${fr(t.min)} à ${fr(t.max)} : plus elle est haute, plus l’IA varie.`}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  inputMode="decimal"
                  value={value.temperature}
                  onChange={(e) => onChange({ ...value, temperature: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Longueur maximale de la réponse (tokens)"
              hint={`De ${m.min} à ${m.max} ; un token fait environ trois quarts de mot.`}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  value={value.maxTokens}
                  onChange={(e) => onChange({ ...value, maxTokens: e.target.value })}
                />
              )}
            </Field>
          </div>
        </details>
      </details>
    </section>
  );
}

const fr = (n: number) => String(n).replace('.', ',');
