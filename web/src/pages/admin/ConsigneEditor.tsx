import { useState } from 'react';
import { Field } from '../../ui/components';
import type { TaskDraft } from './hackathon-draft';
import { Markdown } from '../../ui/Markdown';

/**
 * A task's instructions (API 1.2 `consigne`, Markdown) and its optional system prompt, with a
 * preview of what students will read. Shown once the server takes them (hackathon-draft.ts
 * ACCEPTED_TODAY); the preview then uses the Markdown rendering of the student pages.
 */
export function ConsigneEditor({
  number,
  task,
  onChange,
}: {
  number: number;
  task: TaskDraft;
  onChange: (patch: Partial<TaskDraft>) => void;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="consigne-editor">
      <Field
        label={`Consigne de la tâche ${number}`}
        hint="Ce que les étudiants lisent avant d’écrire, texte à travailler compris. Mise en forme Markdown : # titre, - liste, **gras**."
      >
        {(p) => (
          <textarea {...p} rows={8} value={task.consigne} onChange={(e) => onChange({ consigne: e.target.value })} />
        )}
      </Field>
      <button type="button" className="secondary" aria-expanded={preview} onClick={() => setPreview((v) => !v)}>
        {preview ? 'Masquer l’aperçu' : `Aperçu de la consigne ${number}`}
      </button>
      {preview ? (
        <div className="consigne-preview" role="region" aria-label={`Aperçu de la consigne ${number}`}>
          {task.consigne.trim() ? <Markdown text={task.consigne} /> : 'La consigne est vide.'}
        </div>
      ) : null}
      <Field
        label={`Prompt système de la tâche ${number} (facultatif)`}
        hint="Envoyé au modèle avant chaque message de cette tâche ; les étudiants ne le voient pas."
      >
        {(p) => (
          <textarea {...p} rows={3} value={task.systeme} onChange={(e) => onChange({ systeme: e.target.value })} />
        )}
      </Field>
    </div>
  );
}
