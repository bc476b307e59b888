import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Field, Notice } from '../../ui/components';
import { ROLES, ROLE_LABELS, type Role } from './roles';

/** A new account; without a password the API mails an invitation. */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [prenom, setPrenom] = useState('');
  const [nom, setNom] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('student');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      const { user } = await call(
        api.POST('/api/v1/users', {
          body: { prenom, nom, email, role, ...(password ? { password } : {}) },
        }),
      );
      setSaid(
        password
          ? `Compte créé pour ${user.prenom} ${user.nom}.`
          : `Compte créé pour ${user.prenom} ${user.nom} : une invitation a été envoyée à ${user.email}.`,
      );
      setPrenom('');
      setNom('');
      setEmail('');
      setPassword('');
      onCreated();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="creer-titre">
      <h2 id="creer-titre">Créer un compte</h2>
      <div className="columns">
        <Field label="Prénom">
          {(p) => <input {...p} value={prenom} onChange={(e) => setPrenom(e.target.value)} required />}
        </Field>
        <Field label="Nom">
          {(p) => <input {...p} value={nom} onChange={(e) => setNom(e.target.value)} required />}
        </Field>
      </div>
      <Field label="Adresse e-mail">
        {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />}
      </Field>
      <Field label="Rôle">
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Mot de passe (facultatif)" hint="Sans mot de passe, la personne reçoit une invitation par e-mail.">
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        Créer le compte
      </button>
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
    </form>
  );
}
