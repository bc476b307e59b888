import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import {
  DocumentRepository,
  DocumentWriteSerializer,
  isDuplicateKeyError,
  isoDateOf,
  objectId,
  Stored,
} from '../../libs/database';
import type { VerificationSummary } from '../verification';
import type { PublicMessage } from './conversation.response';
import { Conversation, FinalSubmission, Message, MessageRole } from './conversation.schema';

/**
 * A stored message as read back: its API fields, and what it costs as history in a later
 * prompt, which is the service's own bookkeeping (publicMessage drops it).
 */
export type MessageRecord = PublicMessage & { contextTokens: number | null };

export interface FinalVersionView {
  promptFinal: string;
  reponseIAFinale: string;
  soumisLe: string;
  messageId: string | null;
  modelName: string | null;
  temperature: number | null;
  maxTokens: number | null;
  /** Every case's results: never handed to a student as is (conversation-view.ts). */
  verification: VerificationSummary | null;
}

/** A final version as submitted (dates and ids not yet as the API shows them). */
export type FinalVersionInput = Omit<FinalVersionView, 'soumisLe' | 'messageId'> & {
  soumisLe: Date;
  messageId: string | null;
};

/** What a submit claims: the student's task and the conversation, with the version itself. */
export interface FinalClaim {
  conversationId: string;
  hackathonId: string;
  studentId: string;
  tacheId: string;
  version: FinalVersionInput;
}

type StoredFinal = Omit<FinalVersionInput, 'messageId'> & { messageId: Types.ObjectId | null };
const storedFinal = (v: FinalVersionInput): StoredFinal => ({
  ...v,
  messageId: v.messageId ? objectId(v.messageId) : null,
});
const fromStoredFinal = (v: StoredFinal): FinalVersionInput => ({
  ...v,
  messageId: v.messageId ? String(v.messageId) : null,
});

/** A conversation without its messages (listings never load them). */

