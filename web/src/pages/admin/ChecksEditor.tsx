import type { ReactNode } from 'react';
import { Field } from '../../ui/components';
import { emptyCase, errorAt, namesOf, newChecks, withNames, type ChecksDraft } from './checks-draft';
import { CheckCaseEditor } from './CheckCaseEditor';
import { RuleListEditor } from './RuleListEditor';

/** Errors the fields below do not show themselves: said once at the top of the checks. */
const OWN_SPOT = /^(noms|repetitions|maxTokensPrompt|temperature|cas\[\d+\]|regles(\[\d+\])?)(\.|$)/;

/**
 * A task's automatic checks (API 1.2 `verification`), in words: the inputs the students' prompt
 * fills, the cases (public or hidden) with what each answer must satisfy, the rules of every
 * case, and how the replay runs. Each problem is said next to its field (checks-draft.ts keys).
 */
export function ChecksEditor({
  number,
  checks,
  errors,
  onChange,
  trial,
}: {
  number: number;
  checks: ChecksDraft | null;
  errors: Record<string, string>;
  onChange: (checks: ChecksDraft | null) => void;
  /** The « Tester sur un prompt » part, under the definition. */
  trial: ReactNode;
}) {
  const others = Object.entries(errors)
    .filter(([k]) => !OWN_SPOT.test(k))
    .map(([, m]) => m);
  return (
    <div className="checks-editor">
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={checks !== null}
            onChange={(e) => onChange(e.target.checked ? newChecks() : null)}
          />{' '}
          Vérifier automatiquement les versions finales de la tâche {number}
        </label>
      </div>
      {checks ? (
        <fieldset>
          <legend>Vérification automatique de la tâche {number}</legend>
          <p className="hint">
            À la soumission, le prompt final de l’étudiant est rejoué sur chaque cas : ses {'{{entrées}}'} sont
            remplacées par les textes du cas, et la réponse du modèle doit respecter les règles du cas et celles de tous
            les cas. Les cas cachés ne sont jamais montrés aux étudiants.
          </p>
          {others.length ? (
            <div className="alert alert-error">
              {others.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          ) : null}
          <Field
            label={`Entrées du prompt de la tâche ${number}`}
            hint="Les noms que le prompt des étudiants contient entre doubles accolades, séparés par des virgules : « texte, langue » pour {{texte}} et {{langue}}."
            error={errorAt(errors, 'noms')}
          >
            {(p) => <input {...p} value={checks.noms} onChange={(e) => onChange(withNames(checks, e.target.value))} />}
          </Field>
          {checks.cas.map((c, i) => (
            <CheckCaseEditor
              key={i}
              index={i}
              names={namesOf(checks)}
              value={c}
              errors={errors}
              onChange={(next) => onChange({ ...checks, cas: checks.cas.map((x, j) => (j === i ? next : x)) })}
              onRemove={() => onChange({ ...checks, cas: checks.cas.filter((_x, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => onChange({ ...checks, cas: [...checks.cas, emptyCase(namesOf(checks), false)] })}
          >
            Ajouter un cas à la tâche {number}
          </button>
          <fieldset>
            <legend>Règles pour tous les cas de la tâche {number}</legend>
            {checks.regles.length === 0 ? <p className="hint">Aucune : chaque cas a ses propres règles.</p> : null}
            <RuleListEditor
              rules={checks.regles}
              path="regles"
              of="pour tous les cas"
              errors={errors}
              onChange={(regles) => onChange({ ...checks, regles })}
            />
          </fieldset>
          <div className="columns">
            <Field
              label={`Répétitions (tâche ${number})`}
              hint="Chaque cas est rejoué de 1 à 5 fois : le score compte les exécutions réussies. Plus de répétitions coûtent plus de budget."
              error={errorAt(errors, 'repetitions')}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={5}
                  inputMode="numeric"
                  value={checks.repetitions}
                  onChange={(e) => onChange({ ...checks, repetitions: e.target.value })}
                />
              )}
            </Field>
            <Field
              label={`Longueur maximale du prompt, en tokens (tâche ${number}, facultatif)`}
              hint="Un prompt final plus long obtient 0 sans être rejoué. Vide : pas de limite."
              error={errorAt(errors, 'maxTokensPrompt')}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  inputMode="numeric"
                  value={checks.maxTokensPrompt}
                  onChange={(e) => onChange({ ...checks, maxTokensPrompt: e.target.value })}
                />
              )}
            </Field>
            <Field
              label={`Température des vérifications (tâche ${number}, facultatif)`}
              hint="Vide : celle de la version finale de l’étudiant. Plus basse, les réponses varient moins (de 0,1 à 2)."
              error={errorAt(errors, 'temperature')}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={checks.temperature}
                  onChange={(e) => onChange({ ...checks, temperature: e.target.value })}
                />
              )}
            </Field>
          </div>
          {trial}
        </fieldset>
      ) : null}
    </div>
  );
}
