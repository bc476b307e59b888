import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestSignInLink, signIn } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field, Notice, Page } from '../../ui/components';
import { useSignedIn } from './use-sign-in';

/** `/connexion`: sign in with a password, or ask for a link by mail. */
export function SignInForms({ expired }: { expired: boolean }) {
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [linkEmail, setLinkEmail] = useState('');
  const [linkSent, setLinkSent] = useState(false);
  const [linkError, setLinkError] = useState<ApiError | null>(null);

  const login = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await signIn(email.trim(), password));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const sendLink = async (e: FormEvent) => {
    e.preventDefault();
    setLinkError(null);
    try {
      await requestSignInLink(linkEmail.trim());
      setLinkSent(true);
    } catch (err) {
      setLinkError(err as ApiError);
    }
  };

  return (
    <Page title="Connexion">
      {expired ? <Notice kind="warning">Votre session a pris fin : reconnectez-vous.</Notice> : null}
      <div className="columns">
        <form className="card" onSubmit={(e) => void login(e)} aria-labelledby="by-password">
          <h2 id="by-password">Avec un mot de passe</h2>
          <Field label="Adresse e-mail">
            {(p) => (
              <input
                {...p}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label="Mot de passe">
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>
            Se connecter
          </button>
          <p>
            <Link to="/mot-de-passe">Mot de passe oublié ?</Link>
          </p>
        </form>
        <form className="card" onSubmit={(e) => void sendLink(e)} aria-labelledby="by-link">
          <h2 id="by-link">Avec un lien par e-mail</h2>
          {linkSent ? (
            <Notice kind="success">
              Si un compte existe pour {linkEmail}, un lien de connexion vient de lui être envoyé. Il vaut 10 minutes.
            </Notice>
          ) : (
            <>
              <Field label="Adresse e-mail" hint="Vous recevrez un lien valable 10 minutes.">
                {(p) => (
                  <input
                    {...p}
                    type="email"
                    autoComplete="email"
                    required
                    value={linkEmail}
                    onChange={(e) => setLinkEmail(e.target.value)}
                  />
                )}
              </Field>
              <ErrorMessage error={linkError} />
              <button type="submit" className="secondary">
                Recevoir un lien
              </button>
            </>
          )}
        </form>
      </div>
    </Page>
  );
}
