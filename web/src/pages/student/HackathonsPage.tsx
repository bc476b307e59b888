import { Link } from 'react-router-dom';
import { listHackathons } from '../../api/hackathons';
import { ErrorMessage, formatDate, Loading, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { availability, forStudent, isOpen } from './hackathon-status';

/** `/etudiant`: the hackathons open to me, with their status and dates. */
export function HackathonsPage() {
  const list = useLoad(() => listHackathons({ page: 1, limit: 100 }), []);
  const items = list.data ? forStudent(list.data.items) : [];
  return (
    <Page title="Mes hackathons">
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && items.length === 0 ? <p>Aucun hackathon ne vous est ouvert pour le moment.</p> : null}
      {items.length > 0 ? (
        <section className="card">
          <ul className="list">
            {items.map((h) => (
              <li key={h.id}>
                <h2>
                  <Link to={`/etudiant/hackathons/${h.id}`}>{h.nom}</Link>
                </h2>
                <p>
                  <span className="badge">{h.statut}</span>{' '}
                  <span className={isOpen(h) ? 'badge badge-ok' : 'badge badge-warn'}>{availability(h)}</span>
                </p>
                <dl className="facts">
                  <dt>Début</dt>
                  <dd>{formatDate(h.dates.debut)}</dd>
                  <dt>Fin</dt>
                  <dd>{formatDate(h.dates.fin)}</dd>
                  <dt>Tâches</dt>
                  <dd>{h.taches.length}</dd>
                </dl>
                {h.description ? <p>{h.description}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
