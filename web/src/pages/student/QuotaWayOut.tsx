import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { startConversation } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { ErrorMessage } from '../../ui/components';
import { plural } from '../../ui/format';
import { lengthTokens, wordsOf, type AiModels } from './model-settings';
import { remaining, type MyQuota } from './quota';

/**
 * What a student can do when the next prompt cannot fit the tokens left: each send reserves
 * the answer's whole length plus the conversation's history, which grows at each turn. The
 * way out the page offers: the same task in a new conversation with a short answer (the
 * prompt typed is carried over), or asking the teacher for more.
 */
export function QuotaWayOut({
  quota,
  conversation,
  models,
  draft,
  hackathonId,
  refused,
  reserved,
  essaiCases,
}: {
  /** Said of a try on the public examples (EssaiPanel.tsx), which reserves an answer's length per example. */
  essaiCases?: number;
  /** The send was just refused (said as an alert), or the page saw it coming (a status). */
  refused: boolean;
  quota: MyQuota;
  conversation: { hackathonId: string; tacheId: string; modelName: string; temperature: number; maxTokens: number };
  models: AiModels | null;
  draft: string;
  hackathonId: string;
  /** What the next send reserves, the prompt aside (the server's `prochainMessage`), when known. */
  reserved: number | null;
}) {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const left = remaining(quota).tokens;
  const short = models ? lengthTokens('courte', models.maxTokens) : null;
  const shortFits = short !== null && short < left && short < conversation.maxTokens;
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  const restart = async () => {
    if (short === null) return;
    setBusy(true);
    setError(null);
    try {
      const { conversation: next } = await startConversation({
        hackathonId: conversation.hackathonId,
        tacheId: conversation.tacheId,
        modelName: conversation.modelName,
        temperature: conversation.temperature,
        maxTokens: short,
      });
      navigate(`/etudiant/conversations/${next.id}`, { state: { draft } });
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <div className="alert alert-warning" role={refused ? 'alert' : 'status'}>
      {essaiCases ? (
        <p>
          <strong>Cet essai ne tient pas dans les tokens qui vous restent.</strong> Il vous en reste {fmt(left)} ; un
          essai réserve, pour chaque exemple (ici {plural(essaiCases, 'exemple', 'exemples')}), la longueur de réponse
          de cette conversation ({fmt(conversation.maxTokens)} tokens) plus les tokens du prompt.
        </p>
      ) : (
        <p>
          <strong>
            {refused
              ? 'Ce prompt ne tient pas dans les tokens qui vous restent.'
              : 'Votre prochain prompt ne tiendra pas dans vos tokens.'}
          </strong>{' '}
          Il vous en reste {fmt(left)} ; chaque envoi réserve la longueur de réponse de cette conversation (
          {fmt(conversation.maxTokens)} tokens) plus tout l’historique de la conversation, qui grandit à chaque échange
          {reserved !== null ? ` : ${fmt(reserved)} tokens pour le prochain, plus ceux du prompt` : ''}.
        </p>
      )}
      {shortFits ? (
        <>
          <p>
            Recommencez cette tâche dans une nouvelle conversation avec une réponse courte ({fmt(short)} tokens, environ{' '}
            {wordsOf(short)} mots) : votre prompt en cours y sera repris.
          </p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void restart()}>
              Nouvelle conversation, réponse courte
            </button>
            <Link to={`/etudiant/hackathons/${hackathonId}`}>Choisir d’autres réglages</Link>
          </div>
        </>
      ) : null}
      <p>Vous pouvez aussi demander à votre enseignant d’augmenter votre quota.</p>
      <ErrorMessage error={error} />
    </div>
  );
}
