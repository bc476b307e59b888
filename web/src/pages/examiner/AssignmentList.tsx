import { Link } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { formatDate } from '../../ui/components';
import { candidateName } from './candidate';

/** Copies of the queue, each a link to the copy. */
export function AssignmentList({ items }: { items: Schema<'AssignmentView'>[] }) {
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
