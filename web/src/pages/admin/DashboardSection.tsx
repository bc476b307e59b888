import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { openTicketedStream } from '../../api/stream';
import { ErrorMessage, Loading, Notice } from '../../ui/components';
import { formatNumber as fmt } from '../../ui/format';
import { useMediaQuery } from '../../ui/use-media-query';
import { DashboardCards } from './DashboardCards';
import { DashboardTable } from './DashboardTable';
import {
  attentionOf,
  attentionSummary,
  byAttention,
  isDashboardRow,
  isDashboardTotals,
  mergeRow,
  withLimits,
  type DashboardRow,
  type DashboardTotals,
} from './dashboard';
import { QuotaForm } from './QuotaForm';

/**
 * The class live: totals and one row per student, each updated in place when its event arrives;
 * the students who need the teacher (blocked, refused) first.
 */
export function DashboardSection({ hackathonId, onQuota }: { hackathonId: string; onQuota: () => void }) {
  const [rows, setRows] = useState<DashboardRow[] | null>(null);
  const [totals, setTotals] = useState<DashboardTotals | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<'connecting' | 'open' | 'retrying'>('connecting');
  // The breakpoint of web/src/styles.css: below it, one card per student.
  const phone = useMediaQuery('(max-width: 640px)');
  const sorted = rows ? byAttention(rows) : [];
  const attention = sorted.map(attentionOf);
  const blocked = attention.filter((a) => a.blocked).length;
  const refused = attention.filter((a) => !a.blocked && a.refusals).length;

  useEffect(() => {
    let closed = false;
    let close: (() => void) | null = null;
    call(api.GET('/api/v1/hackathons/{id}/dashboard', { params: { path: { id: hackathonId } } })).then(
      (d) => {
        if (closed) return;
        setRows(d.students);
        setTotals(d.totals);
        close = openTicketedStream(
          {
            url: `/api/v1/hackathons/${hackathonId}/dashboard/stream`,
            events: ['student', 'totals'],
            ticket: async () =>
              (
                await call(
                  api.POST('/api/v1/hackathons/{id}/dashboard/stream-ticket', {
                    params: { path: { id: hackathonId } },
                  }),
                )
              ).ticket,
          },
          {
            onEvent: (event, data) => {
              if (event === 'student' && isDashboardRow(data)) setRows((r) => mergeRow(r ?? [], data));
              if (event === 'totals' && isDashboardTotals(data)) setTotals(data);
            },
            onState: setState,
          },
        );
      },
      (err: unknown) => {
        if (!closed && err instanceof ApiError) setError(err);
      },
    );
    return () => {
      closed = true;
      close?.();
    };
  }, [hackathonId]);

  return (
    <section className="card" aria-labelledby="tableau-titre">
      <h2 id="tableau-titre">Tableau de bord de la classe</h2>
      <ErrorMessage error={error} />
      {!rows || !totals ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <p role="status" aria-live="polite">
            {state === 'open' ? 'Mis à jour en direct.' : state === 'retrying' ? 'Reconnexion…' : 'Connexion…'}
          </p>
          <ul className="totals" aria-label="Totaux de la classe">
            <li>
              <strong>{fmt(totals.students)}</strong> {totals.students > 1 ? 'étudiants' : 'étudiant'}
            </li>
            <li>
              <strong>{fmt(totals.active)}</strong> {totals.active > 1 ? 'actifs (15 min)' : 'actif (15 min)'}
            </li>
            <li>
              <strong>{fmt(totals.prompts)}</strong> {totals.prompts > 1 ? 'prompts' : 'prompt'}
            </li>
            <li>
              <strong>{fmt(totals.tokens)}</strong> {totals.tokens > 1 ? 'tokens' : 'token'}
            </li>
            <li>
              <strong>{fmt(totals.pendingReplies)}</strong>{' '}
              {totals.pendingReplies > 1 ? 'réponses en attente' : 'réponse en attente'}
            </li>
            <li>
              <strong>{fmt(totals.failedReplies)}</strong>{' '}
              {totals.failedReplies > 1 ? 'réponses en échec' : 'réponse en échec'}
            </li>
            <li>
              <strong>{fmt(totals.submitted)}</strong> {totals.submitted > 1 ? 'versions finales' : 'version finale'}
            </li>
          </ul>
          {blocked + refused > 0 ? <Notice kind="warning">{attentionSummary(blocked, refused)}</Notice> : null}
          {rows.length === 0 ? (
            <p>Aucun étudiant pour le moment.</p>
          ) : phone ? (
            <DashboardCards rows={sorted} />
          ) : (
            <DashboardTable rows={sorted} />
          )}
          {rows.length > 0 ? (
            <QuotaForm
              hackathonId={hackathonId}
              rows={sorted}
              onSaved={(q) => {
                setRows((r) => withLimits(r ?? [], q));
                onQuota();
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
