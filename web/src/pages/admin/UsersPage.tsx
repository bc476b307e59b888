import { useState } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Field, Loading, Notice, Page, Pager, formatDate } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { CreateUserForm } from './CreateUserForm';
import { ImportUsers } from './ImportUsers';
import { ROLES, ROLE_LABELS, type Role } from './roles';

const LIMIT = 20;
type Filter = 'student' | 'examiner' | 'admin' | '';

/** `/admin/utilisateurs`: the accounts, by role; create one, import a class, change a role, re-send an invitation. */
export function UsersPage() {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<Filter>('');
  const users = useLoad(
    () =>
      call(
        api.GET('/api/v1/users', {
          params: { query: { page, limit: LIMIT, ...(filter ? { role: filter } : {}) } },
        }),
      ),
    [page, filter],
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  async function act(what: () => Promise<string>) {
    setError(null);
    setSaid(null);
    try {
      setSaid(await what());
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }

  const changeRole = (id: string, who: string, role: Role) =>
    act(async () => {
      await call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { role } }));
      await users.reload();
      return `${who} est maintenant : ${ROLE_LABELS[role]}.`;
    });
  const resend = (id: string, who: string, email: string) =>
    act(async () => {
      await call(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } }));
      return `Invitation renvoyée à ${who} (${email}).`;
    });

  return (
    <Page title="Utilisateurs">
      <div className="columns">
        <CreateUserForm onCreated={() => void users.reload()} />
        <ImportUsers onDone={() => void users.reload()} />
      </div>
      <section className="card" aria-labelledby="comptes-titre">
        <h2 id="comptes-titre">Comptes</h2>
        <div className="admin-filter">
          <Field label="Filtrer par rôle">
            {(p) => (
              <select
                {...p}
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value as Filter);
                  setPage(1);
                }}
              >
                <option value="">Tous les rôles</option>
                <option value="student">Étudiants</option>
                <option value="examiner">Examinateurs</option>
                <option value="admin">Administrateurs</option>
              </select>
            )}
          </Field>
        </div>
        <ErrorMessage error={error} />
        {said ? <Notice kind="success">{said}</Notice> : null}
        <ErrorMessage error={users.error} />
        {users.loading && !users.data ? <Loading /> : null}
        {users.data && users.data.items.length === 0 ? <p>Aucun compte.</p> : null}
        {users.data && users.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Créé le</th>
                  <th scope="col">Invitation</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => {
                  const who = `${u.prenom} ${u.nom}`;
                  return (
                    <tr key={u.id}>
                      <th scope="row">{who}</th>
                      <td>{u.email}</td>
                      <td>
                        <select
                          aria-label={`Rôle de ${who}`}
                          value={u.role}
                          onChange={(e) => void changeRole(u.id, who, e.target.value as Role)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{formatDate(u.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Renvoyer l’invitation à ${who}`}
                          onClick={() => void resend(u.id, who, u.email)}
                        >
                          Renvoyer l’invitation
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {users.data ? <Pager page={page} pages={Math.ceil(users.data.total / LIMIT)} onPage={setPage} /> : null}
      </section>
    </Page>
  );
}
