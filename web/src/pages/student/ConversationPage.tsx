import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import {
  conversationStreamTicket,
  conversationStreamUrl,
  getConversation,
  sendMessage,
  submitFinal,
} from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { getHackathon } from '../../api/hackathons';
import { myQuota } from '../../api/quota';
import { openTicketedStream } from '../../api/stream';
import { ErrorMessage, Field, formatDate, Loading, Notice, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import {
  answers,
  applyEvent,
  initialState,
  promptOf,
  withLoaded,
  withSent,
  type ChatState,
  type Message,
} from './conversation-state';
import { isOpen } from './hackathon-status';
import { exhausted, quotaAfterRefusal, type MyQuota } from './quota';
import { QuotaGauges } from './QuotaGauges';

type Conversation = Schema<'ConversationDetail'>;

const loadConversation = (id: string) => getConversation(id).then((r) => r.conversation);

/** `/etudiant/conversations/:id`: the messages, the answer streamed as it comes, the final version. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [chat, setChat] = useState<ChatState | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [link, setLink] = useState<'connecting' | 'open' | 'retrying'>('connecting');
  // Sending waits for the first connection of the stream: an answer's first words are not missed.
  const [listening, setListening] = useState(false);
  const [quota, setQuota] = useState<MyQuota | null>(null);
  const hackathonId = conversation?.hackathonId;
  const hackathon = useLoad(
    () => (hackathonId ? getHackathon(hackathonId).then((r) => r.hackathon) : Promise.resolve(null)),
    [hackathonId],
  );

  const refreshQuota = useCallback(async () => {
    if (!hackathonId) return;
    try {
      setQuota(await myQuota(hackathonId));
    } catch {
      // The gauge keeps its last value; the page says nothing more for a gauge.
    }
  }, [hackathonId]);

  const reload = useCallback(async () => {
    try {
      const c = await loadConversation(id);
      setConversation(c);
      setChat((old) =>
        old ? withLoaded(old, c.messages, c.pendingMessageId) : initialState(c.messages, c.pendingMessageId),
      );
      setLoadError(null);
    } catch (err) {
      setLoadError(err as ApiError);
    }
  }, [id]);

  useEffect(() => {
    setChat(null);
    setConversation(null);
    setListening(false);
    void reload();
  }, [reload]);
  useEffect(() => {
    void refreshQuota();
  }, [refreshQuota]);
  // The stream lives as long as the page shows this conversation: the quota's loader changes once
  // the hackathon is known, which must not reopen the stream (its first words would be missed).
  const quotaRef = useRef(refreshQuota);
  quotaRef.current = refreshQuota;

  // The stream of answers; on each (re)connection the conversation is read again, so an answer
  // stored while the page was not listening is not lost.
  useEffect(() => {
    if (!id) return;
    return openTicketedStream(
      {
        url: conversationStreamUrl(id),
        ticket: () => conversationStreamTicket(id),
        events: ['delta', 'message', 'error'],
        resume: true,
      },
      {
        onEvent: (event, data) => {
          setChat((old) => (old ? applyEvent(old, event, data) : old));
          if (event === 'message' || event === 'error') void quotaRef.current();
        },
        onState: (state) => {
          setLink(state);
          if (state === 'open') {
            setListening(true);
            void reload();
          }
        },
      },
    );
  }, [id, reload]);

  if (loadError && !conversation) {
    return (
      <Page title="Conversation">
        <ErrorMessage error={loadError} />
        <p>
          <Link to="/etudiant">Retour à mes hackathons</Link>
        </p>
      </Page>
    );
  }
  if (!conversation || !chat) return <Loading />;
  const h = hackathon.data;
  const tache = h?.taches.find((t) => t.id === conversation.tacheId);
  const open = h ? isOpen(h) : true;
  const submitted = conversation.versionFinale;
  return (
    <Page title={tache ? `Conversation : ${tache.titre}` : 'Conversation'}>
      <p>{h ? <Link to={`/etudiant/hackathons/${h.id}`}>Retour au hackathon « {h.nom} »</Link> : null}</p>
      <dl className="facts">
        <dt>Modèle</dt>
        <dd>{conversation.modelName}</dd>
        <dt>Température</dt>
        <dd>{conversation.temperature.toLocaleString('fr-FR')}</dd>
        <dt>Longueur maximale</dt>
        <dd>{conversation.maxTokens.toLocaleString('fr-FR')} tokens</dd>
      </dl>
      {quota ? <QuotaGauges quota={quota} /> : null}
      {quota && exhausted(quota) && !submitted ? (
        <Notice kind="warning">
          Votre quota de ce hackathon est épuisé : vous ne pouvez plus envoyer de prompt, mais vous pouvez encore
          soumettre votre version finale.
        </Notice>
      ) : null}
      {link === 'retrying' ? <Notice kind="warning">Connexion perdue : reconnexion…</Notice> : null}
      {h && !open ? (
        <Notice kind="warning">
          Ce hackathon est fermé : vous pouvez relire cette conversation, mais plus y écrire.
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="messages-titre">
        <h2 id="messages-titre">Messages</h2>
        <Messages chat={chat} />
        {chat.failure ? <ErrorMessage error={chat.failure} /> : null}
        {!submitted && open ? (
          <SendBox
            conversationId={conversation.id}
            ready={listening}
            pending={chat.pendingId !== null}
            onSent={(m) => {
              setChat((old) => (old ? withSent(old, m) : old));
              void refreshQuota();
            }}
            onRefused={(err) => {
              setQuota((q) => quotaAfterRefusal(q, err));
              if (err.code === 'REPLY_PENDING') void reload();
            }}
          />
        ) : null}
      </section>
      {submitted ? (
        <FinalVersion final={submitted} />
      ) : open ? (
        <FinalForm
          conversationId={conversation.id}
          messages={chat.messages}
          onSubmitted={(c) => setConversation((old) => (old ? { ...old, versionFinale: c.versionFinale } : old))}
        />
      ) : null}
    </Page>
  );
}

const WHO: Record<Message['role'], string> = { student: 'Vous', assistant: 'Assistant', system: 'Plateforme' };

function Messages({ chat }: { chat: ChatState }) {
  if (chat.messages.length === 0 && !chat.streaming) return <p>Écrivez votre premier prompt ci-dessous.</p>;
  return (
    <>
      <ol className="messages" aria-label="Messages de la conversation">
        {chat.messages.map((m) => (
          <li key={m.id} className={`message ${m.role === 'student' ? 'message-user' : 'message-assistant'}`}>
            <p className="message-content">{m.content}</p>
            <p className="message-meta">
              {WHO[m.role]} · {formatDate(m.createdAt)}
              {m.role === 'assistant' && m.tokenCount !== null ? ` · ${m.tokenCount} tokens décomptés` : ''}
            </p>
          </li>
        ))}
        {chat.streaming ? (
          <li className="message message-assistant streaming" aria-busy="true">
            <p className="message-content">{chat.streaming.text}</p>
          </li>
        ) : null}
      </ol>
      <div role="status" aria-live="polite">
        {chat.pendingId ? <p className="hint">L’assistant rédige sa réponse…</p> : null}
      </div>
    </>
  );
}

function SendBox({
  conversationId,
  ready,
  pending,
  onSent,
  onRefused,
}: {
  conversationId: string;
  ready: boolean;
  pending: boolean;
  onSent: (m: Message) => void;
  onRefused: (err: ApiError) => void;
}) {
  const [content, setContent] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // "Wait for the answer" is said no more once the answer came.
  useEffect(() => {
    if (!pending) setError((e) => (e instanceof ApiError && e.code === 'REPLY_PENDING' ? null : e));
  }, [pending]);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const text = content.trim();
    if (!text) return setError('Écrivez un prompt avant de l’envoyer.');
    setError(null);
    setSending(true);
    try {
      const sent = await sendMessage(conversationId, content);
      onSent({
        id: sent.messageId,
        role: 'student',
        content,
        createdAt: new Date().toISOString(),
        tokenCount: null,
        modelUsed: null,
        replyTo: null,
      });
      setContent('');
    } catch (err) {
      const apiError = err as ApiError;
      setError(apiError);
      onRefused(apiError);
    } finally {
      setSending(false);
      box.current?.focus();
    }
  };
  return (
    <form onSubmit={(e) => void send(e)} aria-label="Envoyer un prompt">
      <Field label="Votre prompt">
        {(p) => (
          <textarea
            {...p}
            ref={box}
            rows={4}
            maxLength={20000}
            value={content}
            onChange={(e) => setContent(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={error} />
      <button type="submit" disabled={sending || !ready}>
        Envoyer
      </button>
      {!ready ? <p className="hint">Connexion au fil des réponses…</p> : null}
    </form>
  );
}

function FinalForm({
  conversationId,
  messages,
  onSubmitted,
}: {
  conversationId: string;
  messages: Message[];
  onSubmitted: (c: Schema<'ConversationView'>) => void;
}) {
  const options = answers(messages);
  const [chosen, setChosen] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  if (options.length === 0) return null;
  const choose = (m: Message) => {
    setChosen(m.id);
    if (!prompt.trim()) setPrompt(promptOf(messages, m));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return setError('Choisissez la réponse de l’assistant que vous retenez.');
    if (!prompt.trim()) return setError('Écrivez votre prompt final.');
    setError(null);
    try {
      const { conversation } = await submitFinal(conversationId, { promptFinal: prompt, messageId: chosen });
      onSubmitted(conversation);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="finale-titre">
      <h2 id="finale-titre">Soumettre ma version finale</h2>
      <p>Une seule soumission est possible : elle sera corrigée par le jury.</p>
      <fieldset className="final-choice">
        <legend>Réponse retenue</legend>
        {options.map((m, i) => (
          <label key={m.id}>
            <input type="radio" name="reponse" value={m.id} checked={chosen === m.id} onChange={() => choose(m)} />
            <span>
              <strong>Réponse {i + 1}</strong> : {m.content.length > 160 ? `${m.content.slice(0, 157)}…` : m.content}
            </span>
          </label>
        ))}
      </fieldset>
      <Field label="Prompt final">
        {(p) => <textarea {...p} rows={4} value={prompt} onChange={(e) => setPrompt(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <button type="submit">Soumettre la version finale</button>
    </form>
  );
}

function FinalVersion({ final }: { final: Schema<'FinalVersion'> }) {
  return (
    <section className="card" aria-labelledby="finale-soumise">
      <h2 id="finale-soumise">Version finale soumise</h2>
      <Notice kind="success">Soumise le {formatDate(final.soumisLe)}. Elle ne peut plus être modifiée.</Notice>
      <h3>Prompt final</h3>
      <p className="message-content">{final.promptFinal}</p>
      <h3>Réponse retenue</h3>
      <p className="message-content">{final.reponseIAFinale}</p>
    </section>
  );
}
