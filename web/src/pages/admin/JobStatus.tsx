import { ErrorMessage, Notice, ProgressBar } from '../../ui/components';
import { failureWords, resultWords, stateWords } from './jobs';
import type { JobRun } from './use-job';

/** A job's progress bar, then its result (or failure) in words. */
export function JobStatus({ job, label, name }: { job: JobRun; label: string; name: string }) {
  const { report, error, running } = job;
  return (
    <div className="job-status">
      <ErrorMessage error={error} />
      {running && !report ? <ProgressBar label={label} value={0} /> : null}
      {report ? (
        <>
          <ProgressBar label={label} value={report.progress} />
          <p>État : {stateWords(report)}</p>
          {report.state === 'completed' ? <Notice kind="success">{resultWords(name, report.result)}</Notice> : null}
          {report.state === 'failed' ? (
            <div className="alert alert-error" role="alert">
              <p>Échec : {failureWords(report.failedReason)}</p>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
