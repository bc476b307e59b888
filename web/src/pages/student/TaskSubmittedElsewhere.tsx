import { Link } from 'react-router-dom';
import { messageFor, type ApiError } from '../../api/errors';
import { formatDate } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { findTaskFinal, type Summary } from './task-final';

/** The link to the conversation that holds the task's final version. */
function HolderLink({ holder }: { holder: Summary }) {
  return (
    <Link to={`/etudiant/conversations/${holder.id}`}>
      Voir la conversation du {formatDate(holder.createdAt)}, qui porte votre version finale (soumise le{' '}
      {formatDate(holder.versionFinale?.soumisLe)})
    </Link>
  );
}

/**
 * Known before anything is sent (task-final.ts): this task's final version stands in another
 * conversation. One final version per task, submitted once (docs/api.md 1.2 « One final version
 * per task », and `PUT /conversations/:id/final` « once only »): the API offers no way to replace
 * or withdraw it, so the page says so instead of a form that can only be refused.
 */
export function FinalHeldElsewhere({ holder }: { holder: Summary }) {
  return (
    <section className="card" aria-labelledby="finale-titre">
      <h2 id="finale-titre">Version finale de cette tâche</h2>
      <p>
        <strong>Vous avez déjà soumis votre version finale de cette tâche, dans une autre conversation</strong> (le{' '}
        {formatDate(holder.versionFinale?.soumisLe)}).
      </p>
      <p>
        Il n’y a qu’une version finale par tâche, et une version soumise ne peut être ni remplacée ni retirée : cette
        conversation ne peut donc pas être soumise. Vous pouvez continuer à y écrire pour vous entraîner (ses prompts
        comptent dans votre quota).
      </p>
      <p>
        <HolderLink holder={holder} />
      </p>
    </section>
  );
}

/** The same, in one line at the top of the conversation: seen before writing in it. */
export function FinalHeldElsewhereNotice({ holder }: { holder: Summary }) {
  return (
    <div className="alert alert-info">
      <p>
        Votre version finale de cette tâche est déjà soumise, dans une autre conversation : celle-ci ne pourra pas être
        soumise. <HolderLink holder={holder} />
      </p>
    </div>
  );
}

/**
 * `409 TASK_ALREADY_SUBMITTED` (one final version per task, docs/api.md 1.2): the final version
 * of this task stands in another conversation (submitted from another tab since this page was
 * read). Says so and leads to that conversation, once the student's conversations show which one
 * holds it.
 */
export function TaskSubmittedElsewhere({
  error,
  hackathonId,
  tacheId,
  conversationId,
}: {
  error: ApiError;
  hackathonId: string;
  tacheId: string;
  conversationId: string;
}) {
  const mine = useLoad(
    () => findTaskFinal({ hackathonId, tacheId }, conversationId),
    [hackathonId, tacheId, conversationId],
  );
  return (
    <div className="alert alert-error" role="alert">
      <p>{messageFor(error)}</p>
      {mine.data?.versionFinale ? (
        <p>
          <HolderLink holder={mine.data} />
        </p>
      ) : null}
    </div>
  );
}
