import { useEffect, useState } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Loading, Notice, Pager, formatDate } from '../../ui/components';
import { useLoad } from '../../ui/use-load';

const LIMIT = 20;
const fmt = (n: number) => n.toLocaleString('fr-FR');

/** Who takes part: the participants with their usage; for a `liste` hackathon, the roster to choose. */
export function RosterSection({ hackathon, version }: { hackathon: Schema<'HackathonView'>; version: number }) {
  const [page, setPage] = useState(1);
  const participants = useLoad(
    () =>
      call(
        api.GET('/api/v1/hackathons/{id}/participants', {
          params: { path: { id: hackathon.id }, query: { page, limit: LIMIT } },
        }),
      ),
    [hackathon.id, page, version],
  );
  return (
    <section className="card" aria-labelledby="participants-titre">
      <h2 id="participants-titre">Participants</h2>
      {hackathon.acces === 'liste' ? (
        <RosterEditor hackathonId={hackathon.id} onSaved={() => void participants.reload()} />
      ) : (
        <p>Ce hackathon est ouvert à tous les étudiants : chacun apparaît ici dès qu’il y travaille.</p>
      )}
      <h3>Consommation des participants</h3>
      <ErrorMessage error={participants.error} />
      {participants.loading && !participants.data ? <Loading /> : null}
      {participants.data && participants.data.items.length === 0 ? <p>Aucun participant pour le moment.</p> : null}
      {participants.data && participants.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Étudiant</th>
                <th scope="col">Prompts</th>
                <th scope="col">Tokens</th>
                <th scope="col">Dernière activité</th>
              </tr>
            </thead>
            <tbody>
              {participants.data.items.map((p) => (
                <tr key={p.studentId}>
                  <td>
                    {p.prenom} {p.nom}
                  </td>
                  <td className="num">
                    {fmt(p.promptsUsed)} / {fmt(p.promptsLimit)}
                  </td>
                  <td className="num">
                    {fmt(p.tokensUsed)} / {fmt(p.tokensLimit)}
                  </td>
                  <td>{formatDate(p.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {participants.data ? (
        <Pager page={page} pages={Math.ceil(participants.data.total / LIMIT)} onPage={setPage} />
      ) : null}
    </section>
  );
}

/** The roster of a `liste` hackathon: the students allowed in (the complete list is saved). */
function RosterEditor({ hackathonId, onSaved }: { hackathonId: string; onSaved: () => void }) {
  const students = useLoad(
    () => call(api.GET('/api/v1/users', { params: { query: { role: 'student', limit: 100 } } })),
    [],
  );
  const current = useLoad(
    () =>
      call(
        api.GET('/api/v1/hackathons/{id}/participants', {
          params: { path: { id: hackathonId }, query: { page: 1, limit: 100 } },
        }),
      ),
    [hackathonId],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (current.data) setChosen(new Set(current.data.items.map((p) => p.studentId)));
  }, [current.data]);

  async function save() {
    setError(null);
    setSaid(null);
    try {
      const r = await call(
        api.PUT('/api/v1/hackathons/{id}/participants', {
          params: { path: { id: hackathonId } },
          body: { studentIds: [...chosen] },
        }),
      );
      setSaid(`Liste enregistrée : ${r.count} étudiant${r.count > 1 ? 's' : ''}.`);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }

  if (!students.data || !current.data) return <ErrorMessage error={students.error ?? current.error} />;
  return (
    <details>
      <summary>Choisir la liste des étudiants</summary>
      <fieldset>
        <legend>Étudiants autorisés</legend>
        <ul className="checks">
          {students.data.items.map((u) => (
            <li key={u.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(u.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(u.id);
                    else next.delete(u.id);
                    setChosen(next);
                  }}
                />
                {u.prenom} {u.nom} ({u.email})
              </label>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void save()}>
          Enregistrer la liste
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
    </details>
  );
}
