import type { Schema } from '@prompt-challenge/api-client';
import { CaseInputs } from '../../ui/CaseInputs';
import { CaseRules } from '../../ui/CaseRules';

/** The task's public examples: what each puts in the prompt, and what its answer must do. */
export function PublicCases({ cases }: { cases: Schema<'PublicCase'>[] }) {
  return (
    <ol className="cases" aria-label="Exemples publics">
      {cases.map((c, i) => (
        <li key={i} className="case">
          <p className="case-title">
            <strong>Exemple {i + 1}</strong>
          </p>
          <CaseInputs entrees={c.entrees} />
          <CaseRules attendu={c.attendu} />
        </li>
      ))}
    </ol>
  );
}
