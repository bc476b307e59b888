import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { downloadBlob } from '../../ui/download';
import { ErrorMessage } from '../../ui/components';
import { JobStatus } from './JobStatus';
import { adminJobReport, startAdminJob } from './job-api';
import { useJob } from './use-job';

/**
 * The exports of a hackathon, each built by a job, then downloaded: the results (CSV, every
 * student of the class), the conversations as a spreadsheet (CSV, one row per message) or as
 * JSON Lines (one conversation per line, for programs).
 */
export function ExportsSection({ hackathonId }: { hackathonId: string }) {
  return (
    <section className="card" aria-labelledby="exports-titre">
      <h2 id="exports-titre">Exports</h2>
      <div className="columns">
        <OneExport hackathonId={hackathonId} name="export-results" title="Résultats (CSV)" />
        <OneExport
          hackathonId={hackathonId}
          name="export-conversations"
          format="csv"
          title="Conversations (CSV, une ligne par message)"
        />
        <OneExport hackathonId={hackathonId} name="export-conversations" title="Conversations (JSON Lines)" />
      </div>
    </section>
  );
}

function OneExport({
  hackathonId,
  name,
  format,
  title,
}: {
  hackathonId: string;
  name: 'export-results' | 'export-conversations';
  /** The conversations' file: a spreadsheet's CSV, or JSON Lines (the job's default). */
  format?: 'csv';
  title: string;
}) {
  const [pseudonymes, setPseudonymes] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const start = useCallback(
    () => startAdminJob(name, format ? { hackathonId, pseudonymes, format } : { hackathonId, pseudonymes }),
    [name, format, hackathonId, pseudonymes],
  );
  const job = useJob(start, adminJobReport);
  const result = job.report?.state === 'completed' ? job.report.result : null;
  const exportId = typeof result?.exportId === 'string' ? result.exportId : null;
  const filename = typeof result?.filename === 'string' ? result.filename : `${name}.txt`;

  async function download() {
    if (!exportId) return;
    setError(null);
    try {
      const blob = await call(
        api.GET('/api/v1/admin/exports/{id}', { params: { path: { id: exportId } }, parseAs: 'blob' }),
      );
      downloadBlob(blob, filename);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }

  const id = `pseudo-${name}${format ? `-${format}` : ''}`;
  return (
    <div>
      <h3>{title}</h3>
      <div className="field checkbox">
        <input id={id} type="checkbox" checked={pseudonymes} onChange={(e) => setPseudonymes(e.target.checked)} />
        <label htmlFor={id}>Pseudonymes (« Candidat N ») au lieu des noms</label>
      </div>
      <button type="button" disabled={job.running} onClick={() => void job.run()}>
        Préparer l’export : {title}
      </button>
      <JobStatus job={job} label={`Export ${title}`} name={name} />
      {exportId ? (
        <button type="button" className="secondary" onClick={() => void download()}>
          Télécharger {filename}
        </button>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
