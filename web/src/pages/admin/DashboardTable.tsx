import { formatDate, Gauge, TableScroll } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { attentionOf, type DashboardRow } from './dashboard';
import { StudentAttention } from './StudentAttention';

/** The class on a wide screen: one row per student, those who need the teacher first and marked. */
export function DashboardTable({ rows }: { rows: DashboardRow[] }) {
  return (
    <TableScroll label="Tableau des étudiants de la classe">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Étudiant</th>
            <th scope="col">Alerte</th>
            <th scope="col">Prompts</th>
            <th scope="col">Tokens</th>
            <th scope="col">En attente</th>
            <th scope="col">Dernière erreur</th>
            <th scope="col">Soumis</th>
            <th scope="col">Dernière activité</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const a = attentionOf(r);
            return (
              <tr key={r.studentId} className={a.blocked ? 'row-blocked' : a.refusals ? 'row-refused' : undefined}>
                <th scope="row">
                  {r.prenom} {r.nom}
                </th>
                <td>
                  <StudentAttention row={r} />
                </td>
                <td className="admin-table-gauge">
                  <Gauge label="Prompts" used={r.promptsUsed} limit={r.promptsLimit} unit="prompts" />
                </td>
                <td className="admin-table-gauge">
                  <Gauge label="Tokens" used={r.tokensUsed} limit={r.tokensLimit} unit="tokens" />
                </td>
                <td className="num">{formatNumber(r.pendingReplies)}</td>
                <td>
                  {r.lastError ? (
                    <>
                      {r.lastError.message} <small>({formatDate(r.lastError.at)})</small>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{r.submitted > 0 ? `Oui (${formatNumber(r.submitted)})` : 'Non'}</td>
                <td>{formatDate(r.lastActivityAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
