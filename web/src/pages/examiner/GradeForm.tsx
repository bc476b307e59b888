import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field } from '../../ui/components';
import { commentProblem, formatNote, labelOf, NOTES, noteProblem } from './grading';

/** A note (1 to 10 by halves, with its word) and a comment, checked before anything is sent. */
export function GradeForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { note: number; comment: string };
  submitLabel: string;
  onSubmit: (v: { note: number; comment: string }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [note, setNote] = useState<string>(initial ? String(initial.note) : '');
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const value = note === '' ? null : Number(note);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = noteProblem(value);
    const c = commentProblem(comment);
    setNoteError(n);
    setCommentError(c);
    setError(null);
    if (n || c || value === null) return;
    setBusy(true);
    try {
      await onSubmit({ note: value, comment: comment.trim() });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label="Note sur 10"
        hint={
          value !== null && !noteProblem(value) ? `Appréciation : ${labelOf(value)}` : 'De 1 à 10, par demi-points.'
        }
        error={noteError}
      >
        {(p) => (
          <select {...p} value={note} onChange={(e) => setNote(e.target.value)}>
            <option value="">Choisir une note</option>
            {NOTES.map((n) => (
              <option key={n} value={String(n)}>
                {formatNote(n)} — {labelOf(n)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Commentaire" hint="Au moins 10 caractères, espaces non comptés." error={commentError}>
        {(p) => <textarea {...p} rows={5} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Annuler
          </button>
        ) : null}
      </div>
    </form>
  );
}
