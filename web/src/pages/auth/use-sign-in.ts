import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { session } from '../../api/client';
import { HOME_OF } from '../../app/guards';

/** Keeps the session an answer carries and goes where the person was going (or their home). */
export function useSignedIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (signed: Schema<'SignedIn'>) => {
    session.signIn(signed.user, signed);
    const back = params.get('retour');
    // Only paths of this app: never an absolute URL given in a link.
    navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : HOME_OF[signed.user.role], {
      replace: true,
    });
  };
}
