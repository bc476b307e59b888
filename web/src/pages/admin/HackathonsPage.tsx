import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorMessage, Field, Loading, Page, Pager, formatDate } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { ClassSteps } from './ClassSteps';
import { STATUS_TRANSITIONS, statusBadge, type Statut } from './status';

const LIMIT = 20;
const STATUTS = Object.keys(STATUS_TRANSITIONS) as Statut[];

/** `/admin`: every hackathon, newest first, with its status. */
export function HackathonsPage() {
  const [page, setPage] = useState(1);
  const [statut, setStatut] = useState<Statut | ''>('');
  const list = useLoad(
    () =>
      call(api.GET('/api/v1/hackathons', { params: { query: { page, limit: LIMIT, ...(statut ? { statut } : {}) } } })),
    [page, statut],
  );
  return (
    <Page
      title="Hackathons"
      actions={
        <Link className="button-link" to="/admin/hackathons/nouveau">
          Nouveau hackathon
        </Link>
      }
    >
      <div className="admin-filter">
        <Field label="Filtrer par statut">
          {(p) => (
            <select
              {...p}
              value={statut}
              onChange={(e) => {
                setStatut(e.target.value as Statut | '');
                setPage(1);
              }}
            >
              <option value="">Tous les statuts</option>
              {STATUTS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 && statut ? <p>Aucun hackathon « {statut} ».</p> : null}
      {list.data && list.data.total === 0 && !statut ? (
        <>
          <p>
            Aucun hackathon pour le moment. Un hackathon se prépare en quelques étapes, dans cet ordre ; chacune mène à
            la page où elle se fait. Commencez par <Link to="/admin/hackathons/nouveau">créer le hackathon</Link>.
          </p>
          <ClassSteps hackathon={null} />
        </>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Statut</th>
                <th scope="col">Accès</th>
                <th scope="col">Début</th>
                <th scope="col">Fin</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Link to={`/admin/hackathons/${h.id}`}>{h.nom}</Link>
                  </td>
                  <td>
                    <span className={statusBadge(h.statut)}>{h.statut}</span>
                  </td>
                  <td>{h.acces === 'liste' ? 'Sur liste' : 'Tous les étudiants'}</td>
                  <td>{formatDate(h.dates.debut)}</td>
                  <td>{formatDate(h.dates.fin)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data ? <Pager page={page} pages={Math.ceil(list.data.total / LIMIT)} onPage={setPage} /> : null}
    </Page>
  );
}
