import { useState } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Notice } from '../../ui/components';
import { allowedTransitions, statusBadge } from './status';

type Hackathon = Schema<'HackathonView'>;

/** The status of a hackathon and only the moves its table allows; results publication once it is over. */
export function StatusSection({ hackathon, onChange }: { hackathon: Hackathon; onChange: (h: Hackathon) => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const moves = allowedTransitions(hackathon.statut);

  async function act(what: () => Promise<Hackathon>, done: (h: Hackathon) => string) {
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      const h = await what();
      onChange(h);
      setSaid(done(h));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  const move = (statut: Hackathon['statut']) =>
    act(
      async () =>
        (
          await call(
            api.POST('/api/v1/hackathons/{id}/status', { params: { path: { id: hackathon.id } }, body: { statut } }),
          )
        ).hackathon,
      (h) => `Statut changé : ${h.statut}.`,
    );

  const publish = () =>
    act(
      async () => {
        await call(api.POST('/api/v1/hackathons/{id}/results/publish', { params: { path: { id: hackathon.id } } }));
        return { ...hackathon, resultatsPublies: true };
      },
      () => 'Résultats publiés : les étudiants voient leurs notes.',
    );

  return (
    <section className="card" aria-labelledby="statut-titre">
      <h2 id="statut-titre">Statut</h2>
      <p>
        Statut actuel : <span className={statusBadge(hackathon.statut)}>{hackathon.statut}</span>
      </p>
      {moves.length === 0 ? <p>Plus aucun changement de statut possible.</p> : null}
      <div className="button-row">
        {moves.map((m) => (
          <button key={m.to} type="button" disabled={busy} onClick={() => void move(m.to)}>
            {m.label}
          </button>
        ))}
      </div>
      {hackathon.statut === 'Terminé' || hackathon.statut === 'Archivé' ? (
        <>
          <h3>Résultats</h3>
          {hackathon.resultatsPublies ? (
            <p>Les résultats sont publiés.</p>
          ) : hackathon.statut === 'Terminé' ? (
            <button type="button" disabled={busy} onClick={() => void publish()}>
              Publier les résultats
            </button>
          ) : (
            <p>Les résultats n’ont pas été publiés.</p>
          )}
        </>
      ) : null}
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
    </section>
  );
}
