import { useState } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorMessage, formatDate, Loading, Pager, TableScroll } from '../../ui/components';
import { formatNumber as fmt } from '../../ui/format';
import { useLoad } from '../../ui/use-load';
import { RosterEditor } from './RosterEditor';

const LIMIT = 20;

/** Who takes part: the participants with their usage; for a `liste` hackathon, the roster to choose. */
export function RosterSection({
  hackathon,
  version,
  onSaved,
}: {
  hackathon: Schema<'HackathonView'>;
  version: number;
  onSaved: () => void;
}) {
  const [page, setPage] = useState(1);
  const participants = useLoad(
    () =>
      call(
        api.GET('/api/v1/hackathons/{id}/participants', {
          params: { path: { id: hackathon.id }, query: { page, limit: LIMIT } },
        }),
      ),
    [hackathon.id, page, version],
  );
  return (
    <section className="card" aria-labelledby="participants-titre">
      <h2 id="participants-titre">Participants</h2>
      {hackathon.acces === 'liste' ? (
        <RosterEditor
          hackathonId={hackathon.id}
          onSaved={() => {
            void participants.reload();
            onSaved();
          }}
        />
      ) : (
        <p>Ce hackathon est ouvert à tous les étudiants : chacun apparaît ici dès qu’il y travaille.</p>
      )}
      <h3>Consommation des participants</h3>
      <ErrorMessage error={participants.error} />
      {participants.loading && !participants.data ? <Loading /> : null}
      {participants.data && participants.data.items.length === 0 ? <p>Aucun participant pour le moment.</p> : null}
      {participants.data && participants.data.items.length > 0 ? (
        <TableScroll label="Consommation des participants">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Étudiant</th>
                <th scope="col">Prompts</th>
                <th scope="col">Tokens</th>
                <th scope="col">Dernière activité</th>
              </tr>
            </thead>
            <tbody>
              {participants.data.items.map((p) => (
                <tr key={p.studentId}>
                  <td>
                    {p.prenom} {p.nom}
                  </td>
                  <td className="num">
                    {fmt(p.promptsUsed)} / {fmt(p.promptsLimit)}
                  </td>
                  <td className="num">
                    {fmt(p.tokensUsed)} / {fmt(p.tokensLimit)}
                  </td>
                  <td>{formatDate(p.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {participants.data ? (
        <Pager page={page} pages={Math.ceil(participants.data.total / LIMIT)} onPage={setPage} />
      ) : null}
    </section>
  );
}
