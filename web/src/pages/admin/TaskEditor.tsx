import { Field } from '../../ui/components';
import { ChecksEditor } from './ChecksEditor';
import { ChecksTrial } from './ChecksTrial';
import { ConsigneEditor } from './ConsigneEditor';
import type { TaskDraft } from './hackathon-draft';

/**
 * One task of the hackathon form: its title, and (API 1.2) its instructions with their preview
 * and its automatic checks with their « Tester sur un prompt ».
 */
export function TaskEditor({
  index,
  task,
  error,
  withConsigne,
  withChecks,
  hackathonId,
  checksErrors,
  onChecksErrors,
  onChange,
  onRemove,
}: {
  index: number;
  task: TaskDraft;
  error: string | null;
  withConsigne: boolean;
  withChecks: boolean;
  /** The saved hackathon (absent while creating it). */
  hackathonId?: string;
  /** Problems of the checks, by checks-draft.ts key. */
  checksErrors: Record<string, string>;
  onChecksErrors: (errors: Record<string, string>) => void;
  onChange: (patch: Partial<TaskDraft>) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  return (
    <div className="task-editor">
      <div className="task-row">
        <Field label={`Tâche ${n}`} error={error}>
          {(p) => <input {...p} value={task.titre} onChange={(e) => onChange({ titre: e.target.value })} />}
        </Field>
        <button type="button" className="secondary" aria-label={`Retirer la tâche ${n}`} onClick={onRemove}>
          Retirer
        </button>
      </div>
      {withConsigne ? <ConsigneEditor number={n} task={task} onChange={onChange} /> : null}
      {withChecks ? (
        <ChecksEditor
          number={n}
          checks={task.verification}
          errors={checksErrors}
          onChange={(verification) => onChange({ verification })}
          trial={
            task.verification ? (
              <ChecksTrial
                number={n}
                hackathonId={hackathonId}
                tacheId={task.id}
                checks={task.verification}
                systeme={task.systeme}
                onErrors={onChecksErrors}
              />
            ) : null
          }
        />
      ) : null}
    </div>
  );
}
