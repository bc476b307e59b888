import { Field } from '../../ui/components';
import { ConsigneEditor } from './ConsigneEditor';
import type { TaskDraft } from './hackathon-draft';

/** One task of the hackathon form: its title, and (API 1.2) its instructions with their preview. */
export function TaskEditor({
  index,
  task,
  error,
  withConsigne,
  onChange,
  onRemove,
}: {
  index: number;
  task: TaskDraft;
  error: string | null;
  withConsigne: boolean;
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
    </div>
  );
}
