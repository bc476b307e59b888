import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { Field, Notice } from '../../ui/components';
import { formErrorsOf, type FormErrors } from '../../ui/form-errors';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { ROLES, ROLE_LABELS, type Role } from './roles';

type UserField = 'prenom' | 'nom' | 'email' | 'role' | 'password';
const LABELS: Record<UserField, string> = {
  prenom: 'Prénom',
  nom: 'Nom',
  email: 'Adresse e-mail',
  role: 'Rôle',
  password: 'Mot de passe',
};
const PATHS: Record<string, UserField> = {
  prenom: 'prenom',
  nom: 'nom',
  email: 'email',
  role: 'role',
  password: 'password',
};
const CODES = { EMAIL_TAKEN: { field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' } } as const;
const NO_ERRORS: FormErrors<UserField> = { fields: {}, others: [] };

/** What the form says before sending (the server checks the rest: e-mail format, names). */
function ownErrors(v: Record<UserField, string>): Partial<Record<UserField, string>> {
  const e: Partial<Record<UserField, string>> = {};
  if (!v.prenom.trim()) e.prenom = 'Indiquez le prénom.';
  if (!v.nom.trim()) e.nom = 'Indiquez le nom.';
  if (!v.email.trim()) e.email = 'Indiquez l’adresse e-mail : l’invitation y est envoyée.';
  if (v.password && v.password.length < 8)
    e.password = 'Au moins 8 caractères, ou laissez vide pour inviter par e-mail.';
  return e;
}

/** A new account; without a password the API mails an invitation. */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [values, setValues] = useState<Record<UserField, string>>({
    prenom: '',
    nom: '',
    email: '',
    role: 'student',
    password: '',
  });
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState(NO_ERRORS);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusInvalid) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const own = tried ? ownErrors(values) : {};
  const errorOf = (f: UserField) => own[f] ?? server.fields[f] ?? null;
  const set = (f: UserField, v: string) => {
    setValues({ ...values, [f]: v });
    if (server.fields[f])
      setServer({ ...server, fields: Object.fromEntries(Object.entries(server.fields).filter(([k]) => k !== f)) });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    setServer(NO_ERRORS);
    setSaid(null);
    if (Object.keys(ownErrors(values)).length > 0) return setFocusInvalid((n) => n + 1);
    setBusy(true);
    try {
      const { prenom, nom, email, password } = values;
      const { user } = await call(
        api.POST('/api/v1/users', {
          body: { prenom, nom, email, role: values.role as Role, ...(password ? { password } : {}) },
        }),
      );
      setSaid(
        password
          ? `Compte créé pour ${user.prenom} ${user.nom}.`
          : `Compte créé pour ${user.prenom} ${user.nom} : une invitation a été envoyée à ${user.email}.`,
      );
      setValues({ ...values, prenom: '', nom: '', email: '', password: '' });
      setTried(false);
      onCreated();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setServer(formErrorsOf<UserField>(err, PATHS, CODES));
      setFocusInvalid((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const inError = (Object.keys(LABELS) as UserField[]).filter((f) => errorOf(f));
  return (
    <form className="card" onSubmit={submit} aria-labelledby="creer-titre" noValidate ref={form}>
      <h2 id="creer-titre">Créer un compte</h2>
      <div className="columns">
        <Field label="Prénom" error={errorOf('prenom')}>
          {(p) => <input {...p} value={values.prenom} onChange={(e) => set('prenom', e.target.value)} required />}
        </Field>
        <Field label="Nom" error={errorOf('nom')}>
          {(p) => <input {...p} value={values.nom} onChange={(e) => set('nom', e.target.value)} required />}
        </Field>
      </div>
      <Field label="Adresse e-mail" error={errorOf('email')}>
        {(p) => (
          <input {...p} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} required />
        )}
      </Field>
      <Field label="Rôle" error={errorOf('role')}>
        {(p) => (
          <select {...p} value={values.role} onChange={(e) => set('role', e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Mot de passe (facultatif)"
        hint="Sans mot de passe, la personne reçoit une invitation par e-mail."
        error={errorOf('password')}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
          />
        )}
      </Field>
      <FormErrorSummary fields={inError.map((f) => LABELS[f])} others={server.others} />
      <button type="submit" disabled={busy}>
        Créer le compte
      </button>
      {said ? <Notice kind="success">{said}</Notice> : null}
    </form>
  );
}
