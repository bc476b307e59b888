import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import {
  DocumentRepository,
  DocumentWriteSerializer,
  isoDateOf,
  objectId,
  Stored,
  sumFields,
} from '../../libs/database';
import { Evaluation } from './evaluation.schema';

export interface EvaluationRecord {
  id: string;
  conversationId: string;
  studentId: string;
  examinerId: string;
  hackathonId: string | null;
  tacheId: string | null;
  note: number;
  comment: string;
  gradedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewEvaluation {
  conversationId: string;
  studentId: string;
  examinerId: string;
  hackathonId: string;
  tacheId: string | null;
  note: number;
  comment: string;
  gradedAt: Date;
}

export interface EvaluationStats {
  averageNote: number | null;
  totalEvaluations: number;
  maxNote: number | null;
  minNote: number | null;
}

type StoredEvaluation = Stored<Evaluation>;

export function toEvaluationRecord(d: StoredEvaluation): EvaluationRecord {
  return {
    id: String(d._id),
    conversationId: String(d.conversationId),
    studentId: String(d.studentId),
    examinerId: String(d.examinerId),
    hackathonId: d.hackathonId ? String(d.hackathonId) : null,
    tacheId: d.tacheId ?? null,
    note: d.note,
    comment: d.comment,
    gradedAt: isoDateOf(d.gradedAt),
    createdAt: isoDateOf(d.createdAt),
    updatedAt: isoDateOf(d.updatedAt),
  };
}

/**
 * The only code that knows the evaluations collection, and the one write path of an
 * evaluation. Statistics stay inside the portable subset: sum and count (average = sum /
 * count), min and max by a sorted single-document read on the (hackathonId, note) index.
 */
@Injectable()
export class EvaluationRepository extends DocumentRepository<Evaluation> {
  constructor(@InjectModel(Evaluation.name) evaluations: Model<Evaluation>, serializer: DocumentWriteSerializer) {
    super(evaluations, serializer);
    // An edit waits its turn rather than fail: one examiner's edits of one evaluation are few.
    this.lockOptions = { waitMs: 30_000 };
  }

  /** First insert per (examiner, conversation) wins (unique index, invariant 4); null for any later one. */
  async create(data: NewEvaluation): Promise<EvaluationRecord | null> {
    const id = new Types.ObjectId();
    const first = await this.insertOnce({
      ...data,
      _id: id,
      conversationId: objectId(data.conversationId),
      studentId: objectId(data.studentId),
      examinerId: objectId(data.examinerId),
      hackathonId: objectId(data.hackathonId),
    });
    return first ? this.findById(String(id)) : null;
  }

  async findById(id: string): Promise<EvaluationRecord | null> {
    const d = await this.model.findById(id).lean<StoredEvaluation>();
    return d ? toEvaluationRecord(d) : null;
  }

  /**
   * Its examiner's new note and/or comment, written whole: concurrent edits are serialized on
   * every engine (FerretDB rewrites the whole document per update), and the answer is read
   * before the next writer gets in, so each caller sees its own edit. Null for an unknown id.
   */
  edit(id: string, patch: { note?: number; comment?: string }, gradedAt: Date): Promise<EvaluationRecord | null> {
    return this.serialized(id, async () => {
      const res = await this.model.updateOne(
        { _id: objectId(id) },
        { $set: { ...patch, gradedAt } },
        { runValidators: true },
      );
      return res.matchedCount === 1 ? this.findById(id) : null;
    });
  }

  async listByExaminer(
    examinerId: string,
    skip: number,
    limit: number,
  ): Promise<{ items: EvaluationRecord[]; total: number }> {
    const q = { examinerId: objectId(examinerId) };
    const [docs, total] = await Promise.all([
      this.model.find(q).sort({ gradedAt: -1, _id: -1 }).skip(skip).limit(limit).lean<StoredEvaluation[]>(),
      this.model.countDocuments(q),
    ]);
    return { items: docs.map(toEvaluationRecord), total };
  }

  /** Every evaluation received by a student or given by an examiner (RGPD export), oldest first. */
  async allOf(field: 'studentId' | 'examinerId', userId: string): Promise<EvaluationRecord[]> {
    const docs = await this.model
      .find({ [field]: objectId(userId) })
      .sort({ _id: 1 })
      .lean<StoredEvaluation[]>();
    return docs.map(toEvaluationRecord);
  }

  async stats(hackathonId: string): Promise<EvaluationStats> {
    const match = { hackathonId: objectId(hackathonId) };
    const [total, sums, top, bottom] = await Promise.all([
      this.model.countDocuments(match),
      sumFields(this.model, match, ['note'] as const),
      this.model.findOne(match, { note: 1 }).sort({ note: -1 }).lean<StoredEvaluation>(),
      this.model.findOne(match, { note: 1 }).sort({ note: 1 }).lean<StoredEvaluation>(),
    ]);
    if (!total) return { averageNote: null, totalEvaluations: 0, maxNote: null, minNote: null };
    return {
      averageNote: Math.round((sums.note / total) * 100) / 100,
      totalEvaluations: total,
      maxNote: top?.note ?? null,
      minNote: bottom?.note ?? null,
    };
  }

  /** Every grade of a hackathon, reduced to what the leaderboard needs. */
  async gradesOf(hackathonId: string): Promise<{ conversationId: string; examinerId: string; note: number }[]> {
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId) }, { conversationId: 1, examinerId: 1, note: 1 })
      .lean<StoredEvaluation[]>();
    return docs.map((d) => ({
      conversationId: String(d.conversationId),
      examinerId: String(d.examinerId),
      note: d.note,
    }));
  }

  /** Every evaluation of a hackathon, oldest first (a student's results: class figures, examiner pseudonyms). */
  async allOfHackathon(hackathonId: string): Promise<EvaluationRecord[]> {
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId) })
      .sort({ _id: 1 })
      .lean<StoredEvaluation[]>();
    return docs.map(toEvaluationRecord);
  }

  /** The comments of a hackathon's evaluations, in grading order (the results export). */
  async commentsOf(hackathonId: string): Promise<{ conversationId: string; comment: string }[]> {
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId) }, { conversationId: 1, comment: 1, gradedAt: 1 })
      .sort({ gradedAt: 1, _id: 1 })
      .lean<StoredEvaluation[]>();
    return docs.map((d) => ({ conversationId: String(d.conversationId), comment: d.comment }));
  }

  /** The links of every evaluation, by _id pages (integrity checks). */
  async linksPage(
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; conversationId: string; studentId: string }[]> {
    const q = afterId ? { _id: { $gt: objectId(afterId) } } : {};
    const docs = await this.model
      .find(q, { conversationId: 1, studentId: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<StoredEvaluation[]>();
    return docs.map((d) => ({
      id: String(d._id),
      conversationId: String(d.conversationId),
      studentId: String(d.studentId),
    }));
  }
}
