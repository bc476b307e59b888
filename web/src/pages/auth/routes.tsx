import type { RouteObject } from 'react-router-dom';
import { RequireRole } from '../../app/guards';
import { InvitationPage } from './InvitationPage';
import { PasswordPage } from './PasswordPage';
import { ProfilePage } from './ProfilePage';
import { SignInPage } from './SignInPage';

/** Pages of everyone: sign-in (and its magic link), invitation, password reset, profile. */
export const authRoutes: RouteObject[] = [
  { path: 'connexion', element: <SignInPage /> },
  { path: 'invitation', element: <InvitationPage /> },
  { path: 'mot-de-passe', element: <PasswordPage /> },
  {
    path: 'profil',
    element: (
      <RequireRole roles={['student', 'examiner', 'admin', '']}>
        <ProfilePage />
      </RequireRole>
    ),
  },
];
