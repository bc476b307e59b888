import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { verifySignInLink } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Loading, Page } from '../../ui/components';
import { useSignedIn } from './use-sign-in';

/** `/connexion?token=`: a mailed sign-in link, spent once. */
export function MagicLinkLanding({ token }: { token: string }) {
  const signedIn = useSignedIn();
  const [error, setError] = useState<ApiError | null>(null);
  const once = useRef(false);
  useEffect(() => {
    // A link works once: React's double effects in development must not spend it twice.
    if (once.current) return;
    once.current = true;
    verifySignInLink(token)
      .then(signedIn)
      .catch((err: ApiError) => setError(err));
  }, [token, signedIn]);
  return (
    <Page title="Connexion">
      {error ? (
        <>
          <ErrorMessage error={error} />
          <p>
            Ce lien a peut-être déjà servi ou expiré (il vaut 10 minutes).{' '}
            <Link to="/connexion">Demander un nouveau lien</Link>
          </p>
        </>
      ) : (
        <Loading what="Connexion en cours" />
      )}
    </Page>
  );
}
