import { useState } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { useSession } from '../../app/use-session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage, Field, Loading, Notice, Page, Pager } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { CreateUserForm } from './CreateUserForm';
import { ImportUsers } from './ImportUsers';
import { ROLE_LABELS, type Role } from './roles';
import { deleteConsequences, eraseConsequences } from './user-actions';
import { UserRow } from './UserRow';

const LIMIT = 20;
type Filter = 'student' | 'examiner' | 'admin' | '';
type Asked = { kind: 'supprimer' | 'effacer'; user: Schema<'PublicUser'> };

/**
 * `/admin/utilisateurs`: the accounts, by role; create one, import a class, change a role,
 * re-send an invitation, delete an account or erase a person's data (both confirmed first).
 */
export function UsersPage() {
  const self = useSession()?.user.id ?? null;
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
  const [asked, setAsked] = useState<Asked | null>(null);

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
      await users.reload();
      return `Invitation renvoyée à ${who} (${email}).`;
    });

  function confirmed() {
    if (!asked) return;
    const { kind, user } = asked;
    const who = `${user.prenom} ${user.nom}`;
    const path = { id: user.id };
    setAsked(null);
    void act(async () => {
      if (kind === 'supprimer') await call(api.DELETE('/api/v1/users/{id}', { params: { path } }));
      else await call(api.POST('/api/v1/admin/users/{id}/erase', { params: { path } }));
      await users.reload();
      return kind === 'supprimer'
        ? `Compte de ${who} supprimé : cette personne ne peut plus se connecter.`
        : `Données personnelles de ${who} effacées.`;
    });
  }

  const askedWho = asked ? `${asked.user.prenom} ${asked.user.nom}` : '';
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
                  <th scope="col">Compte</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => {
                  const who = `${u.prenom} ${u.nom}`;
                  return (
                    <UserRow
                      key={u.id}
                      user={u}
                      self={u.id === self}
                      onRole={(role) => void changeRole(u.id, who, role)}
                      onResend={() => void resend(u.id, who, u.email)}
                      onDelete={() => setAsked({ kind: 'supprimer', user: u })}
                      onErase={() => setAsked({ kind: 'effacer', user: u })}
                    />
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {users.data ? <Pager page={page} pages={Math.ceil(users.data.total / LIMIT)} onPage={setPage} /> : null}
      </section>
      <ConfirmDialog
        open={asked !== null}
        title={
          asked?.kind === 'effacer'
            ? `Effacer les données personnelles de ${askedWho} ?`
            : `Supprimer le compte de ${askedWho} ?`
        }
        confirmLabel={asked?.kind === 'effacer' ? 'Effacer les données' : 'Supprimer le compte'}
        onConfirm={confirmed}
        onCancel={() => setAsked(null)}
      >
        <ul>
          {(asked ? (asked.kind === 'effacer' ? eraseConsequences : deleteConsequences)(asked.user) : []).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </Page>
  );
}
