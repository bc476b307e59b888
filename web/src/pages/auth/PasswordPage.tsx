import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { requestPasswordReset, resetPassword } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field, Notice, Page } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';
import { useSignedIn } from './use-sign-in';

/** `/mot-de-passe`: ask for a reset link; `/mot-de-passe?token=`: choose the new password. */
export function PasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ResetForm token={token} /> : <ForgotForm />;
}

function ForgotForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Page title="Mot de passe oublié">
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        {sent ? (
          <Notice kind="success">
            Si un compte existe pour {email}, un lien pour choisir un nouveau mot de passe vient de lui être envoyé
            (valable 1 heure).
          </Notice>
        ) : (
          <>
            <Field label="Adresse e-mail">
              {(p) => (
                <input
                  {...p}
                  type="email"
                  autoComplete="email"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <ErrorMessage error={error} />
            <button type="submit">Recevoir un lien</button>
          </>
        )}
        <p>
          <Link to="/connexion">Retour à la connexion</Link>
        </p>
      </form>
    </Page>
  );
}

function ResetForm({ token }: { token: string }) {
  const signedIn = useSignedIn();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = samePasswords(password, confirm);
    if (problem) return setError(problem);
    setError(null);
    try {
      signedIn(await resetPassword(token, password));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Page title="Nouveau mot de passe">
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        <PasswordFields
          label="Nouveau mot de passe"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
        <ErrorMessage error={error} />
        <button type="submit">Enregistrer et me connecter</button>
        {error instanceof ApiError && error.code === 'PASSWORD_RESET_INVALID' ? (
          <p>
            Ce lien a déjà servi ou a expiré. <Link to="/mot-de-passe">Demander un nouveau lien</Link>
          </p>
        ) : null}
      </form>
    </Page>
  );
}
