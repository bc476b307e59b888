import { myAssignments } from '../../api/examiner';
import { ErrorMessage, Loading, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { AssignmentList } from './AssignmentList';
import { EMPTY_QUEUE } from './NextCopy';

const mine = (status: 'pending' | 'done') => myAssignments({ status, limit: 100 });

/** `/examinateur`: my grading queue, the copies to grade first, then the ones done. */
export function QueuePage() {
  const queue = useLoad(() => Promise.all([mine('pending'), mine('done')]), []);
  const [pending, done] = queue.data ?? [null, null];
  return (
    <Page title="Copies à corriger">
      <ErrorMessage error={queue.error} />
      {queue.loading && !queue.data ? <Loading /> : null}
      {pending && done ? (
        <>
          <section className="card" aria-labelledby="a-corriger">
            <h2 id="a-corriger">À corriger ({pending.total})</h2>
            {pending.items.length === 0 ? <p>{EMPTY_QUEUE}</p> : <AssignmentList items={pending.items} />}
          </section>
          <section className="card" aria-labelledby="corrigees">
            <h2 id="corrigees">Corrigées ({done.total})</h2>
            {done.items.length === 0 ? (
              <p>Vous n’avez encore corrigé aucune copie.</p>
            ) : (
              <AssignmentList items={done.items} />
            )}
          </section>
        </>
      ) : null}
    </Page>
  );
}
