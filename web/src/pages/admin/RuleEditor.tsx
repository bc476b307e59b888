import { Field } from '../../ui/components';
import { RULE_LABELS, type RuleDraft, type RuleType } from './checks-draft';

const HINTS: Readonly<Record<RuleType, string>> = {
  contient: 'Sans tenir compte des majuscules ni des espaces en trop ; les accents comptent.',
  ne_contient_pas: 'La règle échoue si ce texte apparaît dans la réponse (majuscules et espaces ignorés).',
  egal: 'La réponse entière, espaces du début et de la fin ôtés, doit être ce texte.',
  regex: 'Par exemple ^\\d{4}$ pour quatre chiffres. Les motifs à répétitions imbriquées sont refusés.',
  json_schema:
    'Un schéma JSON, par exemple { "type": "object", "required": ["titre"] }. La réponse doit être ce JSON seul.',
  max_mots: 'Un nombre entier : la réponse ne doit pas dépasser ce nombre de mots.',
};

/** One rule: its type in words, its value (a text, a pattern, a JSON Schema, a number of words). */
export function RuleEditor({
  label,
  rule,
  error,
  onChange,
  onRemove,
}: {
  /** « Règle 2 du cas 1 », said by every control of the rule. */
  label: string;
  rule: RuleDraft;
  error: string | null;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
}) {
  return (
    <div className="rule-editor" role="group" aria-label={label}>
      <Field label={`${label} : type`}>
        {(p) => (
          <select {...p} value={rule.type} onChange={(e) => onChange({ ...rule, type: e.target.value as RuleType })}>
            {(Object.keys(RULE_LABELS) as RuleType[]).map((t) => (
              <option key={t} value={t}>
                {RULE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={`${label} : valeur`} hint={HINTS[rule.type]} error={error}>
        {(p) =>
          rule.type === 'json_schema' ? (
            <textarea
              {...p}
              rows={5}
              spellCheck={false}
              value={rule.valeur}
              onChange={(e) => onChange({ ...rule, valeur: e.target.value })}
            />
          ) : (
            <input
              {...p}
              type={rule.type === 'max_mots' ? 'number' : 'text'}
              min={rule.type === 'max_mots' ? 1 : undefined}
              inputMode={rule.type === 'max_mots' ? 'numeric' : undefined}
              spellCheck={rule.type === 'regex' ? false : undefined}
              value={rule.valeur}
              onChange={(e) => onChange({ ...rule, valeur: e.target.value })}
            />
          )
        }
      </Field>
      {rule.type === 'regex' ? (
        <div className="field checkbox">
          <label>
            <input
              type="checkbox"
              checked={rule.ignorerCasse}
              onChange={(e) => onChange({ ...rule, ignorerCasse: e.target.checked })}
            />{' '}
            Ignorer les majuscules
          </label>
        </div>
      ) : null}
      <button type="button" className="secondary" onClick={onRemove}>
        Retirer la {label.charAt(0).toLocaleLowerCase('fr-FR') + label.slice(1)}
      </button>
    </div>
  );
}
