import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { myConversations, startConversation } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { aiModels, getHackathon } from '../../api/hackathons';
import { myQuota } from '../../api/quota';
import { ErrorMessage, Field, formatDate, Loading, Notice, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { availability, isOpen } from './hackathon-status';
import { checkSettings, defaultsOf, type AiModels, type ModelSettings } from './model-settings';
import { QuotaGauges } from './QuotaGauges';
import { ResultsSection } from './ResultsSection';

/** `/etudiant/hackathons/:id`: its tasks and my conversations on each, my quota, my results. */
export function HackathonPage() {
  const { id = '' } = useParams();
  const hackathon = useLoad(() => getHackathon(id).then((r) => r.hackathon), [id]);
  const conversations = useLoad(() => myConversations({ hackathonId: id, limit: 100 }), [id]);
  const quota = useLoad(() => myQuota(id), [id]);
  const models = useLoad(aiModels, []);
  const [typed, setTyped] = useState<ModelSettings | null>(null);
  const settings = typed ?? (models.data ? defaultsOf(models.data) : null);

  const h = hackathon.data;
  if (hackathon.error) {
    return (
      <Page title="Hackathon">
        <ErrorMessage error={hackathon.error} />
        <p>
          <Link to="/etudiant">Retour à mes hackathons</Link>
        </p>
      </Page>
    );
  }
  if (!h) return <Loading />;
  const open = isOpen(h);
  return (
    <Page title={h.nom}>
      <p>
        <span className="badge">{h.statut}</span>{' '}
        <span className={open ? 'badge badge-ok' : 'badge badge-warn'}>{availability(h)}</span>
      </p>
      <dl className="facts">
        <dt>Début</dt>
        <dd>{formatDate(h.dates.debut)}</dd>
        <dt>Fin</dt>
        <dd>{formatDate(h.dates.fin)}</dd>
        {h.objectifs ? (
          <>
            <dt>Objectifs</dt>
            <dd>{h.objectifs}</dd>
          </>
        ) : null}
      </dl>
      {h.description ? <p>{h.description}</p> : null}
      {!open ? (
        <Notice kind="warning">
          Ce hackathon n’est pas ouvert : vous pouvez relire vos conversations, mais pas en commencer ni écrire.
        </Notice>
      ) : null}
      <div className="columns">
        {quota.data ? <QuotaGauges quota={quota.data} /> : <ErrorMessage error={quota.error} />}
        {open && models.data && settings ? (
          <Settings models={models.data} value={{ ...settings, set: (k, v) => setTyped({ ...settings, [k]: v }) }} />
        ) : null}
      </div>
      <Tasks
        hackathonId={h.id}
        taches={h.taches}
        open={open}
        settings={settings}
        models={models.data}
        conversations={conversations.data?.items ?? []}
        error={conversations.error}
      />
      <ResultsSection hackathonId={h.id} taches={h.taches} />
    </Page>
  );
}

interface SettingsState extends ModelSettings {
  set: (k: keyof ModelSettings, v: string) => void;
}

/** Model, temperature and answer length of the next conversation, within the allowed ranges. */
function Settings({ models, value }: { models: AiModels; value: SettingsState }) {
  const t = models.temperature;
  const m = models.maxTokens;
  return (
    <section className="card" aria-labelledby="reglages">
      <h2 id="reglages">Réglages de la prochaine conversation</h2>
      <div className="settings">
        <Field label="Modèle">
          {(p) => (
            <select {...p} value={value.modelName} onChange={(e) => value.set('modelName', e.target.value)}>
              {models.models.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Température" hint={`De ${t.min} à ${t.max}.`}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={t.min}
              max={t.max}
              step={0.1}
              value={value.temperature}
              onChange={(e) => value.set('temperature', e.target.value)}
            />
          )}
        </Field>
        <Field label="Longueur maximale de la réponse (tokens)" hint={`De ${m.min} à ${m.max}.`}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={m.min}
              max={m.max}
              step={1}
              value={value.maxTokens}
              onChange={(e) => value.set('maxTokens', e.target.value)}
            />
          )}
        </Field>
      </div>
      {models.fake ? (
        <p className="hint">Les réponses viennent du faux modèle local (aucune clé de fournisseur).</p>
      ) : null}
    </section>
  );
}

function Tasks({
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
