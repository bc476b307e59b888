import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { resetPassword } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Page } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';
import { useSignedIn } from './use-sign-in';

/** `/mot-de-passe?token=`: the new password of a mailed reset link. */
export function ResetPasswordForm({ token }: { token: string }) {
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