export interface ConversationSummary {
  id: string;
  hackathonId: string;
  tacheId: string;
  studentId: string;
  groupId: string | null;
  modelName: string;
  maxTokens: number;
  maxTokensUsed: number | null;
  temperature: number;
  temperatureUsed: number | null;
  versionFinale: FinalVersionView | null;
  statistiquesIA: { modelUtilise: string | null; tokensTotal: number; coutEstime: number };
  messageCount: number;
  totalTokens: number;
  countsUsage: boolean;
  archived: boolean;
  /** The student message waiting for its answer, if any (one turn at a time). */
  pendingMessageId: string | null;
  assignedExaminerIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ConversationWithMessages extends ConversationSummary {
  messages: MessageRecord[];
}

export interface NewConversation {
  hackathonId: string;
  tacheId: string;
  studentId: string;
  groupId: string | null;
  modelName: string;
  maxTokens: number;
  temperature: number;
  countsUsage: boolean;
}

export interface NewMessage {
  id: string;
  role: MessageRole;
  content: string;
  createdAt: Date;
  tokenCount?: number;
  modelUsed?: string;
  replyTo?: string;
  contextTokens?: number;
  interrompu?: boolean;
}

/** Why a turn could not be opened. */
export type TurnRefusal = 'missing' | 'pending' | 'submitted';

type StoredConversation = Stored<Conversation>;
type StoredMessage = Message & { _id: Types.ObjectId };

const SUMMARY = { messages: 0 } as const;

function toMessage(m: StoredMessage): MessageRecord {
  return {
    id: String(m._id),
    role: m.role,
    content: m.content,
    createdAt: isoDateOf(m.createdAt),
    tokenCount: m.tokenCount ?? null,
    modelUsed: m.modelUsed ?? null,
    replyTo: m.replyTo ? String(m.replyTo) : null,
    contextTokens: m.contextTokens ?? null,
    ...(m.interrompu ? { interrompu: true } : {}),
  };
}

function toSummary(d: StoredConversation): ConversationSummary {
  const v = d.versionFinale;
  return {
    id: String(d._id),
    hackathonId: String(d.hackathonId),
    tacheId: d.tacheId,
    studentId: String(d.studentId),
    groupId: d.groupId ?? null,
    modelName: d.modelName,
    maxTokens: d.maxTokens,
    maxTokensUsed: d.maxTokensUsed ?? null,
    temperature: d.temperature,
    temperatureUsed: d.temperatureUsed ?? null,
    versionFinale: v
      ? {
          promptFinal: v.promptFinal,
          reponseIAFinale: v.reponseIAFinale,
          soumisLe: isoDateOf(v.soumisLe),
          messageId: v.messageId ? String(v.messageId) : null,
          modelName: v.modelName ?? null,
          temperature: v.temperature ?? null,
          maxTokens: v.maxTokens ?? null,
          verification: v.verification ?? null,
        }
      : null,
    statistiquesIA: {
      modelUtilise: d.statistiquesIA?.modelUtilise ?? null,
      tokensTotal: d.statistiquesIA?.tokensTotal ?? 0,
      coutEstime: d.statistiquesIA?.coutEstime ?? 0,
    },
    messageCount: d.messageCount ?? 0,
    totalTokens: d.totalTokens ?? 0,
    countsUsage: d.countsUsage !== false,
    archived: !!d.archived,
    pendingMessageId: d.pendingMessageId ? String(d.pendingMessageId) : null,
    assignedExaminerIds: (d.assignedExaminerIds ?? []).map(String),
    createdAt: isoDateOf(d.createdAt),
    updatedAt: isoDateOf(d.updatedAt),
  };
}

const withMessages = (d: StoredConversation): ConversationWithMessages => ({
  ...toSummary(d),
  messages: ((d.messages ?? []) as StoredMessage[]).map(toMessage),
});

const storedMessage = (m: NewMessage): StoredMessage => ({
  _id: objectId(m.id),
  role: m.role,
  content: m.content,
  createdAt: m.createdAt,
  tokenCount: m.tokenCount,
  modelUsed: m.modelUsed,
  replyTo: m.replyTo ? objectId(m.replyTo) : null,
  contextTokens: m.contextTokens,
  ...(m.interrompu ? { interrompu: true } : {}),
});

/**
 * The only code that knows the conversations and final_submissions collections, and the one
 * write path of a conversation (DocumentRepository serializes its writers where the engine
 * needs it).
 */
@Injectable()
export class ConversationRepository extends DocumentRepository<Conversation> {
  constructor(
    @InjectModel(Conversation.name) conversations: Model<Conversation>,
    @InjectModel(FinalSubmission.name) private readonly finals: Model<FinalSubmission>,
    serializer: DocumentWriteSerializer,
  ) {
    super(conversations, serializer);
  }

  async create(data: NewConversation): Promise<ConversationSummary> {
    const doc = await this.model.create({
      ...data,
      hackathonId: objectId(data.hackathonId),
      studentId: objectId(data.studentId),
      messages: [],
      pendingMessageId: null,
      assignedExaminerIds: [],
    });
    return toSummary(doc.toObject() as StoredConversation);
  }

  async findSummary(id: string): Promise<ConversationSummary | null> {
    const d = await this.model.findById(id, SUMMARY).lean<StoredConversation>();
    return d ? toSummary(d) : null;
  }

  async findWithMessages(id: string): Promise<ConversationWithMessages | null> {
    const d = await this.model.findById(id).lean<StoredConversation>();
    return d ? withMessages(d) : null;
  }

  async listByStudent(studentId: string, hackathonId: string | undefined, skip: number, limit: number) {
    // Top-level equality first: the engine pushes these filters down to its indexes.
    const q: Record<string, unknown> = { studentId: objectId(studentId) };
    if (hackathonId) q.hackathonId = objectId(hackathonId);
    q.archived = { $ne: true };
    return this.page(q, { updatedAt: -1, _id: -1 }, skip, limit);
  }

  async listByHackathon(hackathonId: string, skip: number, limit: number) {
    return this.page({ hackathonId: objectId(hackathonId) }, { createdAt: -1, _id: -1 }, skip, limit);
  }

  private async page(q: Record<string, unknown>, sort: Record<string, 1 | -1>, skip: number, limit: number) {
    const [docs, total] = await Promise.all([
      this.model.find(q, SUMMARY).sort(sort).skip(skip).limit(limit).lean<StoredConversation[]>(),
      this.model.countDocuments(q),
    ]);
    return { items: docs.map(toSummary), total };
  }

