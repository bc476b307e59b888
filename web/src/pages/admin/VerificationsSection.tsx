import type { Schema } from '@prompt-challenge/api-client';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { getVerificationBudget, listSubmissions, rerunVerifications } from '../../api/verifications';
import { ErrorMessage, Loading } from '../../ui/components';
import { formatNumber, plural } from '../../ui/format';
import { useLoad } from '../../ui/use-load';
import { adminJobReport } from './job-api';
import { JobStatus } from './JobStatus';
import { SubmissionChecksCard } from './SubmissionChecksCard';
import { useJob } from './use-job';

/**
 * The automatic checks of the hackathon's final versions (API 1.2): the verification budget,
 * each submission's state, score and cases (hidden ones too: the teacher's view), and the
 * re-run of them all after a task's checks or the budget changed (admin job).
 */
export function VerificationsSection({ hackathon, version }: { hackathon: Schema<'HackathonView'>; version: number }) {
  const id = hackathon.id;
  const checked = hackathon.taches.filter((t) => t.avecVerification);
  const data = useLoad(async () => {
    const [submissions, budget, board] = await Promise.all([
      listSubmissions(id),
      getVerificationBudget(id),
      call(api.GET('/api/v1/hackathons/{id}/leaderboard', { params: { path: { id } } })).catch(() => null),
    ]);
    // Names from the ranking's rows (the admin's view), when it has them.
    const names = new Map(
      (board?.items ?? []).map((r) => [
        r.conversationId,
        r.student ? `${r.student.prenom} ${r.student.nom} (${r.candidat})` : r.candidat,
      ]),
    );
    const checkedOnes = submissions.flatMap((s) =>
      s.versionFinale?.verification ? [{ id: s.id, tacheId: s.tacheId, checks: s.versionFinale.verification }] : [],
    );
    return { submissions: checkedOnes, budget, names };
  }, [id, version]);
  const start = useCallback(() => rerunVerifications(id), [id]);
  const job = useJob(start, adminJobReport);
  const taskTitle = (tacheId: string) => hackathon.taches.find((t) => t.id === tacheId)?.titre ?? '—';

  return (
    <section className="card" aria-labelledby="verifications-titre">
      <h2 id="verifications-titre">Vérifications</h2>
      {checked.length === 0 ? (
        <p>Aucune tâche n’a de vérification automatique. Ajoutez-en dans « Modifier », tâche par tâche.</p>
      ) : (
        <p>
          {plural(checked.length, 'tâche vérifiée', 'tâches vérifiées')} automatiquement : chaque version finale est
          rejouée sur les cas de sa tâche, cachés compris.
        </p>
      )}
      <ErrorMessage error={data.error} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data ? (
        <>
          <p>
            Budget de vérification : {formatNumber(data.data.budget.utilises)} tokens utilisés sur{' '}
            {formatNumber(data.data.budget.limite)}, {formatNumber(data.data.budget.restants)} restants. Il se règle
            dans « Modifier » (budget de vérification) ; une vérification arrêtée faute de budget reprend à la relance.
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void data.reload()}>
              Actualiser les vérifications
            </button>
            <button type="button" disabled={job.running} onClick={() => void job.run().then(data.reload)}>
              Relancer les vérifications
            </button>
          </div>
          <JobStatus job={job} label="Relance des vérifications" name="rerun-verifications" />
          {data.data.submissions.length === 0 ? (
            <p>Aucune version finale vérifiée pour le moment.</p>
          ) : (
            <ul className="submission-checks">
              {data.data.submissions.map((s, i) => (
                <li key={s.id}>
                  <SubmissionChecksCard
                    who={data.data?.names.get(s.id) ?? `Soumission ${i + 1}`}
                    task={taskTitle(s.tacheId)}
                    checks={s.checks}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
