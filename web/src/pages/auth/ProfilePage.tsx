import { useEffect } from 'react';
import { getMe } from '../../api/auth';
import { session } from '../../api/client';
import { ROLE_LABELS } from '../../app/Layout';
import { useSession } from '../../app/use-session';
import { Notice, Page } from '../../ui/components';
import { ConsentCard } from './ConsentCard';
import { ExportButton } from './ExportButton';
import { PasswordCard } from './PasswordCard';

/** `/profil`: who I am, my RGPD consent, my password, my data. */
export function ProfilePage() {
  const s = useSession();
  // The stored copy may be old (a role or a name changed since the sign-in): read it again.
  useEffect(() => {
    getMe()
      .then(({ user }) => session.updateUser(user))
      .catch(() => undefined);
  }, []);
  if (!s) return null;
  const u = s.user;
  return (
    <Page title="Mon profil">
      {u.role === '' ? (
        <Notice kind="warning">Votre compte n’a pas encore de rôle : un administrateur doit vous en donner un.</Notice>
      ) : null}
      <div className="columns">
        <section className="card" aria-labelledby="identite">
          <h2 id="identite">Identité</h2>
          <dl className="facts">
            <dt>Nom</dt>
            <dd>
              {u.prenom} {u.nom}
            </dd>
            <dt>E-mail</dt>
            <dd>{u.email}</dd>
            <dt>Rôle</dt>
            <dd>{ROLE_LABELS[u.role]}</dd>
            {u.numeroEtudiant ? (
              <>
                <dt>Numéro étudiant</dt>
                <dd>{u.numeroEtudiant}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <ConsentCard consent={u.consentementRGPD} />
      </div>
      <div className="columns">
        <PasswordCard />
        <section className="card" aria-labelledby="donnees">
          <h2 id="donnees">Mes données</h2>
          <p>Téléchargez tout ce que la plateforme garde sur vous (RGPD), au format JSON.</p>
          <ExportButton />
        </section>
      </div>
    </Page>
  );
}
