import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorMessage, Loading, TableScroll } from '../../ui/components';
import { formatNote as note, formatNotes, formatNumber, plural } from '../../ui/format';
import { useLoad } from '../../ui/use-load';

/** The ranking, with the fairness column (each examiner's severity evened out). */
export function LeaderboardSection({ hackathon, version }: { hackathon: Schema<'HackathonView'>; version: number }) {
  const board = useLoad(
    () => call(api.GET('/api/v1/hackathons/{id}/leaderboard', { params: { path: { id: hackathon.id } } })),
    [hackathon.id, version],
  );
  const taskTitle = (id: string) => hackathon.taches.find((t) => t.id === id)?.titre ?? '—';
  return (
    <section className="card" aria-labelledby="classement-titre">
      <h2 id="classement-titre">Classement</h2>
      <button type="button" className="secondary" onClick={() => void board.reload()}>
        Actualiser le classement
      </button>
      <ErrorMessage error={board.error} />
      {board.loading && !board.data ? <Loading /> : null}
      {board.data ? (
        board.data.items.length === 0 ? (
          <p>Aucune soumission classée pour le moment.</p>
        ) : (
          <>
            <p>
              {plural(board.data.totalSubmissions, 'soumission', 'soumissions')}. La note équitable corrige la sévérité
              de chaque examinateur (moyenne de ses écarts ramenée sur 1 à 10).
            </p>
            <TableScroll label="Tableau du classement">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Rang</th>
                    <th scope="col">Candidat</th>
                    <th scope="col">Tâche</th>
                    <th scope="col">Moyenne</th>
                    <th scope="col">Note équitable</th>
                    <th scope="col">Notes</th>
                    <th scope="col">Écart</th>
                  </tr>
                </thead>
                <tbody>
                  {board.data.items.map((s) => (
                    <tr key={s.conversationId}>
                      <td className="num">{formatNumber(s.rank)}</td>
                      <td>{s.student ? `${s.student.prenom} ${s.student.nom} (${s.candidat})` : s.candidat}</td>
                      <td>{taskTitle(s.tacheId)}</td>
                      <td className="num">{note(s.meanNote)}</td>
                      <td className="num">{note(s.fairNote)}</td>
                      <td className="num">{s.notes.length ? formatNotes(s.notes) : 'pas encore notée'}</td>
                      <td>{s.divergent ? <span className="badge badge-warn">Notes divergentes</span> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )
      ) : null}
    </section>
  );
}
