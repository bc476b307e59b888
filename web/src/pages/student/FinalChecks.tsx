import type { Schema } from '@prompt-challenge/api-client';
import { formatNumber } from '../../ui/format';
import { CaseOutcome } from '../../ui/CaseOutcome';
import { formatScore, verificationStatus, type Verification } from './checks';
import { CaseInputs } from '../../ui/CaseInputs';
import { CaseRuns } from '../../ui/CaseRuns';

/**
 * The automatic checks of a submitted final version, as a student sees them: where they stand
 * (said to screen readers when it changes), each public example's runs, and the score once the
 * results are published (the API sends it null before, and never the hidden examples).
 */
export function FinalChecks({
  v,
  publicCases,
  headingLevel = 3,
}: {
  v: Verification;
  publicCases?: Schema<'PublicCase'>[];
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="final-checks">
      <Heading>Vérification automatique</Heading>
      <p role="status" className={v.statut === 'en_attente' ? 'essai-status' : undefined}>
        {verificationStatus(v)}
      </p>
      {v.raison ? <p>{v.raison.message}</p> : null}
      {v.score !== null ? (
        <p>
          Score : <strong>{formatScore(v.score)}</strong>
          {v.reussis !== null && v.total !== null
            ? ` (${formatNumber(v.reussis)} essai${v.reussis > 1 ? 's' : ''} réussi${v.reussis > 1 ? 's' : ''} sur ${formatNumber(v.total)}, exemples cachés compris)`
            : ''}
        </p>
      ) : v.statut === 'terminee' ? (
        <p className="hint">Votre score, exemples cachés compris, sera visible quand les résultats seront publiés.</p>
      ) : null}
      {v.statut !== 'en_attente' && v.cas.length > 0 ? (
        <ol className="cases" aria-label="Résultats sur les exemples publics">
          {v.cas.map((c, i) => {
            const many = c.executions.length > 1;
            return (
              <CaseOutcome
                key={i}
                title={`Exemple public ${i + 1}`}
                reussi={c.executions.length ? c.reussi : null}
                notRun="Non essayé"
                reponse={many ? null : (c.executions[0]?.reponse ?? null)}
                raisons={many ? [] : (c.executions[0]?.raisons ?? [])}
              >
                {publicCases?.[i] ? <CaseInputs entrees={publicCases[i].entrees} /> : null}
                <CaseRuns executions={c.executions} />
              </CaseOutcome>
            );
          })}
        </ol>
      ) : null}
    </div>
  );
}
