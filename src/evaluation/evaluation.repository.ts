import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { sumFields } from '../../libs/database';
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

const iso = (d: unknown) => new Date(d as string).toISOString();
const oid = (id: string) => new Types.ObjectId(id);
export const isDuplicateKey = (err: any) => err?.code === 11000 || err?.code === 11001;

export function toEvaluationRecord(d: any): EvaluationRecord {
  return {
    id: String(d._id),
    conversationId: String(d.conversationId),
    studentId: String(d.studentId),
    examinerId: String(d.examinerId),
    hackathonId: d.hackathonId ? String(d.hackathonId) : null,
    tacheId: d.tacheId ?? null,
    note: d.note,
    comment: d.comment,
    gradedAt: iso(d.gradedAt),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

/**
 * The only code that knows the evaluations collection. Statistics stay inside the portable
 * subset: sum and count (average = sum / count), min and max by a sorted single-document
 * read on the (hackathonId, note) index.
 */
@Injectable()
export class EvaluationRepository {
  constructor(@InjectModel(Evaluation.name) private readonly evaluations: Model<Evaluation>) {}

  /** First insert per (examiner, conversation) wins; null for any later one (unique index). */
  async create(data: NewEvaluation): Promise<EvaluationRecord | null> {
    try {
      const doc = await this.evaluations.create({
        ...data,
        conversationId: oid(data.conversationId),
        studentId: oid(data.studentId),
        examinerId: oid(data.examinerId),
        hackathonId: oid(data.hackathonId),
      });
      return toEvaluationRecord(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  async findById(id: string): Promise<EvaluationRecord | null> {
    const d = await this.evaluations.findById(id).lean();
    return d ? toEvaluationRecord(d) : null;
  }

  /** updateOne then read (FerretDB refuses findOneAndUpdate with a projection). */
  async update(
    id: string,
    patch: { note?: number; comment?: string },
    gradedAt: Date,
  ): Promise<EvaluationRecord | null> {
    await this.evaluations.updateOne({ _id: oid(id) }, { $set: { ...patch, gradedAt } }, { runValidators: true });
    return this.findById(id);
  }

  async listByExaminer(
    examinerId: string,
    skip: number,
    limit: number,
  ): Promise<{ items: EvaluationRecord[]; total: number }> {
    const q = { examinerId: oid(examinerId) };
    const [docs, total] = await Promise.all([
      this.evaluations.find(q).sort({ gradedAt: -1, _id: -1 }).skip(skip).limit(limit).lean(),
      this.evaluations.countDocuments(q),
    ]);
    return { items: docs.map(toEvaluationRecord), total };
  }

  /** Every evaluation received by a student or given by an examiner (RGPD export), oldest first. */
  async allOf(field: 'studentId' | 'examinerId', userId: string): Promise<EvaluationRecord[]> {
    const docs = await this.evaluations
      .find({ [field]: oid(userId) })
      .sort({ _id: 1 })
      .lean();
    return docs.map(toEvaluationRecord);
  }

  async stats(hackathonId: string): Promise<EvaluationStats> {
    const match = { hackathonId: oid(hackathonId) };
    const [total, sums, top, bottom] = await Promise.all([
      this.evaluations.countDocuments(match),
      sumFields(this.evaluations, match, ['note'] as const),
      this.evaluations.findOne(match, { note: 1 }).sort({ note: -1 }).lean(),
      this.evaluations.findOne(match, { note: 1 }).sort({ note: 1 }).lean(),
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
    const docs = await this.evaluations
      .find({ hackathonId: oid(hackathonId) }, { conversationId: 1, examinerId: 1, note: 1 })
      .lean();
    return docs.map((d) => ({
      conversationId: String(d.conversationId),
      examinerId: String(d.examinerId),
      note: d.note,
    }));
  }

  /** The links of every evaluation, by _id pages (integrity checks). */
  async linksPage(
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; conversationId: string; studentId: string }[]> {
    const q = afterId ? { _id: { $gt: new Types.ObjectId(afterId) } } : {};
    const docs = await this.evaluations
      .find(q, { conversationId: 1, studentId: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean();
    return docs.map((d: any) => ({
      id: String(d._id),
      conversationId: String(d.conversationId),
      studentId: String(d.studentId),
    }));
  }
}
