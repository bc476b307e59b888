import { emptyRule, errorAt, type RuleDraft } from './checks-draft';
import { RuleEditor } from './RuleEditor';

/** A list of rules (a case's `attendu`, or the task's `regles`), with add and remove. */
export function RuleListEditor({
  rules,
  path,
  of,
  errors,
  onChange,
}: {
  rules: RuleDraft[];
  /** `cas[0].attendu` or `regles`: where the errors of each rule are. */
  path: string;
  /** « du cas 1 », « pour tous les cas ». */
  of: string;
  errors: Record<string, string>;
  onChange: (rules: RuleDraft[]) => void;
}) {
  return (
    <div className="rule-list">
      {rules.map((r, j) => {
        const at = `${path}[${j}]`;
        return (
          <RuleEditor
            key={j}
            label={`Règle ${j + 1} ${of}`}
            rule={r}
            error={errorAt(errors, at, `${at}.type`, `${at}.valeur`, `${at}.flags`)}
            onChange={(next) => onChange(rules.map((x, k) => (k === j ? next : x)))}
            onRemove={() => onChange(rules.filter((_x, k) => k !== j))}
          />
        );
      })}
      {errorAt(errors, path) ? <p className="field-error">{errorAt(errors, path)}</p> : null}
      <button type="button" className="secondary" onClick={() => onChange([...rules, emptyRule()])}>
        Ajouter une règle {of}
      </button>
    </div>
  );
}
