import type { Schema } from '@prompt-challenge/api-client';
import { CaseInputs } from '../../ui/CaseInputs';
import { CaseOutcome } from '../../ui/CaseOutcome';
import { CaseRules } from '../../ui/CaseRules';
import { formatNumber } from '../../ui/format';
import { CaseRuns } from '../../ui/CaseRuns';

type Verification = Schema<'VerificationView'>;
type TaskCase = Schema<'VerificationCaseView'>;

const STATUT: Record<Verification['statut'], string> = {
  en_attente: 'en cours',
  terminee: 'terminée',
  budget_epuise: 'arrêtée : budget de vérification épuisé',
  echec: 'échouée',
};

const percent = (score: number | null) =>
  score === null ? '—' : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(score);

/**
 * The automatic checks of a copy, every case (hidden ones too: examiners grade with them), in a
 * few lines: the score, the runs passed, the prompt's tokens, then one line per case with its
 * inputs and expected rules (when the task's definition is known) and its answers folded.
 */
export function CopyChecks({ v, cases }: { v: Verification; cases?: TaskCase[] }) {
  return (
    <section className="card" aria-labelledby="verification-copie">
      <h2 id="verification-copie">Vérification automatique</h2>
      <dl className="facts">
        <dt>État</dt>
        <dd>{STATUT[v.statut]}</dd>
        <dt>Score</dt>
        <dd>
          <strong>{percent(v.score)}</strong>
        </dd>
        <dt>Essais réussis</dt>
        <dd>
          {v.reussis !== null && v.total !== null ? `${formatNumber(v.reussis)} sur ${formatNumber(v.total)}` : '—'}
        </dd>
        <dt>Tokens du prompt</dt>
        <dd>{formatNumber(v.tokensPrompt)}</dd>
      </dl>
      {v.raison ? <p>{v.raison.message}</p> : null}
      <ol className="cases" aria-label="Résultats par cas">
        {v.cas.map((c, i) => {
          const many = c.executions.length > 1;
          const def = cases?.[i];
          return (
            <CaseOutcome
              key={i}
              title={`Cas ${i + 1} (${c.public ? 'public' : 'caché'})`}
              reussi={c.executions.length ? c.reussi : null}
              notRun={v.statut === 'en_attente' ? 'En cours…' : 'Non essayé'}
              reponse={many ? null : (c.executions[0]?.reponse ?? null)}
              raisons={many ? [] : (c.executions[0]?.raisons ?? [])}
            >
              {def ? (
                <>
                  <CaseInputs entrees={def.entrees} />
                  <CaseRules attendu={def.attendu} />
                </>
              ) : null}
              <CaseRuns executions={c.executions} />
            </CaseOutcome>
          );
        })}
      </ol>
    </section>
  );
}
