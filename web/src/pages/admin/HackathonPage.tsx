import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorMessage, Loading, Page, formatDate } from '../../ui/components';
import { formatNumber, plural } from '../../ui/format';
import { Objectives } from '../../ui/Objectives';
import { useLoad } from '../../ui/use-load';
import { AssignmentsSection } from './AssignmentsSection';
import { ClassSteps } from './ClassSteps';
import { DashboardSection } from './DashboardSection';
import { ExportsSection } from './ExportsSection';
import { JurySection } from './JurySection';
import { LeaderboardSection } from './LeaderboardSection';
import { RosterSection } from './RosterSection';
import { StatusSection } from './StatusSection';
import { VerificationsSection } from './VerificationsSection';

/** `/admin/hackathons/:id`: running one hackathon, section by section. */
export function HackathonPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => call(api.GET('/api/v1/hackathons/{id}', { params: { path: { id } } })), [id]);
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const h = loaded.data?.hackathon;
  if (!h)
    return (
      <Page title="Hackathon">
        <ErrorMessage error={loaded.error} />
        {loaded.error ? null : <Loading />}
      </Page>
    );
  return (
    <Page
      title={h.nom}
      actions={
        <Link className="button-link" to={`/admin/hackathons/${h.id}/modifier`}>
          Modifier
        </Link>
      }
    >
      <nav className="section-nav" aria-label="Sections du hackathon">
        <ul className="button-row">
          <li>
            <a href="#etapes-titre">Étapes</a>
          </li>
          <li>
            <a href="#statut-titre">Statut</a>
          </li>
          <li>
            <a href="#jury-titre">Jury</a>
          </li>
          <li>
            <a href="#participants-titre">Participants</a>
          </li>
          <li>
            <a href="#tableau-titre">Tableau de bord</a>
          </li>
          <li>
            <a href="#attribution-titre">Attribution</a>
          </li>
          <li>
            <a href="#verifications-titre">Vérifications</a>
          </li>
          <li>
            <a href="#classement-titre">Classement</a>
          </li>
          <li>
            <a href="#exports-titre">Exports</a>
          </li>
        </ul>
      </nav>
      <ClassSteps hackathon={h} version={version} />
      <section className="card" aria-labelledby="infos-titre">
        <h2 id="infos-titre">En bref</h2>
        {h.description ? <p>{h.description}</p> : null}
        <dl className="facts">
          <dt>Dates</dt>
          <dd>
            du {formatDate(h.dates.debut)} au {formatDate(h.dates.fin)}
          </dd>
          <dt>Accès</dt>
          <dd>{h.acces === 'liste' ? 'Sur liste' : 'Tous les étudiants'}</dd>
          <dt>Budget de vérification</dt>
          <dd>{formatNumber(h.quotas.tokensVerification)} tokens pour les vérifications automatiques</dd>
          <dt>Quotas par étudiant</dt>
          <dd>
            {plural(h.quotas.promptsParEtudiant, 'prompt', 'prompts')}, {formatNumber(h.quotas.tokensParEtudiant)}{' '}
            tokens
          </dd>
          <dt>Objectifs</dt>
          <dd>
            <Objectives text={h.objectifs} />
          </dd>
          <dt>Anonymat</dt>
          <dd>{h.anonymatActif ? 'Oui' : 'Non'}</dd>
          <dt>Tâches</dt>
          <dd>
            {h.taches.length === 0 ? (
              'Aucune'
            ) : (
              <ol className="objectives">
                {h.taches.map((t) => (
                  <li key={t.id}>{t.titre}</li>
                ))}
              </ol>
            )}
          </dd>
        </dl>
      </section>
      <StatusSection hackathon={h} onChange={(next) => loaded.set({ hackathon: next })} />
      <JurySection hackathonId={h.id} onSaved={bump} />
      <RosterSection hackathon={h} version={version} onSaved={bump} />
      <DashboardSection hackathonId={h.id} onQuota={bump} />
      <AssignmentsSection hackathonId={h.id} onDone={bump} />
      <VerificationsSection hackathon={h} version={version} />
      <LeaderboardSection hackathon={h} version={version} />
      <ExportsSection hackathonId={h.id} />
    </Page>
  );
}
