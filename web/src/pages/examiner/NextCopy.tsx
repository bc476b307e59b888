import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { myAssignments } from '../../api/examiner';
import { useLoad } from '../../ui/use-load';
import { formatNote } from './grading';

/** Where the queue is empty: the examiner waits for the admin, who assigns copies. */
export const EMPTY_QUEUE =
  'Aucune copie ne vous attend : l’administrateur vous attribue les copies une fois les versions finales soumises.';

/**
 * After a grade: what was saved, and « Copie suivante », the next copy of the queue itself
 * (not the list), or the word that none is left. The focus comes here, so the keyboard goes on.
 */
export function NextCopy({ graded, current }: { graded: Schema<'EvaluationView'>; current: string }) {
  const next = useLoad(
    () =>
      myAssignments({ status: 'pending', limit: 2 }).then(
        (page) => page.items.find((a) => a.conversationId !== current) ?? null,
      ),
    [current],
  );
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div className="alert alert-success" role="status" tabIndex={-1} ref={box}>
      <p>
        Évaluation enregistrée : {formatNote(graded.note)} / 10 ({graded.label}).
      </p>
      {next.loading && !next.data ? <p>Recherche de la copie suivante…</p> : null}
      {next.data ? (
        <p className="row">
          <Link to={`/examinateur/copies/${next.data.conversationId}`}>Copie suivante</Link>
          <Link to="/examinateur/evaluations">Mes évaluations</Link>
        </p>
      ) : !next.loading ? (
        <>
          <p>{EMPTY_QUEUE}</p>
          <p className="row">
            <Link to="/examinateur">Copies à corriger</Link>
            <Link to="/examinateur/evaluations">Mes évaluations</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
