import { useSearchParams } from 'react-router-dom';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { ResetPasswordForm } from './ResetPasswordForm';

/** `/mot-de-passe`: ask for a reset link; `/mot-de-passe?token=`: choose the new password. */
export function PasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ResetPasswordForm token={token} /> : <ForgotPasswordForm />;
}
