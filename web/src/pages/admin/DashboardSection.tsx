import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { openTicketedStream } from '../../api/stream';
import { ErrorMessage, Field, Gauge, Loading, Notice, formatDate } from '../../ui/components';
import {
  isDashboardRow,
  isDashboardTotals,
  mergeRow,
  withLimits,
  type DashboardRow,
  type DashboardTotals,
} from './dashboard';

const fmt = (n: number) => n.toLocaleString('fr-FR');

/** The class live: totals and one row per student, each updated in place when its event arrives. */
export function DashboardSection({ hackathonId, onQuota }: { hackathonId: string; onQuota: () => void }) {
  const [rows, setRows] = useState<DashboardRow[] | null>(null);
  const [totals, setTotals] = useState<DashboardTotals | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<'connecting' | 'open' | 'retrying'>('connecting');

  useEffect(() => {
    let closed = false;
    let close: (() => void) | null = null;
    call(api.GET('/api/v1/hackathons/{id}/dashboard', { params: { path: { id: hackathonId } } })).then(
      (d) => {
        if (closed) return;
        setRows(d.students);
        setTotals(d.totals);
        close = openTicketedStream(
          {
            url: `/api/v1/hackathons/${hackathonId}/dashboard/stream`,
            events: ['student', 'totals'],
            ticket: async () =>
              (
                await call(
                  api.POST('/api/v1/hackathons/{id}/dashboard/stream-ticket', {
                    params: { path: { id: hackathonId } },
                  }),
                )
              ).ticket,
          },
          {
            onEvent: (event, data) => {
              if (event === 'student' && isDashboardRow(data)) setRows((r) => mergeRow(r ?? [], data));
              if (event === 'totals' && isDashboardTotals(data)) setTotals(data);
            },
            onState: setState,
          },
        );
      },
      (err: unknown) => {
        if (!closed && err instanceof ApiError) setError(err);
      },
    );
    return () => {
      closed = true;
      close?.();
    };
  }, [hackathonId]);

  return (
    <section className="card" aria-labelledby="tableau-titre">
      <h2 id="tableau-titre">Tableau de bord de la classe</h2>
      <ErrorMessage error={error} />
      {!rows || !totals ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <p role="status" aria-live="polite">
            {state === 'open' ? 'Mis à jour en direct.' : state === 'retrying' ? 'Reconnexion…' : 'Connexion…'}
          </p>
          <ul className="totals" aria-label="Totaux de la classe">
            <li>
              <strong>{fmt(totals.students)}</strong> {totals.students > 1 ? 'étudiants' : 'étudiant'}
            </li>
            <li>
              <strong>{fmt(totals.active)}</strong> {totals.active > 1 ? 'actifs (15 min)' : 'actif (15 min)'}
            </li>
            <li>
              <strong>{fmt(totals.prompts)}</strong> {totals.prompts > 1 ? 'prompts' : 'prompt'}
            </li>
            <li>
              <strong>{fmt(totals.tokens)}</strong> {totals.tokens > 1 ? 'tokens' : 'token'}
            </li>
            <li>
              <strong>{fmt(totals.pendingReplies)}</strong>{' '}
              {totals.pendingReplies > 1 ? 'réponses en attente' : 'réponse en attente'}
            </li>
            <li>
              <strong>{fmt(totals.failedReplies)}</strong>{' '}
              {totals.failedReplies > 1 ? 'réponses en échec' : 'réponse en échec'}
            </li>
            <li>
              <strong>{fmt(totals.submitted)}</strong> {totals.submitted > 1 ? 'versions finales' : 'version finale'}
            </li>
          </ul>
          {rows.length === 0 ? (
            <p>Aucun étudiant pour le moment.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Étudiant</th>
                    <th scope="col">Prompts</th>
                    <th scope="col">Tokens</th>
                    <th scope="col">En attente</th>
                    <th scope="col">Dernière erreur</th>
                    <th scope="col">Soumis</th>
                    <th scope="col">Dernière activité</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.studentId}>
                      <th scope="row">
                        {r.prenom} {r.nom}
                      </th>
                      <td className="admin-table-gauge">
                        <Gauge label="Prompts" used={r.promptsUsed} limit={r.promptsLimit} unit="prompts" />
                      </td>
                      <td className="admin-table-gauge">
                        <Gauge label="Tokens" used={r.tokensUsed} limit={r.tokensLimit} unit="tokens" />
                      </td>
                      <td className="num">{fmt(r.pendingReplies)}</td>
                      <td>
                        {r.lastError ? (
                          <>
                            {r.lastError.message} <small>({formatDate(r.lastError.at)})</small>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="num">{r.submitted > 0 ? `Oui (${fmt(r.submitted)})` : 'Non'}</td>
                      <td>{formatDate(r.lastActivityAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > 0 ? (
            <QuotaForm
              hackathonId={hackathonId}
              rows={rows}
              onSaved={(q) => {
                setRows((r) => withLimits(r ?? [], q));
                onQuota();
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/** Raises (or sets) one student's quotas for this hackathon. */
function QuotaForm({
  hackathonId,
  rows,
  onSaved,
}: {
  hackathonId: string;
  rows: DashboardRow[];
  onSaved: (q: { studentId: string; promptsLimit: number; tokensLimit: number }) => void;
}) {
  const [studentId, setStudentId] = useState(rows[0]?.studentId ?? '');
  const [prompts, setPrompts] = useState('');
  const [tokens, setTokens] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaid(null);
    try {
      const q = await call(
        api.PUT('/api/v1/hackathons/{id}/quotas/{studentId}', {
          params: { path: { id: hackathonId, studentId } },
          body: {
            ...(prompts ? { promptsParEtudiant: Number(prompts) } : {}),
            ...(tokens ? { tokensParEtudiant: Number(tokens) } : {}),
          },
        }),
      );
      const who = rows.find((r) => r.studentId === studentId);
      setSaid(
        `Quota de ${who ? `${who.prenom} ${who.nom}` : 'l’étudiant'} : ${fmt(q.promptsLimit)} prompts, ${fmt(q.tokensLimit)} tokens.`,
      );
      onSaved(q);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }

  return (
    <form onSubmit={submit}>
      <h3>Augmenter le quota d’un étudiant</h3>
      <div className="columns">
        <Field label="Étudiant">
          {(p) => (
            <select {...p} value={studentId} onChange={(e) => setStudentId(e.target.value)}>
              {rows.map((r) => (
                <option key={r.studentId} value={r.studentId}>
                  {r.prenom} {r.nom}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Prompts autorisés" hint="Laisser vide pour ne pas changer.">
          {(p) => <input {...p} type="number" min={0} value={prompts} onChange={(e) => setPrompts(e.target.value)} />}
        </Field>
        <Field label="Tokens autorisés" hint="Laisser vide pour ne pas changer.">
          {(p) => <input {...p} type="number" min={0} value={tokens} onChange={(e) => setTokens(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" disabled={!studentId || (!prompts && !tokens)}>
        Enregistrer le quota
      </button>
      <ErrorMessage error={error} />
      {said ? <Notice kind="success">{said}</Notice> : null}
    </form>
  );
}
