import type { Schema } from '@prompt-challenge/api-client';
import { Link } from 'react-router-dom';
import { myAssignments } from '../../api/examiner';
import { ErrorMessage, formatDate, Loading, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { candidateName } from './candidate';

type Assignment = Schema<'AssignmentView'>;

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
            {pending.items.length === 0 ? <p>Aucune copie ne vous attend.</p> : <Items items={pending.items} />}
          </section>
          <section className="card" aria-labelledby="corrigees">
            <h2 id="corrigees">Corrigées ({done.total})</h2>
            {done.items.length === 0 ? <p>Vous n’avez encore corrigé aucune copie.</p> : <Items items={done.items} />}
          </section>
        </>
      ) : null}
    </Page>
  );
}

function Items({ items }: { items: Assignment[] }) {
  return (
    <ul className="list">
      {items.map((a) => (
        <li key={a.id} className="row spread">
          <div>
            <Link to={`/examinateur/copies/${a.conversationId}`}>
              {candidateName(a)} — {a.tache.titre ?? 'Tâche'}
            </Link>
            <p className="hint">
              {a.hackathon.nom ?? 'Hackathon'} · soumise le {formatDate(a.soumisLe)}
              {a.doneAt ? ` · corrigée le ${formatDate(a.doneAt)}` : ''}
            </p>
          </div>
          <span className={a.status === 'done' ? 'badge badge-ok' : 'badge badge-warn'}>
            {a.status === 'done' ? 'Corrigée' : 'À corriger'}
          </span>
        </li>
      ))}
    </ul>
  );
}
