import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut as revoke } from '../api/auth';
import { session } from '../api/client';
import type { Role } from '../api/session';
import { OutageNotice } from '../ui/OutageNotice';
import { useSession } from './use-session';

const NAV: Record<Exclude<Role, ''>, { to: string; label: string }[]> = {
  student: [{ to: '/etudiant', label: 'Mes hackathons' }],
  examiner: [
    { to: '/examinateur', label: 'Copies à corriger' },
    { to: '/examinateur/evaluations', label: 'Mes évaluations' },
  ],
  admin: [
    { to: '/admin', label: 'Hackathons' },
    { to: '/admin/utilisateurs', label: 'Utilisateurs' },
    { to: '/admin/taches', label: 'Tâches de fond' },
  ],
};

export const ROLE_LABELS: Record<Role, string> = {
  student: 'Étudiant',
  examiner: 'Examinateur',
  admin: 'Administrateur',
  '': 'Sans rôle',
};

/** The frame of every page: skip link, header with the person's menu, main region. */
export function Layout() {
  const s = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // After a move to another page (not the first load), the keyboard and screen readers start at
  // its content, as they would after a full page load starts at its top.
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (firstPath.current === location.pathname) return;
    firstPath.current = '';
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  useEffect(() => {
    const ended = () => navigate('/connexion?expiree=1');
    window.addEventListener('prompt-challenge:session-ended', ended);
    return () => window.removeEventListener('prompt-challenge:session-ended', ended);
  }, [navigate]);

  const signOut = async () => {
    const current = session.get();
    if (current) await revoke(current.refreshToken).catch(() => undefined);
    session.clear();
    navigate('/connexion');
  };

  const links = s && s.user.role ? NAV[s.user.role] : [];
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Prompt Challenge
        </NavLink>
        {s ? (
          <>
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="menu-principal"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Menu
            </button>
            <nav id="menu-principal" className={menuOpen ? 'nav open' : 'nav'} aria-label="Menu principal">
              <ul>
                {links.map((l) => (
                  <li key={l.to}>
                    <NavLink to={l.to} end>
                      {l.label}
                    </NavLink>
                  </li>
                ))}
                <li>
                  <NavLink to="/profil">
                    {s.user.prenom} {s.user.nom} <span className="role">({ROLE_LABELS[s.user.role]})</span>
                  </NavLink>
                </li>
                <li>
                  <button type="button" className="link" onClick={() => void signOut()}>
                    Se déconnecter
                  </button>
                </li>
              </ul>
            </nav>
          </>
        ) : null}
      </header>
      <main id="contenu" tabIndex={-1} ref={main}>
        <OutageNotice />
        <Outlet />
      </main>
    </>
  );
}
