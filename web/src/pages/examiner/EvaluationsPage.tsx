import { useState } from 'react';
import { Link } from 'react-router-dom';
import { editEvaluation, myEvaluations } from '../../api/examiner';
import { ErrorMessage, formatDate, Loading, Notice, Page, Pager } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { candidateName } from './candidate';
import { GradeForm } from './GradeForm';
import { formatNote } from './grading';

const PER_PAGE = 10;

/** `/examinateur/evaluations`: my evaluations, newest first, each one editable. */
export function EvaluationsPage() {
  const [page, setPage] = useState(1);
  const list = useLoad(() => myEvaluations({ page, limit: PER_PAGE }), [page]);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const data = list.data;
  return (
    <Page title="Mes évaluations">
      <ErrorMessage error={list.error} />
      {list.loading && !data ? <Loading /> : null}
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {data && data.items.length === 0 ? (
        <p>
          Vous n’avez encore évalué aucune copie. <Link to="/examinateur">Voir les copies à corriger</Link>
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <section className="card" aria-labelledby="liste-evaluations">
          <h2 id="liste-evaluations">
            {data.total} évaluation{data.total > 1 ? 's' : ''}
          </h2>
          <ul className="list">
            {data.items.map((e) => (
              <li key={e.id}>
                <div className="row spread">
                  <h3>
                    <Link to={`/examinateur/copies/${e.conversationId}`}>{candidateName(e)}</Link>
                  </h3>
                  <span className="badge">
                    {formatNote(e.note)} / 10 · {e.label}
                  </span>
                </div>
                <p className="message-content">{e.comment}</p>
                <p className="hint">Évaluée le {formatDate(e.gradedAt)}</p>
                {editing === e.id ? (
                  <GradeForm
                    initial={{ note: e.note, comment: e.comment }}
                    submitLabel="Enregistrer les modifications"
                    onCancel={() => setEditing(null)}
                    onSubmit={async (v) => {
                      const { evaluation } = await editEvaluation(e.id, v);
                      // The answer holds the new state: shown at once, then the page is read again.
                      if (list.data)
                        list.set({
                          ...list.data,
                          items: list.data.items.map((x) => (x.id === evaluation.id ? evaluation : x)),
                        });
                      setEditing(null);
                      setSaved(
                        `Évaluation de ${candidateName(evaluation)} modifiée : ${formatNote(evaluation.note)} / 10 (${evaluation.label}).`,
                      );
                      await list.reload();
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Modifier l’évaluation de ${candidateName(e)}`}
                    onClick={() => {
                      setSaved(null);
                      setEditing(e.id);
                    }}
                  >
                    Modifier
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Pager page={page} pages={Math.ceil(data.total / PER_PAGE)} onPage={setPage} />
        </section>
      ) : null}
    </Page>
  );
}
