import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/session';
import { Page } from '../ui/components';
import { useSession } from './use-session';

/** Where each role lands after signing in. */
export const HOME_OF: Record<Role, string> = {
  student: '/etudiant',
  examiner: '/examinateur',
  admin: '/admin',
  '': '/profil',
};

/** The page for signed-in people of these roles; the sign-in page (coming back here after) otherwise. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const s = useSession();
  const location = useLocation();
  if (!s)
    return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(s.user.role))
    return (
      <Page title="Accès refusé">
        <p>Cette page n’est pas ouverte à votre rôle.</p>
      </Page>
    );
  return <>{children}</>;
}

/** `/`: the signed-in person's home, or the sign-in page. */
export function Home() {
  const s = useSession();
  return <Navigate to={s ? HOME_OF[s.user.role] : '/connexion'} replace />;
}
