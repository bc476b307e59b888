import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { Field } from '../../ui/components';
import { JobStatus } from './JobStatus';
import { useJob } from './use-job';

/** Assigns the submissions to the jury (a job): k examiners per submission. */
export function AssignmentsSection({ hackathonId, onDone }: { hackathonId: string; onDone: () => void }) {
  const [k, setK] = useState('1');
  const start = useCallback(
    async () =>
      (
        await call(
          api.POST('/api/v1/hackathons/{id}/assignments', {
            params: { path: { id: hackathonId } },
            body: { examinersPerSubmission: Number(k) },
          }),
        )
      ).jobId,
    [hackathonId, k],
  );
  const poll = useCallback(
    (jobId: string) =>
      call(
        api.GET('/api/v1/hackathons/{id}/assignments/jobs/{jobId}', { params: { path: { id: hackathonId, jobId } } }),
      ),
    [hackathonId],
  );
  const job = useJob(start, poll);
  return (
    <section className="card" aria-labelledby="attribution-titre">
      <h2 id="attribution-titre">Attribution des copies</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void job.run().then(onDone);
        }}
      >
        <Field label="Examinateurs par soumission">
          {(p) => <input {...p} type="number" min={1} value={k} onChange={(e) => setK(e.target.value)} />}
        </Field>
        <button type="submit" disabled={job.running}>
          Attribuer les copies
        </button>
      </form>
      <JobStatus job={job} label="Attribution des copies" name="assign-examiners" />
    </section>
  );
}
