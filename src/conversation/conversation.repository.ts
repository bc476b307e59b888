import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Conversation, FinalSubmission, MessageRole } from './conversation.schema';

export interface MessageView {
  id: string;
  role: MessageRole;
  content: string;
  createdAt: string;
  tokenCount: number | null;
  modelUsed: string | null;
  replyTo: string | null;
}

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
  versionFinale: { promptFinal: string; reponseIAFinale: string; soumisLe: string } | null;
  statistiquesIA: { modelUtilise: string | null; tokensTotal: number; coutEstime: number };
  messageCount: number;
  totalTokens: number;
  countsUsage: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationWithMessages extends ConversationSummary {
  messages: MessageView[];
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
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const SUMMARY = { messages: 0 } as const;

function toMessage(m: any): MessageView {
  return {
    id: String(m._id),
    role: m.role,
    content: m.content,
    createdAt: iso(m.createdAt)!,
    tokenCount: m.tokenCount ?? null,
    modelUsed: m.modelUsed ?? null,
    replyTo: m.replyTo ? String(m.replyTo) : null,
  };
}

function toSummary(d: any): ConversationSummary {
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
    versionFinale: d.versionFinale
      ? {
          promptFinal: d.versionFinale.promptFinal,
          reponseIAFinale: d.versionFinale.reponseIAFinale,
          soumisLe: iso(d.versionFinale.soumisLe)!,
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
    createdAt: iso(d.createdAt)!,
    updatedAt: iso(d.updatedAt)!,
  };
}

const oid = (id: string) => new Types.ObjectId(id);

/**
 * The only code that knows the conversations collection. Writes to one conversation are
 * made under the conversation's DocumentLock by the callers (FerretDB loses concurrent
 * updates of one document).
 */
@Injectable()
export class ConversationRepository {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(FinalSubmission.name) private readonly finals: Model<FinalSubmission>,
  ) {}

  async create(data: NewConversation): Promise<ConversationSummary> {
    const doc = await this.conversations.create({
      ...data,
      hackathonId: oid(data.hackathonId),
      studentId: oid(data.studentId),
      messages: [],
    });
    return toSummary(doc.toObject());
  }

  async findSummary(id: string): Promise<ConversationSummary | null> {
    const d = await this.conversations.findById(id, SUMMARY).lean();
    return d ? toSummary(d) : null;
  }

  async findWithMessages(id: string): Promise<ConversationWithMessages | null> {
    const d = await this.conversations.findById(id).lean();
    return d ? { ...toSummary(d), messages: (d.messages ?? []).map(toMessage) } : null;
  }

  async listByStudent(studentId: string, hackathonId: string | undefined, skip: number, limit: number) {
    const q: Record<string, unknown> = { studentId: oid(studentId), archived: { $ne: true } };
    if (hackathonId) q.hackathonId = oid(hackathonId);
    return this.page(q, { updatedAt: -1, _id: -1 }, skip, limit);
  }

  async listByHackathon(hackathonId: string, skip: number, limit: number) {
    return this.page({ hackathonId: oid(hackathonId) }, { createdAt: -1, _id: -1 }, skip, limit);
  }

  private async page(q: Record<string, unknown>, sort: Record<string, 1 | -1>, skip: number, limit: number) {
    const [docs, total] = await Promise.all([
      this.conversations.find(q, SUMMARY).sort(sort).skip(skip).limit(limit).lean(),
      this.conversations.countDocuments(q),
    ]);
    return { items: docs.map(toSummary), total };
  }

  async listSubmitted(hackathonId: string) {
    const docs = await this.conversations
      .find(
        { hackathonId: oid(hackathonId), versionFinale: { $ne: null } },
        { tacheId: 1, studentId: 1, groupId: 1, hackathonId: 1, 'versionFinale.soumisLe': 1 },
      )
      .sort({ 'versionFinale.soumisLe': 1, _id: 1 })
      .lean();
    return docs.map((d: any) => ({
      id: String(d._id),
      hackathonId: String(d.hackathonId),
      tacheId: d.tacheId,
      studentId: String(d.studentId),
      groupId: d.groupId ?? null,
      soumisLe: iso(d.versionFinale.soumisLe)!,
    }));
  }

  async appendMessage(id: string, m: NewMessage): Promise<void> {
    await this.conversations.updateOne(
      { _id: id },
      {
        $push: {
          messages: {
            _id: oid(m.id),
            role: m.role,
            content: m.content,
            createdAt: m.createdAt,
            tokenCount: m.tokenCount,
            modelUsed: m.modelUsed,
            replyTo: m.replyTo ? oid(m.replyTo) : null,
          },
        },
        $inc: { messageCount: 1 },
      },
    );
  }

  async removeMessage(id: string, messageId: string): Promise<void> {
    await this.conversations.updateOne(
      { _id: id, 'messages._id': oid(messageId) },
      { $pull: { messages: { _id: oid(messageId) } }, $inc: { messageCount: -1 } },
    );
  }

  /** The assistant's answer with what it cost (counters and statistiquesIA move with it). */
  async appendReply(
    id: string,
    m: NewMessage,
    used: { tokens: number; cost: number; model: string; temperature: number; maxTokens: number },
  ): Promise<void> {
    await this.conversations.updateOne(
      { _id: id },
      {
        $push: {
          messages: {
            _id: oid(m.id),
            role: m.role,
            content: m.content,
            createdAt: m.createdAt,
            tokenCount: m.tokenCount,
            modelUsed: m.modelUsed,
            replyTo: oid(m.replyTo!),
          },
        },
        $inc: {
          messageCount: 1,
          totalTokens: used.tokens,
          'statistiquesIA.tokensTotal': used.tokens,
          'statistiquesIA.coutEstime': used.cost,
        },
        $set: {
          'statistiquesIA.modelUtilise': used.model,
          temperatureUsed: used.temperature,
          maxTokensUsed: used.maxTokens,
        },
      },
    );
  }

  /** First caller wins (unique index); false for any later one. */
  async claimFinal(conversationId: string, at: Date): Promise<boolean> {
    try {
      await this.finals.create({ conversationId: oid(conversationId), at });
      return true;
    } catch (err: any) {
      if (err?.code === 11000) return false;
      throw err;
    }
  }

  async setFinal(
    id: string,
    v: { promptFinal: string; reponseIAFinale: string; soumisLe: Date },
  ): Promise<ConversationSummary | null> {
    // FerretDB's findAndModify takes no projection: update, then read without the messages.
    await this.conversations.updateOne({ _id: id }, { $set: { versionFinale: v } });
    return this.findSummary(id);
  }

  // --- maintenance (admin jobs, through ConversationMaintenance) ---

  /** Ids of the not-yet-archived conversations created before `before`, a page at a time. */
  async findArchivableIds(before: Date, afterId: string | null, limit: number): Promise<string[]> {
    const q: Record<string, unknown> = { createdAt: { $lt: before }, archived: { $ne: true } };
    if (afterId) q._id = { $gt: oid(afterId) };
    const docs = await this.conversations.find(q, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean();
    return docs.map((d) => String(d._id));
  }

  countArchivable(before: Date): Promise<number> {
    return this.conversations.countDocuments({ createdAt: { $lt: before }, archived: { $ne: true } });
  }

  async markArchived(id: string): Promise<boolean> {
    const res = await this.conversations.updateOne({ _id: id, archived: { $ne: true } }, { $set: { archived: true } });
    return res.modifiedCount === 1;
  }

  countAll(): Promise<number> {
    return this.conversations.countDocuments({});
  }

  /** Every conversation of a student with its messages (RGPD export), oldest first. */
  async allOfStudent(studentId: string): Promise<ConversationWithMessages[]> {
    const docs = await this.conversations
      .find({ studentId: oid(studentId) })
      .sort({ _id: 1 })
      .lean();
    return docs.map((d) => ({ ...toSummary(d), messages: (d.messages ?? []).map(toMessage) }));
  }

  /** Whole conversations (messages included) in `_id` order, for the integrity check. */
  async scan(afterId: string | null, limit: number): Promise<any[]> {
    const q: Record<string, unknown> = afterId ? { _id: { $gt: oid(afterId) } } : {};
    return this.conversations.find(q).sort({ _id: 1 }).limit(limit).lean();
  }

  /** conversationId → studentId for the ids that exist. */
  async studentsOf(ids: string[]): Promise<Map<string, string>> {
    const valid = [...new Set(ids)].filter((id) => /^[0-9a-fA-F]{24}$/.test(id));
    if (!valid.length) return new Map();
    const docs = await this.conversations.find({ _id: { $in: valid.map(oid) } }, { studentId: 1 }).lean();
    return new Map(docs.map((d) => [String(d._id), String(d.studentId)]));
  }
}
