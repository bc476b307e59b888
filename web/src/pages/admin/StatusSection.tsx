import { useRef, useState } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage, Notice, formatDate } from '../../ui/components';
import {
  archiveConsequences,
  endConsequences,
  endFigures,
  gradingFigures,
  openConsequences,
  publishConsequences,
} from './consequences';
import { IRREVERSIBLE, TRANSITION_LABELS, allowedTransitions, statusBadge, type Statut } from './status';

type Hackathon = Schema<'HackathonView'>;
type Asked = { action: Statut | 'publier'; title: string; confirmLabel: string; lines: string[] };

/**
 * The status of a hackathon and only the moves its table allows, each explained in a sentence;
 * results publication once it is over. What cannot be undone is confirmed first, with the
 * class's figures read at that moment (dashboard, roster, leaderboard).
 */
export function StatusSection({ hackathon, onChange }: { hackathon: Hackathon; onChange: (h: Hackathon) => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [asked, setAsked] = useState<Asked | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moves = allowedTransitions(hackathon.statut);
  const id = hackathon.id;

  async function act(what: () => Promise<Hackathon>, done: (h: Hackathon) => string) {
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      const h = await what();
      onChange(h);
      setSaid(done(h));
      // The button pressed is gone with the old status: the heading keeps the reader in place.
      heading.current?.focus();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  const move = (statut: Statut) =>
    act(
      async () =>
        (await call(api.POST('/api/v1/hackathons/{id}/status', { params: { path: { id } }, body: { statut } })))
          .hackathon,
      (h) => `Statut changé : ${h.statut}.`,
    );

  const publish = () =>
    act(
      async () => {
        await call(api.POST('/api/v1/hackathons/{id}/results/publish', { params: { path: { id } } }));
        return { ...hackathon, resultatsPublies: true };
      },
      () => 'Résultats publiés : les étudiants voient leurs notes.',
    );

  /** The consequences of `action`, with figures read now; a figure that cannot be read is said so. */
  async function consequencesOf(action: Asked['action']): Promise<string[]> {
    const quietly = <T,>(p: Promise<T>) => p.catch(() => null);
    if (action === 'Terminé') {
      const d = await quietly(call(api.GET('/api/v1/hackathons/{id}/dashboard', { params: { path: { id } } })));
      return endConsequences(d ? endFigures(d.students, hackathon.taches.length) : null, hackathon.acces);
    }
    if (action === 'En cours') {
      const roster =
        hackathon.acces === 'liste'
          ? await quietly(
              call(
                api.GET('/api/v1/hackathons/{id}/participants', {
                  params: { path: { id }, query: { page: 1, limit: 1 } },
                }),
              ),
            )
          : null;
      const when = `du ${formatDate(hackathon.dates.debut)} au ${formatDate(hackathon.dates.fin)}`;
      return openConsequences(hackathon, when, roster ? roster.total : null);
    }
    const board = await quietly(call(api.GET('/api/v1/hackathons/{id}/leaderboard', { params: { path: { id } } })));
    const figures = board ? gradingFigures(board.items) : null;
    return action === 'publier'
      ? publishConsequences(figures)
      : archiveConsequences(figures, hackathon.resultatsPublies);
  }

  async function ask(action: Asked['action']) {
    if (busy) return;
    setBusy(true);
    try {
      const lines = await consequencesOf(action);
      const label = action === 'publier' ? 'Publier les résultats' : TRANSITION_LABELS[action];
      setAsked({ action, lines, confirmLabel: label, title: `${label} « ${hackathon.nom} » ?` });
    } finally {
      setBusy(false);
    }
  }

  function confirm() {
    const action = asked?.action;
    setAsked(null);
    if (action === 'publier') void publish();
    else if (action) void move(action);
  }

  return (
    <section className="card" aria-labelledby="statut-titre">
      <h2 id="statut-titre" ref={heading} tabIndex={-1}>
        Statut
      </h2>
      <p>
        Statut actuel : <span className={statusBadge(hackathon.statut)}>{hackathon.statut}</span>
      </p>
      {moves.length === 0 ? <p>Plus aucun changement de statut possible.</p> : null}
      <div className="button-row">
        {moves.map((m, i) => (
          <button
            key={m.to}
            type="button"
            aria-describedby={`statut-aide-${i}`}
            disabled={busy && !IRREVERSIBLE.has(m.to)}
            onClick={() => void (IRREVERSIBLE.has(m.to) ? ask(m.to) : move(m.to))}
          >
            {m.label}
          </button>
        ))}
      </div>
      {moves.length > 0 ? (
        <ul className="status-hints">
          {moves.map((m, i) => (
            <li key={m.to} id={`statut-aide-${i}`}>
              {m.hint}
            </li>
          ))}
        </ul>
      ) : null}
      {hackathon.statut === 'Terminé' || hackathon.statut === 'Archivé' ? (
        <>
          <h3 id="resultats-titre">Résultats</h3>
          {hackathon.resultatsPublies ? (
            <p>Les résultats sont publiés.</p>
          ) : hackathon.statut === 'Terminé' ? (
            <button type="button" onClick={() => void ask('publier')}>
              Publier les résultats
            </button>
          ) : (
            <p>Les résultats n’ont pas été publiés.</p>
          )}
        </>
      ) : null}
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
      <ConfirmDialog
        open={asked !== null}
        title={asked?.title ?? ''}
        confirmLabel={asked?.confirmLabel ?? ''}
        onConfirm={confirm}
        onCancel={() => setAsked(null)}
      >
        <ul>
          {(asked?.lines ?? []).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}
