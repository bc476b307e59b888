import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestPasswordReset } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field, Notice, Page } from '../../ui/components';

/** `/mot-de-passe`: asks for a reset link by mail. */
export function ForgotPasswordForm() {
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
