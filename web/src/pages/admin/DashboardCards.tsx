import { Gauge, formatDate } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { attentionOf, type DashboardRow } from './dashboard';
import { StudentAttention } from './StudentAttention';

/** The class on a phone: one card per student (no sideways scrolling), those who need the teacher first. */
export function DashboardCards({ rows }: { rows: DashboardRow[] }) {
  return (
    <ul className="dashboard-cards" aria-label="Étudiants de la classe">
      {rows.map((r) => {
        const a = attentionOf(r);
        const flagged = a.blocked || a.refusals;
        return (
          <li key={r.studentId} className={a.blocked ? 'card-blocked' : a.refusals ? 'card-refused' : undefined}>
            <h3>
              {r.prenom} {r.nom}
            </h3>
            {flagged ? <StudentAttention row={r} /> : null}
            <Gauge label="Prompts" used={r.promptsUsed} limit={r.promptsLimit} unit="prompts" />
            <Gauge label="Tokens" used={r.tokensUsed} limit={r.tokensLimit} unit="tokens" />
            <dl className="facts">
              <dt>En attente</dt>
              <dd>{formatNumber(r.pendingReplies)}</dd>
              <dt>Dernière erreur</dt>
              <dd>{r.lastError ? `${r.lastError.message} (${formatDate(r.lastError.at)})` : '—'}</dd>
              <dt>Soumis</dt>
              <dd>{r.submitted > 0 ? `Oui (${formatNumber(r.submitted)})` : 'Non'}</dd>
              <dt>Dernière activité</dt>
              <dd>{formatDate(r.lastActivityAt)}</dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
