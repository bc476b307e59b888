import type { SubmissionChecks } from '../../api/verifications';
import { formatNumber } from '../../ui/format';
import { CaseRun } from './CaseRun';
import { scoreWords, statutWords } from './checks-words';

/** One final version's checks: state, score, passed runs, then each case's runs behind « Résultats par cas ». */
export function SubmissionChecksCard({ who, task, checks }: { who: string; task: string; checks: SubmissionChecks }) {
  const pending = checks.statut === 'en_attente';
  return (
    <article className="submission-check" aria-label={`${who}, ${task}`}>
      <h3>
        {who} — {task}
      </h3>
      <dl className="facts">
        <dt>État</dt>
        <dd>{statutWords(checks.statut)}</dd>
        <dt>Score</dt>
        <dd>{scoreWords(checks.score)}</dd>
        <dt>Exécutions réussies</dt>
        <dd>
          {checks.reussis === null || checks.total === null
            ? '—'
            : `${formatNumber(checks.reussis)} sur ${formatNumber(checks.total)}`}
        </dd>
        <dt>Tokens du prompt</dt>
        <dd>{formatNumber(checks.tokensPrompt)}</dd>
      </dl>
      {checks.raison ? <p className="field-error">{checks.raison.message}</p> : null}
      <details>
        <summary>Résultats par cas ({who})</summary>
        <ol className="case-runs">
          {checks.cas.map((c, i) => (
            <li key={i}>
              <CaseRun
                title={`Cas ${i + 1} (${c.public ? 'public' : 'caché'})`}
                runs={c.executions}
                pending={pending}
              />
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
