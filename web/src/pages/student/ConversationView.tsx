import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { conversationStreamTicket, conversationStreamUrl, getConversation } from '../../api/conversations';
import { ApiError } from '../../api/errors';
import { aiModels, getHackathon } from '../../api/hackathons';
import { myQuota } from '../../api/quota';
import { openTicketedStream } from '../../api/stream';
import { useSession } from '../../app/use-session';
import { ErrorMessage, Loading, Notice, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { useRefreshOnFocus } from '../../ui/use-refresh-on-focus';
import { AnswerAnnouncer } from './AnswerAnnouncer';
import { withVerification } from './checks';
import { Composer } from './Composer';
import { applyEvent, initialState, withLoaded, withSent, type ChatState } from './conversation-state';
import { ConversationSettings } from './ConversationSettings';
import { EssaiPanel } from './EssaiPanel';
import { FinalForm } from './FinalForm';
import { FinalVersion } from './FinalVersion';
import { isOpen } from './hackathon-status';
import { MessageList } from './MessageList';
import { exhausted, quotaAfterRefusal, surelyTooLong, type MyQuota } from './quota';
import { QuotaGauges } from './QuotaGauges';
import { QuotaWayOut } from './QuotaWayOut';
import { TaskChecks } from './TaskChecks';
import { TaskConsigne } from './TaskConsigne';
import { findTaskFinal, type Summary } from './task-final';
import { FinalHeldElsewhere, FinalHeldElsewhereNotice } from './TaskSubmittedElsewhere';
import { useEssai } from './use-essai';
import { useFollowAnswer } from './use-follow-answer';

type Conversation = Schema<'ConversationDetail'>;

const loadConversation = (id: string) => getConversation(id).then((r) => r.conversation);

/**
 * The messages, the answer streamed as it comes, the prompt box kept at the bottom of the
 * screen, the final version. Phone first: settings folded, quota on one line.
 */
export function ConversationView({ id }: { id: string }) {
  const location = useLocation();
  const person = useSession()?.user ?? null;
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [chat, setChat] = useState<ChatState | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [link, setLink] = useState<'connecting' | 'open' | 'retrying'>('connecting');
  // Sending waits for the first connection of the stream: an answer's first words are not missed.
  const [listening, setListening] = useState(false);
  const [quota, setQuota] = useState<MyQuota | null>(null);
  const [tokensRefused, setTokensRefused] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);
  // A prompt carried over from another conversation (« Nouvelle conversation, réponse courte »).
  const [draft, setDraft] = useState(() => (location.state as { draft?: string } | null)?.draft ?? '');
  const box = useRef<HTMLTextAreaElement>(null);
  const essai = useEssai(id);
  const onEssaiEvent = essai.onEvent;
  // A try's prompt kept for the final version (EssaiPanel.tsx → FinalForm.tsx).
  const [proposal, setProposal] = useState<{ text: string; n: number } | null>(null);
  const hackathonId = conversation?.hackathonId;
  const hackathon = useLoad(
    () => (hackathonId ? getHackathon(hackathonId).then((r) => r.hackathon) : Promise.resolve(null)),
    [hackathonId],
  );
  const models = useLoad(aiModels, []);
  // Another conversation of the task may already hold the student's final version (one per task):
  // known before offering a form the API can only refuse.
  const tacheId = conversation?.tacheId;
  const hasFinal = !!conversation?.versionFinale;
  // null until first read: the form waits for that answer only (a read again does not take it away).
  const [elsewhere, setElsewhere] = useState<{ holder: Summary | null } | null>(null);
  // Reads may cross (a slow one waiting out an outage, a newer one on focus): only the latest counts.
  const lastRead = useRef(0);
  const readElsewhere = useCallback(async () => {
    if (!hackathonId || !tacheId || hasFinal) return;
    const read = ++lastRead.current;
    try {
      const holder = await findTaskFinal({ hackathonId, tacheId }, id);
      if (read === lastRead.current) setElsewhere({ holder });
    } catch {
      // Unknown: the form is offered, and the API's 409 says it if need be (FinalForm.tsx).
      if (read === lastRead.current) setElsewhere((old) => old ?? { holder: null });
    }
  }, [hackathonId, tacheId, id, hasFinal]);
  useEffect(() => {
    void readElsewhere();
  }, [readElsewhere]);

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
    void reload();
  }, [reload]);
  useEffect(() => {
    void refreshQuota();
  }, [refreshQuota]);
  // A quota the teacher raised, a final version submitted from another tab, show when the student comes back.
  useRefreshOnFocus(() => {
    void refreshQuota();
    void readElsewhere();
  });
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
        events: ['delta', 'message', 'error', 'essai', 'verification'],
        resume: true,
      },
      {
        onEvent: (event, data) => {
          if (event === 'essai') {
            onEssaiEvent(data);
            // What the try used is settled: the gauge says what is left.
            void quotaRef.current();
            return;
          }
          if (event === 'verification') {
            setConversation((old) =>
              old?.versionFinale ? { ...old, versionFinale: withVerification(old.versionFinale, old.id, data) } : old,
            );
            return;
          }
          setChat((old) => (old ? applyEvent(old, event, data) : old));
          if (event === 'message' || event === 'error') {
            void quotaRef.current();
            // What the next prompt costs grew with the history (prochainMessage).
            void reload();
          }
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
  }, [id, reload, onEssaiEvent]);

  const follow = useFollowAnswer(chat);

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
  // Its h1 from the start: a read that waits (the service away a moment, api/outage.ts) leaves a titled page.
  if (!conversation || !chat)
    return (
      <Page title="Conversation" compact>
        <Loading />
      </Page>
    );
  const h = hackathon.data;
  const tache = h?.taches.find((t) => t.id === conversation.tacheId);
  const open = h ? isOpen(h) : true;
  const submitted = conversation.versionFinale;
  const writing = !submitted && open;
  // The server's word on the next prompt (its history and answer length against the quota) once known.
  const next = conversation.prochainMessage;
  const tooLong =
    writing &&
    quota !== null &&
    !exhausted(quota) &&
    (tokensRefused || (next ? !next.possible : surelyTooLong(quota, conversation.maxTokens)));
  const heldElsewhere = submitted ? null : (elsewhere?.holder ?? null);
  const reuse = (prompt: string) => {
    setDraft(prompt);
    box.current?.focus();
  };
  return (
    <Page title={tache ? `Conversation : ${tache.titre}` : 'Conversation'} compact>
      <div className="conversation-head">
        {h ? (
          <Link to={`/etudiant/hackathons/${h.id}`} className="back">
            ← {h.nom}
          </Link>
        ) : null}
        <ConversationSettings
          conversation={conversation}
          models={models.data}
          editable={writing}
          onChanged={(maxTokens) => {
            setConversation((old) => (old ? { ...old, maxTokens } : old));
            setTokensRefused(false);
            void reload();
          }}
        />
        {quota ? <QuotaGauges quota={quota} compact /> : null}
      </div>
      {heldElsewhere && open ? <FinalHeldElsewhereNotice holder={heldElsewhere} /> : null}
      <TaskConsigne consigne={tache?.consigne} open={conversation.messages.length === 0} level={2} />
      {quota && exhausted(quota) && !submitted ? (
        <Notice kind="warning">
          Votre quota de ce hackathon est épuisé : vous ne pouvez plus envoyer de prompt, mais vous pouvez encore
          soumettre votre version finale. Votre enseignant peut augmenter votre quota.
        </Notice>
      ) : null}
      {link === 'retrying' ? <Notice kind="warning">Connexion perdue : reconnexion…</Notice> : null}
      {h && !open ? (
        <Notice kind="warning">
          Ce hackathon est fermé : vous pouvez relire cette conversation, mais plus y écrire.
        </Notice>
      ) : null}
      <section className="card chat" aria-labelledby="messages-titre">
        <h2 id="messages-titre" className="sr-only">
          Messages
        </h2>
        <MessageList chat={chat} onReuse={writing ? reuse : undefined} />
        <AnswerAnnouncer chat={chat} />
        {chat.failure ? <ErrorMessage error={chat.failure} /> : null}
        {writing ? (
          <div className="composer-dock">
            {tooLong && quota ? (
              <QuotaWayOut
                quota={quota}
                conversation={conversation}
                models={models.data}
                draft={draft}
                hackathonId={conversation.hackathonId}
                refused={tokensRefused}
                reserved={next?.tokensReserves ?? null}
              />
            ) : next && quota && !exhausted(quota) ? (
              <p className="hint" id="prompt-cout">
                Prochain prompt : {next.tokensReserves.toLocaleString('fr-FR')} tokens réservés, plus les siens ; ce que
                la réponse n’utilise pas vous est rendu.
              </p>
            ) : null}
            <Composer
              conversationId={conversation.id}
              draft={draft}
              onDraft={setDraft}
              box={box}
              ready={listening}
              pending={chat.pendingId !== null}
              onSent={(m) => {
                setChat((old) => (old ? withSent(old, m) : old));
                setTokensRefused(false);
                follow();
                void refreshQuota();
              }}
              onStopped={(m) => {
                if (m) setChat((old) => (old ? applyEvent(old, 'message', { message: m }) : old));
                void reload();
                void refreshQuota();
              }}
              onRefused={(err) => {
                setQuota((q) => quotaAfterRefusal(q, err));
                if (err.code === 'QUOTA_TOKENS_EXCEEDED') setTokensRefused(true);
                if (err.code === 'REPLY_PENDING') void reload();
              }}
            />
          </div>
        ) : null}
      </section>
      {tache?.avecVerification ? (
        <TaskChecks tache={tache}>
          {tache.casPublics.length > 0 ? (
            <EssaiPanel
              conversation={conversation}
              tache={tache}
              models={models.data}
              quota={quota}
              draft={draft}
              essai={essai.state.essai}
              running={essai.running}
              writing={writing}
              onStart={async (prompt) => {
                await essai.start(prompt);
                void refreshQuota();
              }}
              // Not the 429's own figures: they count the try's first examples, reserved then given back.
              onRefused={(err) => {
                if (err.code.startsWith('QUOTA_')) void refreshQuota();
              }}
              onUseForFinal={heldElsewhere ? undefined : (text) => setProposal((p) => ({ text, n: (p?.n ?? 0) + 1 }))}
            />
          ) : null}
        </TaskChecks>
      ) : null}
      {submitted ? (
        <FinalVersion final={submitted} justSubmitted={justSubmitted} publicCases={tache?.casPublics} />
      ) : open && heldElsewhere ? (
        <FinalHeldElsewhere holder={heldElsewhere} />
      ) : open && elsewhere ? (
        <FinalForm
          conversationId={conversation.id}
          task={{ hackathonId: conversation.hackathonId, tacheId: conversation.tacheId }}
          messages={chat.messages}
          anonymous={h?.anonymatActif ?? false}
          person={person}
          entrees={tache?.avecVerification ? tache.entrees : undefined}
          proposal={proposal}
          onSubmitted={(c) => {
            setJustSubmitted(true);
            setConversation((old) => (old ? { ...old, versionFinale: c.versionFinale } : old));
          }}
        />
      ) : null}
    </Page>
  );
}