  async listSubmitted(hackathonId: string) {
    const docs = await this.model
      .find(
        { hackathonId: objectId(hackathonId), versionFinale: { $ne: null } },
        {
          tacheId: 1,
          studentId: 1,
          groupId: 1,
          hackathonId: 1,
          'versionFinale.soumisLe': 1,
          // The ranking's figures only: never the checks' answers.
          'versionFinale.verification.statut': 1,
          'versionFinale.verification.score': 1,
          'versionFinale.verification.tokensPrompt': 1,
        },
      )
      .sort({ 'versionFinale.soumisLe': 1, _id: 1 })
      .lean<StoredConversation[]>();
    return docs.map((d) => ({
      id: String(d._id),
      hackathonId: String(d.hackathonId),
      tacheId: d.tacheId,
      studentId: String(d.studentId),
      groupId: d.groupId ?? null,
      soumisLe: isoDateOf(d.versionFinale?.soumisLe),
      score: d.versionFinale?.verification?.statut === 'terminee' ? (d.versionFinale.verification.score ?? null) : null,
      tokensPrompt: d.versionFinale?.verification?.tokensPrompt ?? null,
    }));
  }

  /**
   * Opens a turn: stores the student message and marks it pending, only if no answer is
   * pending and no final version is submitted — one conditional update, so of many sends
   * racing on one conversation exactly one gets in (invariant 8).
   */
  async openTurn(id: string, m: NewMessage): Promise<TurnRefusal | null> {
    const opened = await this.update(
      id,
      {
        $push: { messages: storedMessage(m) },
        $inc: { messageCount: 1 },
        $set: { pendingMessageId: objectId(m.id), turnOpen: true },
      },
      { pendingMessageId: null, versionFinale: null },
    );
    if (opened) return null;
    const now = await this.findSummary(id);
    if (!now) return 'missing';
    return now.versionFinale ? 'submitted' : 'pending';
  }

  /** Conversations whose turn is open and that nothing touched since `before` (the sweeper's candidates). */
  async pendingSince(before: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({ turnOpen: true, updatedAt: { $lt: before } }, { _id: 1 })
      .limit(limit)
      .lean();
    return docs.map((d) => String(d._id));
  }

  /**
   * Marks `turnOpen` on the conversations whose turn was opened before the mark existed
   * (migration 004), each through the conversation's locked write, only while still open.
   */
  async markLegacyOpenTurns(): Promise<number> {
    const docs = await this.model
      .find({ pendingMessageId: { $ne: null }, turnOpen: { $exists: false } }, { _id: 1 })
      .lean();
    let marked = 0;
    for (const d of docs)
      if (await this.update(String(d._id), { $set: { turnOpen: true } }, { pendingMessageId: { $ne: null } })) marked++;
    return marked;
  }

  /** Undoes `openTurn` (the job could not be queued). */
  async cancelTurn(id: string, messageId: string): Promise<void> {
    await this.update(
      id,
      {
        $pull: { messages: { _id: objectId(messageId) } },
        $inc: { messageCount: -1 },
        $set: { pendingMessageId: null },
        $unset: { turnOpen: 1 },
      },
      { pendingMessageId: objectId(messageId) },
    );
  }

  /**
   * Closes the turn of `replyTo` with the assistant's answer and what it cost — the reply job's
   * whole answer, or what was streamed when the student stopped it (`interrompu`). Only the
   * first close of a turn lands (invariant 2): the answer as stored, or null when the turn was
   * already closed.
   */
  async closeTurnWithReply(
    id: string,
    m: NewMessage & { replyTo: string },
    used: { tokens: number; cost: number; model: string; temperature: number; maxTokens: number },
  ): Promise<MessageRecord | null> {
    const stored = storedMessage(m);
    const closed = await this.update(
      id,
      {
        $push: { messages: stored },
        $inc: {
          messageCount: 1,
          totalTokens: used.tokens,
          'statistiquesIA.tokensTotal': used.tokens,
          'statistiquesIA.coutEstime': used.cost,
        },
        $set: {
          pendingMessageId: null,
          'statistiquesIA.modelUtilise': used.model,
          temperatureUsed: used.temperature,
          maxTokensUsed: used.maxTokens,
        },
        $unset: { turnOpen: 1 },
      },
      { pendingMessageId: objectId(m.replyTo) },
    );
    return closed ? toMessage(stored) : null;
  }

