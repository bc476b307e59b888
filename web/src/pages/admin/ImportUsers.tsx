import { useCallback, useState, type ChangeEvent } from 'react';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { Field } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { JobStatus } from './JobStatus';
import { asImportReport, importSummary } from './import-report';
import { adminJobReport, startAdminJob } from './job-api';
import { useJob } from './use-job';

const HEADER = 'prenom,nom,email,role,numeroEtudiant,groupId';

/** A class by CSV: a job creates the accounts (and invites them), optionally into a hackathon's roster. */
export function ImportUsers({ onDone }: { onDone: () => void }) {
  const [csv, setCsv] = useState('');
  const [hackathonId, setHackathonId] = useState('');
  const hackathons = useLoad(() => call(api.GET('/api/v1/hackathons', { params: { query: { limit: 100 } } })), []);
  const start = useCallback(
    () => startAdminJob('import-users', { csv, ...(hackathonId ? { hackathonId } : {}) }),
    [csv, hackathonId],
  );
  const job = useJob(start, adminJobReport);
  const report = job.report?.state === 'completed' ? asImportReport(job.report.result) : null;

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
  }

  return (
    <section className="card" aria-labelledby="import-titre">
      <h2 id="import-titre">Importer une classe (CSV)</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void job.run().then(onDone);
        }}
      >
        <Field label="Fichier CSV">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />}
        </Field>
        <Field label="Contenu CSV" hint={`En-tête : ${HEADER} ; séparateur , ou ;`}>
          {(p) => <textarea {...p} rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} spellCheck={false} />}
        </Field>
        <Field label="Ajouter les étudiants à la liste du hackathon">
          {(p) => (
            <select {...p} value={hackathonId} onChange={(e) => setHackathonId(e.target.value)}>
              <option value="">Aucun</option>
              {(hackathons.data?.items ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.nom}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={job.running || csv.trim() === ''}>
          Importer
        </button>
      </form>
      <JobStatus job={job} label="Import des comptes" name="import-users" />
      {report ? (
        <div aria-label="Rapport d’import">
          <h3>Rapport d’import</h3>
          <ul>
            {importSummary(report).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {report.rejected.length > 0 ? (
            <div className="table-wrap">
              <table className="table import-rejected">
                <caption>Lignes refusées</caption>
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">E-mail</th>
                    <th scope="col">Raison</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r) => (
                    <tr key={r.line}>
                      <td className="num">{r.line}</td>
                      <td>{r.email ?? '—'}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {report.existingSample.length > 0 ? <p>Comptes déjà existants : {report.existingSample.join(', ')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
