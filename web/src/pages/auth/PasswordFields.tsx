import { Field } from '../../ui/components';

export const PASSWORD_MIN = 8;

/** What is wrong with a new password and its confirmation, in French, or null. */
export function samePasswords(password: string, confirm: string): string | null {
  if (password.length < PASSWORD_MIN) return `Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`;
  if (password !== confirm) return 'Les deux mots de passe ne sont pas identiques.';
  return null;
}

export function PasswordFields(props: {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  label?: string;
}) {
  return (
    <>
      <Field label={props.label ?? 'Mot de passe'} hint={`${PASSWORD_MIN} caractères au moins.`}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={200}
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
          />
        )}
      </Field>
      <Field label="Confirmer le mot de passe">
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            required
            value={props.confirm}
            onChange={(e) => props.onConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
