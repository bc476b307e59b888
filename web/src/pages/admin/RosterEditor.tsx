import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Notice } from '../../ui/components';
import { plural } from '../../ui/format';
import { useLoad } from '../../ui/use-load';

/** The roster of a `liste` hackathon: the students allowed in (the complete list is saved). */
export function RosterEditor({ hackathonId, onSaved }: { hackathonId: string; onSaved: () => void }) {
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
      setSaid(`Liste enregistrée : ${plural(r.count, 'étudiant', 'étudiants')}.`);
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
