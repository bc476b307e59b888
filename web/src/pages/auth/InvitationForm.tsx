import { useState, type FormEvent } from 'react';
import { acceptInvitation } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';
import { useSignedIn } from './use-sign-in';

/** The account an invitation activates, as the check on arrival will say it. */
export interface InvitedAccount {
  prenom: string;
  nom: string;
  email: string;
  hackathon?: string | null;
}

/**
 * Joining: a password to choose (or sign-in by mailed links). Each attempt starts without the
 * previous one's error, and typing again clears it too; a dead link leaves the form (`onDead`).
 */
export function InvitationForm({
  token,
  account,
  onDead,
}: {
  token: string;
  account: InvitedAccount | null;
  onDead: () => void;
}) {
  const signedIn = useSignedIn();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [withPassword, setWithPassword] = useState(true);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (withPassword) {
      const problem = samePasswords(password, confirm);
      if (problem) return setError(problem);
    }
    setBusy(true);
    try {
      signedIn(await acceptInvitation(withPassword ? { token, password } : { token }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVITATION_INVALID') return onDead();
      setError(err as ApiError);
      setBusy(false);
    }
  };
  const typed =
    (set: (v: string) => void) =>
    (v: string): void => {
      set(v);
      setError(null);
    };

  return (
    <form className="card narrow" onSubmit={(e) => void accept(e)} noValidate>
      {account ? (
        <p>
          Compte de{' '}
          <strong>
            {account.prenom} {account.nom}
          </strong>{' '}
          ({account.email}){account.hackathon ? <>, invité au hackathon « {account.hackathon} »</> : null}.
        </p>
      ) : (
        <p>Vous avez été invité.</p>
      )}
      <p>Choisissez un mot de passe pour vous connecter ensuite sans lien.</p>
      <div className="field checkbox">
        <input
          id="with-password"
          type="checkbox"
          checked={withPassword}
          onChange={(e) => {
            setWithPassword(e.target.checked);
            setError(null);
          }}
        />
        <label htmlFor="with-password">Choisir un mot de passe</label>
      </div>
      {withPassword ? (
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={typed(setPassword)}
          onConfirm={typed(setConfirm)}
        />
      ) : (
        <Field label="Connexion" hint="Vous recevrez un lien par e-mail à chaque connexion.">
          {(p) => <input {...p} readOnly value="Par lien envoyé par e-mail" />}
        </Field>
      )}
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        Rejoindre
      </button>
    </form>
  );
}
