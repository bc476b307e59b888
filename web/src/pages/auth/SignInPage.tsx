import { useSearchParams } from 'react-router-dom';
import { MagicLinkLanding } from './MagicLinkLanding';
import { SignInForms } from './SignInForms';

/** `/connexion`: by password, or by a link sent by mail; `/connexion?token=` is that link. */
export function SignInPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <MagicLinkLanding token={token} /> : <SignInForms expired={params.has('expiree')} />;
}
