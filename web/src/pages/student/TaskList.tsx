import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { startConversation } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { ErrorMessage, formatDate } from '../../ui/components';
import { checkSettings, type AiModels, type ModelSettings } from './model-settings';
import { TaskConsigne } from './TaskConsigne';

/** The tasks of a hackathon, my conversations on each, and the button that starts one with the chosen settings. */
export function TaskList({
  hackathonId,
  taches,
  open,
  settings,
  models,
  conversations,
  error,
}: {
  settings: ModelSettings | null;
  models: AiModels | null;
  hackathonId: string;
  taches: Schema<'Tache'>[];
  open: boolean;
  conversations: Schema<'ConversationView'>[];
  error: ApiError | null;
}) {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (tacheId: string) => {
    setProblem(null);
    const checked = settings && models ? checkSettings(settings, models) : null;
    if (checked && !checked.ok) return setProblem(checked.error);
    setBusy(true);
    try {
      const { conversation } = await startConversation({ hackathonId, tacheId, ...(checked?.ok ? checked.value : {}) });
      navigate(`/etudiant/conversations/${conversation.id}`);
    } catch (err) {
      setProblem(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="taches">
      <h2 id="taches">Tâches</h2>
      <ErrorMessage error={error ?? problem} />
      <ul className="list">
        {taches.map((t, i) => {
          const mine = conversations.filter((c) => c.tacheId === t.id);
          return (
            <li key={t.id}>
              <h3>
                Tâche {i + 1} : {t.titre}
              </h3>
              <TaskConsigne consigne={t.consigne} open={mine.length === 0} level={4} />
              {t.avecVerification ? (
                <p className="hint">
                  Le prompt final de cette tâche est vérifié automatiquement sur des exemples : la conversation les
                  montre et permet de l’essayer avant de le soumettre.
                </p>
              ) : null}
              {mine.length > 0 ? (
                <ul>
                  {mine.map((c) => (
                    <li key={c.id}>
                      <Link to={`/etudiant/conversations/${c.id}`}>
                        Reprendre la conversation du {formatDate(c.createdAt)}
                      </Link>{' '}
                      ({c.messageCount} messages{c.versionFinale ? ', version finale soumise' : ''})
                    </li>
                  ))}
                </ul>
              ) : (
                <p>Pas encore de conversation sur cette tâche.</p>
              )}
              {open ? (
                <button type="button" disabled={busy} onClick={() => void start(t.id)}>
                  Commencer une conversation{taches.length > 1 ? ` (tâche ${i + 1})` : ''}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
