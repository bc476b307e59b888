import { Link } from 'react-router-dom';
import { myConversations } from '../../api/conversations';
import { messageFor, type ApiError } from '../../api/errors';
import { formatDate } from '../../ui/components';
import { useLoad } from '../../ui/use-load';

/**
 * `409 TASK_ALREADY_SUBMITTED` (one final version per task, docs/api.md 1.2): the final version
 * of this task stands in another conversation (submitted from another tab, or earlier). Says so
 * and leads to that conversation, once the student's conversations show which one holds it.
 */
export function TaskSubmittedElsewhere({
  error,
  hackathonId,
  tacheId,
}: {
  error: ApiError;
  hackathonId: string;
  tacheId: string;
}) {
  const mine = useLoad(() => myConversations({ hackathonId, limit: 100 }), [hackathonId]);
  const holder = mine.data?.items.find((c) => c.tacheId === tacheId && c.versionFinale);
  return (
    <div className="alert alert-error" role="alert">
      <p>{messageFor(error)}</p>
      {holder?.versionFinale ? (
        <p>
          <Link to={`/etudiant/conversations/${holder.id}`}>
            Voir la conversation du {formatDate(holder.createdAt)}, qui porte votre version finale (soumise le{' '}
            {formatDate(holder.versionFinale.soumisLe)})
          </Link>
        </p>
      ) : null}
    </div>
  );
}
