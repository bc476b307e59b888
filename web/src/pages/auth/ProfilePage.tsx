import { useEffect, useState, type FormEvent } from 'react';
import { changeMyPassword, exportMyData, getMe, updateMe } from '../../api/auth';
import { session } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ROLE_LABELS } from '../../app/Layout';
import { useSession } from '../../app/use-session';
import { downloadBlob } from '../../ui/download';
import { ErrorMessage, Field, Notice, Page } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';

/** `/profil`: who I am, my RGPD consent, my password, my data. */
export function ProfilePage() {
  const s = useSession();
  // The stored copy may be old (a role or a name changed since the sign-in): read it again.
  useEffect(() => {
    getMe()
      .then(({ user }) => session.updateUser(user))
      .catch(() => undefined);
  }, []);
  if (!s) return null;
  const u = s.user;
  return (
    <Page title="Mon profil">
      {u.role === '' ? (
        <Notice kind="warning">Votre compte n’a pas encore de rôle : un administrateur doit vous en donner un.</Notice>
      ) : null}
      <div className="columns">
        <section className="card" aria-labelledby="identite">
          <h2 id="identite">Identité</h2>
          <dl className="facts">
            <dt>Nom</dt>
            <dd>
              {u.prenom} {u.nom}
            </dd>
            <dt>E-mail</dt>
            <dd>{u.email}</dd>
            <dt>Rôle</dt>
            <dd>{ROLE_LABELS[u.role]}</dd>
            {u.numeroEtudiant ? (
              <>
                <dt>Numéro étudiant</dt>
                <dd>{u.numeroEtudiant}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <ConsentCard consent={u.consentementRGPD} />
      </div>
      <div className="columns">
        <PasswordCard />
        <section className="card" aria-labelledby="donnees">
          <h2 id="donnees">Mes données</h2>
          <p>Téléchargez tout ce que la plateforme garde sur vous (RGPD), au format JSON.</p>
          <ExportButton />
        </section>
      </div>
    </Page>
  );
}

function ConsentCard({ consent }: { consent: boolean }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const toggle = async (value: boolean) => {
    setError(null);
    setSaved(false);
    try {
      const { user } = await updateMe({ consentementRGPD: value });
      session.updateUser(user);
      setSaved(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section className="card" aria-labelledby="consentement">
      <h2 id="consentement">Consentement</h2>
      <div className="field checkbox">
        <input id="rgpd" type="checkbox" checked={consent} onChange={(e) => void toggle(e.target.checked)} />
        <label htmlFor="rgpd">
          J’accepte que mes conversations et résultats soient traités pour le hackathon (RGPD).
        </label>
      </div>
      {saved ? <Notice kind="success">Consentement enregistré.</Notice> : null}
      <ErrorMessage error={error} />
    </section>
  );
}

function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = samePasswords(password, confirm);
    if (problem) return setError(problem);
    setError(null);
    setDone(false);
    try {
      await changeMyPassword(current ? { currentPassword: current, newPassword: password } : { newPassword: password });
      setDone(true);
      setCurrent('');
      setPassword('');
      setConfirm('');
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="mdp">
      <h2 id="mdp">Mot de passe</h2>
      <Field label="Mot de passe actuel" hint="Laissez vide si vous n’en avez pas encore.">
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <PasswordFields
        label="Nouveau mot de passe"
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
      />
      <ErrorMessage error={error} />
      {done ? <Notice kind="success">Mot de passe changé. Vos autres sessions ont été fermées.</Notice> : null}
      <button type="submit">Changer le mot de passe</button>
    </form>
  );
}

function ExportButton() {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setError(null);
    try {
      const data = await exportMyData();
      downloadBlob(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        'mes-donnees-prompt-challenge.json',
      );
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void run()}>
        Télécharger mes données
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
