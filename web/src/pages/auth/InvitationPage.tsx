import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { acceptInvitation } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field, Page } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';
import { useSignedIn } from './use-sign-in';

/** `/invitation?token=`: an invited person joins, choosing a password (or keeping sign-in by link). */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = useSignedIn();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [withPassword, setWithPassword] = useState(true);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (e: FormEvent) => {
    e.preventDefault();
    if (withPassword) {
      const problem = samePasswords(password, confirm);
      if (problem) return setError(problem);
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await acceptInvitation(withPassword ? { token, password } : { token }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (!token)
    return (
      <Page title="Invitation">
        <ErrorMessage error="Ce lien d’invitation est incomplet : ouvrez-le depuis le message reçu." />
      </Page>
    );
  return (
    <Page title="Bienvenue sur Prompt Challenge">
      <form className="card narrow" onSubmit={(e) => void accept(e)}>
        <p>Vous avez été invité. Choisissez un mot de passe pour vous connecter ensuite sans lien.</p>
        <div className="field checkbox">
          <input
            id="with-password"
            type="checkbox"
            checked={withPassword}
            onChange={(e) => setWithPassword(e.target.checked)}
          />
          <label htmlFor="with-password">Choisir un mot de passe</label>
        </div>
        {withPassword ? (
          <PasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
        ) : (
          <Field label="Connexion" hint="Vous recevrez un lien par e-mail à chaque connexion.">
            {(p) => <input {...p} readOnly value="Par lien envoyé par e-mail" />}
          </Field>
        )}
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          Rejoindre
        </button>
        {error instanceof ApiError && error.code === 'INVITATION_INVALID' ? (
          <p>
            Ce lien a déjà servi ou a expiré. Demandez une nouvelle invitation à votre établissement, ou{' '}
            <Link to="/connexion">connectez-vous</Link>.
          </p>
        ) : null}
      </form>
    </Page>
  );
}
