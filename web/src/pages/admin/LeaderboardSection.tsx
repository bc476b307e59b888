import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorMessage, Loading, TableScroll } from '../../ui/components';
import { formatNote as note, formatNotes, formatNumber, plural } from '../../ui/format';
import { useLoad } from '../../ui/use-load';

const PART = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 3 });
const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
/** A part of the total (0–1), « 0,45 »; « — » when there is none. */
const share = (n: number | null) => (n === null ? '—' : PART.format(n));
const percent = (n: number) => PERCENT.format(n);

/**
 * The ranking, with the fairness column (each examiner's severity evened out) and, when the
 * hackathon weighs the automatic checks (`classement.poidsScore` > 0), both parts of the total.
 */
export function LeaderboardSection({ hackathon, version }: { hackathon: Schema<'HackathonView'>; version: number }) {
  const board = useLoad(
    () => call(api.GET('/api/v1/hackathons/{id}/leaderboard', { params: { path: { id: hackathon.id } } })),
    [hackathon.id, version],
  );
  const taskTitle = (id: string) => hackathon.taches.find((t) => t.id === id)?.titre ?? '—';
  // With a weight on the checks' score, the rank follows note and score: each row shows both parts.
  const weights = board.data?.hackathon.classement ?? hackathon.classement;
  const both = weights.poidsScore > 0;
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
              {both
                ? ` Total = ${note(weights.poidsNote)} × moyenne / 10 + ${note(weights.poidsScore)} × score de la vérification automatique ; à total égal, le prompt le plus court (en tokens) passe devant, puis la soumission la plus ancienne.`
                : ''}
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
                    {both ? (
                      <>
                        <th scope="col">Score</th>
                        <th scope="col">Part note</th>
                        <th scope="col">Part score</th>
                        <th scope="col">Total</th>
                        <th scope="col">Tokens du prompt</th>
                      </>
                    ) : null}
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
                      {both ? (
                        <>
                          <td className="num">{s.score === null ? '—' : percent(s.score)}</td>
                          <td className="num">{share(s.partNote)}</td>
                          <td className="num">{share(s.partScore)}</td>
                          <td className="num">
                            <strong>{share(s.total)}</strong>
                          </td>
                          <td className="num">{formatNumber(s.tokensPrompt)}</td>
                        </>
                      ) : null}
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
