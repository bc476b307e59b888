import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Loading, Notice } from '../../ui/components';
import { plural } from '../../ui/format';
import { useLoad } from '../../ui/use-load';

/** The hackathon's jury: chosen among the examiners. */
export function JurySection({ hackathonId, onSaved }: { hackathonId: string; onSaved: () => void }) {
  const jury = useLoad(
    () => call(api.GET('/api/v1/hackathons/{id}/examiners', { params: { path: { id: hackathonId } } })),
    [hackathonId],
  );
  const examiners = useLoad(
    () => call(api.GET('/api/v1/users', { params: { query: { role: 'examiner', limit: 100 } } })),
    [],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (jury.data) setChosen(new Set(jury.data.examinerIds));
  }, [jury.data]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  async function save() {
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      const saved = await call(
        api.PUT('/api/v1/hackathons/{id}/examiners', {
          params: { path: { id: hackathonId } },
          body: { examinerIds: [...chosen] },
        }),
      );
      jury.set(saved);
      setSaid(`Jury enregistré : ${plural(saved.examiners.length, 'examinateur', 'examinateurs')}.`);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="jury-titre">
      <h2 id="jury-titre">Jury</h2>
      <ErrorMessage error={jury.error ?? examiners.error} />
      {!jury.data || !examiners.data ? (
        <Loading />
      ) : examiners.data.items.length === 0 ? (
        <p>
          Aucun examinateur : créez-en depuis la <Link to="/admin/utilisateurs">page Utilisateurs</Link> (un par un, ou
          par import CSV avec le rôle « examinateur »).
        </p>
      ) : (
        <fieldset>
          <legend>Examinateurs du jury</legend>
          <ul className="checks">
            {examiners.data.items.map((u) => (
              <li key={u.id}>
                <label>
                  <input type="checkbox" checked={chosen.has(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
                  {u.prenom} {u.nom} ({u.email})
                </label>
              </li>
            ))}
          </ul>
          <button type="button" disabled={busy} onClick={() => void save()}>
            Enregistrer le jury
          </button>
        </fieldset>
      )}
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
    </section>
  );
}
