import { Field } from '../../ui/components';
import { errorAt, type CaseDraft } from './checks-draft';
import { RuleListEditor } from './RuleListEditor';

/** One case of a task's checks: a text per input, public or hidden, and what the answer must satisfy. */
export function CheckCaseEditor({
  index,
  names,
  value,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  names: string[];
  value: CaseDraft;
  errors: Record<string, string>;
  onChange: (next: CaseDraft) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const at = `cas[${index}]`;
  return (
    <fieldset className="check-case">
      <legend>
        Cas {n} <span className={value.public ? 'badge' : 'badge badge-warn'}>{value.public ? 'public' : 'caché'}</span>
      </legend>
      {names.length === 0 ? <p className="hint">Ce cas n’a pas d’entrée : le prompt est envoyé tel quel.</p> : null}
      {names.map((name) => (
        <Field
          key={name}
          label={`Cas ${n} : texte de l’entrée « ${name} »`}
          hint={`Remplace {{${name}}} dans le prompt.`}
          error={errorAt(errors, `${at}.entrees.${name}`)}
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={value.entrees[name] ?? ''}
              onChange={(e) => onChange({ ...value, entrees: { ...value.entrees, [name]: e.target.value } })}
            />
          )}
        </Field>
      ))}
      {errorAt(errors, at, `${at}.entrees`, `${at}.public`) ? (
        <p className="field-error">{errorAt(errors, at, `${at}.entrees`, `${at}.public`)}</p>
      ) : null}
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={value.public}
            onChange={(e) => onChange({ ...value, public: e.target.checked })}
          />{' '}
          Cas {n} public : les étudiants voient ses entrées et ce qui est attendu, et peuvent s’y essayer
        </label>
      </div>
      <RuleListEditor
        rules={value.attendu}
        path={`${at}.attendu`}
        of={`du cas ${n}`}
        errors={errors}
        onChange={(attendu) => onChange({ ...value, attendu })}
      />
      <button type="button" className="secondary" onClick={onRemove}>
        Retirer le cas {n}
      </button>
    </fieldset>
  );
}
