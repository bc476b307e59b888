import { useLocation } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useLoad } from '../../ui/use-load';
import { classSteps, nextStep, type ClassFacts } from './class-steps';
import { StepLink } from './StepLink';
import { invitationCounts } from './invitations';

const quietly = <T,>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

/** Reads what the steps need; a figure that cannot be read leaves its step « à faire » with its explanation. */
async function loadFacts(h: Schema<'HackathonView'> | null): Promise<Omit<ClassFacts, 'hackathon'>> {
  const path = { id: h?.id ?? '' };
  const [roles, users, jury, roster, stats] = await Promise.all([
    quietly(call(api.GET('/api/v1/users/stats/roles'))),
    quietly(call(api.GET('/api/v1/users', { params: { query: { limit: 100 } } }))),
    h ? quietly(call(api.GET('/api/v1/hackathons/{id}/examiners', { params: { path } }))) : null,
    h?.acces === 'liste'
      ? quietly(call(api.GET('/api/v1/hackathons/{id}/participants', { params: { path, query: { limit: 1 } } })))
      : null,
    h ? quietly(call(api.GET('/api/v1/hackathons/{id}/evaluations/stats', { params: { path } }))) : null,
  ]);
  const count = (role: string) => roles?.find((r) => r.role === role)?.count ?? 0;
  return {
    accounts: roles
      ? {
          students: count('student'),
          examiners: count('examiner'),
          invitations: users ? invitationCounts(users.items) : null,
        }
      : null,
    jury: jury ? jury.examinerIds.length : null,
    roster: roster ? roster.total : null,
    assigned: stats ? stats.examiners.reduce((n, e) => n + e.total, 0) : null,
  };
}

/**
 * The getting-started path (class-steps.ts): the steps of a class with their state, each a link
 * to where it is done. `version` changes when the page changed something the steps count.
 */
export function ClassSteps({
  hackathon,
  version = 0,
}: {
  hackathon: Schema<'HackathonView'> | null;
  version?: number;
}) {
  const facts = useLoad(() => loadFacts(hackathon), [hackathon?.id, hackathon?.acces, version]);
  const location = useLocation();
  const h = hackathon;
  const steps = classSteps({
    accounts: null,
    jury: null,
    roster: null,
    assigned: null,
    ...facts.data,
    hackathon: h ? { id: h.id, statut: h.statut, acces: h.acces, resultatsPublies: h.resultatsPublies } : null,
  });
  const next = nextStep(steps);
  return (
    <section className="card class-steps" aria-labelledby="etapes-titre">
      <h2 id="etapes-titre">Les étapes de la classe</h2>
      <ol>
        {steps.map((s) => (
          <li key={s.key} className={`step step-${s.state}`} aria-current={s === next ? 'step' : undefined}>
            <span className="step-state">
              {s.state === 'fait' ? 'Fait' : s === next ? 'Prochaine étape' : 'À faire'}
            </span>
            <StepLink step={s} here={location.pathname} />
            <span className="hint">{s.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
