import type { Schema } from '@prompt-challenge/api-client';
import { ApiError } from '../../api/errors';
import { myResults } from '../../api/results';
import { ErrorMessage, formatDate, Loading, Notice, TableScroll } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { useLoad } from '../../ui/use-load';
import { FinalChecks } from './FinalChecks';

const formatNote = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/**
 * My results once published: the class's figures, then each graded conversation's mean, its
 * evaluations and, for a checked task, its score and public examples' results.
 */
export function PublishedResults({ hackathonId, taches }: { hackathonId: string; taches: Schema<'Tache'>[] }) {
  const results = useLoad(() => myResults(hackathonId), [hackathonId]);
  const notPublished = results.error instanceof ApiError && results.error.code === 'RESULTS_NOT_PUBLISHED';
  const titre = (id: string | null) => taches.find((t) => t.id === id)?.titre ?? 'Tâche';
  return (
    <section className="card" aria-labelledby="resultats">
      <h2 id="resultats">Mes résultats</h2>
      {results.loading && !results.data && !results.error ? <Loading /> : null}
      {notPublished ? (
        <Notice>
          Les résultats de ce hackathon ne sont pas encore publiés : revenez après la fin des corrections.
        </Notice>
      ) : (
        <ErrorMessage error={results.error} />
      )}
      {results.data ? <ClassFigures classe={results.data.classe} /> : null}
      {results.data && results.data.conversations.length === 0 ? (
        <p>Aucune de vos conversations n’a été évaluée.</p>
      ) : null}
      {results.data?.conversations.map((c) => (
        <div key={c.conversationId}>
          <h3>{titre(c.tacheId)}</h3>
          <p>
            Moyenne : <strong>{formatNote(c.moyenne)} / 10</strong>
          </p>
          <TableScroll label={`Évaluations : ${titre(c.tacheId)}`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Examinateur</th>
                  <th scope="col">Note</th>
                  <th scope="col">Appréciation</th>
                  <th scope="col">Commentaire</th>
                  <th scope="col">Date</th>
                </tr>
              </thead>
              <tbody>
                {c.evaluations.map((e, i) => (
                  <tr key={i}>
                    <td>{e.examinateur}</td>
                    <td className="num">{formatNote(e.note)} / 10</td>
                    <td>{e.label}</td>
                    <td>{e.comment}</td>
                    <td>{formatDate(e.gradedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {c.verification ? (
            <FinalChecks
              v={c.verification}
              publicCases={taches.find((t) => t.id === c.tacheId)?.casPublics}
              headingLevel={4}
            />
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** The class's mean, how many were graded, and my rank among them. */
function ClassFigures({ classe }: { classe: Schema<'ClassStanding'> }) {
  return (
    <dl className="facts">
      <dt>Moyenne de la classe</dt>
      <dd>{classe.moyenne === null ? 'pas encore de note' : `${formatNote(classe.moyenne)} / 10`}</dd>
      <dt>Élèves notés</dt>
      <dd>{formatNumber(classe.effectif)}</dd>
      <dt>Mon rang</dt>
      <dd>
        {classe.rang === null
          ? 'pas de note'
          : `${formatNumber(classe.rang)}${classe.rang === 1 ? 'er' : 'e'} sur ${formatNumber(classe.effectif)}`}
      </dd>
    </dl>
  );
}
