import { useCallback, useState, type ChangeEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Field, TableScroll } from '../../ui/components';
import { downloadBlob } from '../../ui/download';
import { useLoad } from '../../ui/use-load';
import { JobStatus } from './JobStatus';
import { asImportReport, importSummary } from './import-report';
import { adminJobReport, startAdminJob } from './job-api';
import { useJob } from './use-job';

// What import-users reads (docs/api.md 1.2 "Import"; src/admin/import-users/users-csv.parser.ts).
const COLUMNS =
  'Colonnes : prénom, nom et adresse e-mail (obligatoires) ; rôle (élève si vide), numéro étudiant, classe ou groupe (facultatifs) ; ' +
  'dans n’importe quel ordre, en français ou en anglais, séparées par ; , ou une tabulation. Les autres colonnes sont ignorées.';

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
  const [templateError, setTemplateError] = useState<ApiError | null>(null);

  async function downloadTemplate() {
    setTemplateError(null);
    try {
      const blob = await call(api.GET('/api/v1/admin/import-users/modele.csv', { parseAs: 'blob' }));
      downloadBlob(blob, 'modele-import-utilisateurs.csv');
    } catch (err) {
      if (err instanceof ApiError) setTemplateError(err);
      else throw err;
    }
  }

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
  }

  return (
    <section className="card" aria-labelledby="import-titre">
      <h2 id="import-titre">Importer une classe (CSV)</h2>
      <p>
        La liste exportée d’un tableur se lit telle quelle.{' '}
        <button type="button" className="secondary" onClick={() => void downloadTemplate()}>
          Télécharger le modèle (CSV)
        </button>
      </p>
      <ErrorMessage error={templateError} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void job.run().then(onDone);
        }}
      >
        <Field label="Fichier CSV">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />}
        </Field>
        <Field label="Contenu CSV" hint={COLUMNS}>
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
        // Named by its heading: an aria-label on a plain div is one screen readers need not read (ARIA 1.2).
        <section aria-labelledby="import-rapport-titre">
          <h3 id="import-rapport-titre">Rapport d’import</h3>
          <ul>
            {importSummary(report).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {report.rejected.length > 0 ? (
            <TableScroll label="Lignes refusées">
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
            </TableScroll>
          ) : null}
          {report.existingSample.length > 0 ? <p>Comptes déjà existants : {report.existingSample.join(', ')}</p> : null}
        </section>
      ) : null}
    </section>
  );
}