  /**
   * The answer's length for the next sends (`PATCH /conversations/:id`), unless a final version
   * is submitted meanwhile; false then. A pending answer keeps the length its send reserved.
   */
  async setMaxTokens(id: string, maxTokens: number): Promise<boolean> {
    return this.update(id, { $set: { maxTokens } }, { versionFinale: null });
  }

  /** Closes the turn of `replyTo` with a system message saying the answer failed; false when already closed. */
  async closeTurnWithFailure(id: string, m: NewMessage & { replyTo: string }): Promise<boolean> {
    return this.update(
      id,
      {
        $push: { messages: storedMessage(m) },
        $inc: { messageCount: 1 },
        $set: { pendingMessageId: null },
        $unset: { turnOpen: 1 },
      },
      { pendingMessageId: objectId(m.replyTo) },
    );
  }

  /**
   * The claim of a final version and its content, in one insert (invariant 4): `_id` is the
   * student's task (`<hackathon>:<student>:<tache>`, one final version per task) and
   * `conversationId` is unique (one per conversation), so the first insert wins on every engine
   * and nothing is half-written: the copy into the conversation (completeFinal) can be redone
   * from this row by whoever finds it not done (the next submit, the sweeper).
   */
  async claimFinal(claim: FinalClaim): Promise<'claimed' | 'conversation' | 'task'> {
    try {
      await this.finals.collection.insertOne({
        _id: `${claim.hackathonId}:${claim.studentId}:${claim.tacheId}`,
        conversationId: objectId(claim.conversationId),
        at: claim.version.soumisLe,
        version: storedFinal(claim.version),
        completed: false,
      } as never);
      return 'claimed';
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const mine = await this.finals.collection.findOne({ conversationId: objectId(claim.conversationId) });
      return mine ? 'conversation' : 'task';
    }
  }

  /** The claim of this conversation when its copy into the conversation was not done. */
  async unfinishedClaimOf(conversationId: string): Promise<FinalVersionInput | null> {
    const row = await this.finals.collection.findOne({ conversationId: objectId(conversationId), completed: false });
    return row?.version ? fromStoredFinal(row.version as StoredFinal) : null;
  }

  /** Conversations whose claim was not copied into them since `before` (the sweeper's candidates). */
  async unfinishedClaimsSince(before: Date, limit: number): Promise<string[]> {
    const rows = await this.finals.collection
      .find({ completed: false, at: { $lt: before } }, { projection: { conversationId: 1 } })
      .limit(limit)
      .toArray();
    return rows.map((r) => String(r.conversationId));
  }

  /**
   * Copies a claimed final version into its conversation (only while it has none), then marks
   * the claim done. Idempotent: true when this call wrote the version.
   */
  async completeFinal(id: string, v: FinalVersionInput): Promise<boolean> {
    const wrote = await this.update(id, { $set: { versionFinale: storedFinal(v) } }, { versionFinale: null });
    // Copied: the row keeps the claim only (the conversation holds the version).
    await this.finals.collection.updateOne(
      { conversationId: objectId(id) },
      { $set: { completed: true }, $unset: { version: '' } },
    );
    return wrote;
  }

  /** Writes the checks' summary of a submitted conversation; false when it has no final version. */
  setVerification(id: string, summary: VerificationSummary | null): Promise<boolean> {
    return this.update(id, { $set: { 'versionFinale.verification': summary } }, { versionFinale: { $ne: null } });
  }

  /** Lets these examiners read the conversation (their grading assignments). */
  async grantExaminers(id: string, examinerIds: string[]): Promise<void> {
    if (examinerIds.length)
      await this.update(id, { $addToSet: { assignedExaminerIds: { $each: examinerIds.map(objectId) } } });
  }

  async revokeExaminer(id: string, examinerId: string): Promise<void> {
    await this.update(id, { $pull: { assignedExaminerIds: objectId(examinerId) } });
  }

