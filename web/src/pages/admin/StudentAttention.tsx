import { formatDate } from '../../ui/components';
import { attentionOf, refusalWords, type DashboardRow } from './dashboard';

/** Why a student of the dashboard needs the teacher (dashboard.ts attentionOf), or "—". */
export function StudentAttention({ row }: { row: DashboardRow }) {
  const a = attentionOf(row);
  const refusals = refusalWords(a.refusals, formatDate);
  if (!a.blocked && !refusals) return <>—</>;
  return (
    <>
      {a.blocked ? (
        <p className="cell-line">
          <span className="badge badge-error">Bloqué</span> {a.blocked.replace(/^Bloqué : /, '')}
        </p>
      ) : null}
      {refusals ? (
        <p className="cell-line">
          <span className="badge badge-warn">Refus</span> {refusals}
        </p>
      ) : null}
    </>
  );
}
