import { useCallback, useState, type ReactNode } from 'react';
import { Field, Page } from '../../ui/components';
import { JobStatus } from './JobStatus';
import { adminJobReport, startAdminJob, type AdminJobName } from './job-api';
import { useJob } from './use-job';

/** `/admin/taches`: the maintenance jobs an admin may start, with their progress and result. */
export function MaintenancePage() {
  const [days, setDays] = useState('180');
  return (
    <Page title="Tâches de maintenance">
      <p>
        Chaque tâche tourne en arrière-plan ; la page suit sa progression. Toutes les files d’attente :{' '}
        <a href="/api/v1/admin/queues">tableau des files d’attente</a>.
      </p>
      <div className="columns">
        <MaintenanceJob
          name="cleanup-magic-links"
          title="Nettoyer les liens de connexion"
          text="Efface les liens de connexion expirés et les traces d’utilisation de plus d’un jour."
          body={{}}
        />
        <MaintenanceJob
          name="integrity-check"
          title="Vérifier l’intégrité des données"
          text="Cherche les conversations et évaluations orphelines et les compteurs incohérents (ne modifie rien)."
          body={{ dryRun: true }}
        />
        <MaintenanceJob
          name="integrity-check"
          title="Réparer les compteurs"
          text="Vérifie, puis répare ce qui peut l’être : compteurs des conversations, réservations de quota restées ouvertes, compteurs de quota, tokens consommés des utilisateurs. Les orphelins sont seulement signalés."
          body={{ dryRun: false }}
        />
        <MaintenanceJob
          name="archive-conversations"
          title="Archiver les anciennes conversations"
          text="Archive les conversations plus anciennes que le nombre de jours choisi."
          body={{ olderThanDays: Number(days) }}
        >
          <Field label="Plus anciennes que (jours)">
            {(p) => <input {...p} type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} />}
          </Field>
        </MaintenanceJob>
        <MaintenanceJob
          name="purge-analytics"
          title="Purger les statistiques d’usage"
          text="Supprime les événements de statistiques de plus de 30 jours."
          body={{}}
        />
      </div>
    </Page>
  );
}

function MaintenanceJob({
  name,
  title,
  text,
  body,
  children,
}: {
  name: AdminJobName;
  title: string;
  text: string;
  body: Record<string, never> | { olderThanDays: number } | { dryRun: boolean };
  children?: ReactNode;
}) {
  const key = JSON.stringify(body);
  // Two cards may start the same job (a check, a repair): the title tells their ids apart.
  const id = `${name}-${title
    .normalize('NFD')
    .replace(/[^A-Za-z]+/g, '-')
    .toLowerCase()}`;
  const start = useCallback(() => startAdminJob(name, JSON.parse(key) as typeof body), [name, key]);
  const job = useJob(start, adminJobReport);
  return (
    <section className="card" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      <p>{text}</p>
      {children}
      <button type="button" disabled={job.running} onClick={() => void job.run()}>
        Lancer : {title}
      </button>
      <JobStatus job={job} label={title} name={name} />
    </section>
  );
}
