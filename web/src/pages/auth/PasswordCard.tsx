import { useState, type FormEvent } from 'react';
import { changeMyPassword } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Field, Notice } from '../../ui/components';
import { PasswordFields, samePasswords } from './PasswordFields';

/** A new password (the current one when there is one); the other sessions end. */
export function PasswordCard() {
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