  /**
   * The integrity check's repair: `messageCount` and `totalTokens` brought to what the messages
   * say, by `$inc` of the difference (a reply landing meanwhile moves both sides alike). True
   * when they differed.
   */
  async correctCounters(id: string): Promise<boolean> {
    return this.mutate(id, (d) => {
      if (!d) return { result: false };
      const messages = (d.messages ?? []) as StoredMessage[];
      const tokens = messages.filter((m) => m.role === 'assistant').reduce((sum, m) => sum + (m.tokenCount ?? 0), 0);
      const inc = { messageCount: messages.length - (d.messageCount ?? 0), totalTokens: tokens - (d.totalTokens ?? 0) };
      if (!inc.messageCount && !inc.totalTokens) return { result: false };
      return { update: { $inc: inc }, result: true };
    });
  }

  /** One student's conversations in one hackathon, messages included (a handful), oldest first. */
  async ofStudentIn(hackathonId: string, studentId: string): Promise<ConversationWithMessages[]> {
    const docs = await this.model
      .find({ studentId: objectId(studentId), hackathonId: objectId(hackathonId) })
      .sort({ _id: 1 })
      .lean<StoredConversation[]>();
    return docs.map(withMessages);
  }

  // --- maintenance (admin jobs, through ConversationMaintenance) ---

  /** A hackathon's conversations with their messages, a page at a time in `_id` order (exports). */
  async pageOfHackathon(
    hackathonId: string,
    afterId: string | null,
    limit: number,
  ): Promise<ConversationWithMessages[]> {
    const q: Record<string, unknown> = { hackathonId: objectId(hackathonId) };
    if (afterId) q._id = { $gt: objectId(afterId) };
    const docs = await this.model.find(q).sort({ _id: 1 }).limit(limit).lean<StoredConversation[]>();
    return docs.map(withMessages);
  }

  /** The students with at least one conversation in the hackathon (the results export's class). */
  async studentIdsOfHackathon(hackathonId: string): Promise<string[]> {
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId) }, { studentId: 1 })
      .lean<StoredConversation[]>();
    return [...new Set(docs.map((d) => String(d.studentId)))];
  }

  countOfHackathon(hackathonId: string): Promise<number> {
    return this.model.countDocuments({ hackathonId: objectId(hackathonId) });
  }

  /** Ids of the not-yet-archived conversations created before `before`, a page at a time. */
  async findArchivableIds(before: Date, afterId: string | null, limit: number): Promise<string[]> {
    const q: Record<string, unknown> = { createdAt: { $lt: before }, archived: { $ne: true } };
    if (afterId) q._id = { $gt: objectId(afterId) };
    const docs = await this.model.find(q, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean<StoredConversation[]>();
    return docs.map((d) => String(d._id));
  }

  countArchivable(before: Date): Promise<number> {
    return this.model.countDocuments({ createdAt: { $lt: before }, archived: { $ne: true } });
  }

  markArchived(id: string): Promise<boolean> {
    return this.update(id, { $set: { archived: true } }, { archived: { $ne: true } });
  }

  countAll(): Promise<number> {
    return this.model.countDocuments({});
  }

  /** Every conversation of a student with its messages (RGPD export), oldest first. */
  async allOfStudent(studentId: string): Promise<ConversationWithMessages[]> {
    const docs = await this.model
      .find({ studentId: objectId(studentId) })
      .sort({ _id: 1 })
      .lean<StoredConversation[]>();
    return docs.map(withMessages);
  }

  /** Whole conversations (messages included) in `_id` order, for the integrity check. */
  async scan(afterId: string | null, limit: number): Promise<ConversationWithMessages[]> {
    const q: Record<string, unknown> = afterId ? { _id: { $gt: objectId(afterId) } } : {};
    const docs = await this.model.find(q).sort({ _id: 1 }).limit(limit).lean<StoredConversation[]>();
    return docs.map(withMessages);
  }

  /** conversationId → studentId for the ids that exist. */
  async studentsOf(ids: string[]): Promise<Map<string, string>> {
    const valid = [...new Set(ids)].filter((id) => /^[0-9a-fA-F]{24}$/.test(id));
    if (!valid.length) return new Map();
    const docs = await this.model
      .find({ _id: { $in: valid.map(objectId) } }, { studentId: 1 })
      .lean<StoredConversation[]>();
    return new Map(docs.map((d) => [String(d._id), String(d.studentId)]));
  }
}
