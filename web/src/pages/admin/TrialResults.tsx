import type { ChecksTrial } from '../../api/verifications';
import { formatNumber, plural } from '../../ui/format';
import { statutWords } from './checks-words';
import { CaseRun } from './CaseRun';

/** What a try gave: its state, the cases passed, then each case with its answer and reasons. */
export function TrialResults({ trial }: { trial: ChecksTrial }) {
  const done = trial.statut !== 'en_attente';
  return (
    <div className="trial-results">
      <p>
        <strong>{statutWords(trial.statut)}</strong>
        {done ? ` — ${plural(trial.reussis, 'cas réussi', 'cas réussis')} sur ${formatNumber(trial.total)}` : ''}
        {done && trial.tokensFactures ? `, ${formatNumber(trial.tokensFactures)} tokens décomptés du budget` : ''}.
      </p>
      {trial.raison ? <p className="field-error">{trial.raison.message}</p> : null}
      <ol className="case-runs">
        {trial.cas.map((c, i) => (
          <li key={i}>
            <CaseRun
              title={`Cas ${i + 1} (${c.public ? 'public' : 'caché'})`}
              entrees={c.entrees}
              runs={c.reussi === null ? [] : [{ reussi: c.reussi, reponse: c.reponse ?? '', raisons: c.raisons }]}
              pending={!done}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
