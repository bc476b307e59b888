import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, isoDate, isoDateOf, objectId, Stored } from '../../libs/database';
import { AssignmentStatus, GradingAssignment } from './evaluation.schema';

export interface AssignmentRecord {
  id: string;
  hackathonId: string;
  conversationId: string;
  examinerId: string;
  studentId: string;
  tacheId: string | null;
  groupId: string | null;
  soumisLe: string;
  status: AssignmentStatus;
  assignedAt: string;
  runId: string;
  doneAt: string | null;
  evaluationId: string | null;
}

export interface NewAssignment {
  hackathonId: string;
  conversationId: string;
  examinerId: string;
  studentId: string;
  tacheId: string | null;
  groupId: string | null;
  soumisLe: Date;
  assignedAt: Date;
  runId: string;
}

type StoredAssignment = Stored<GradingAssignment>;

function toAssignment(d: StoredAssignment): AssignmentRecord {
  return {
    id: String(d._id),
    hackathonId: String(d.hackathonId),
    conversationId: String(d.conversationId),
    examinerId: String(d.examinerId),
    studentId: String(d.studentId),
    tacheId: d.tacheId ?? null,
    groupId: d.groupId ?? null,
    soumisLe: isoDateOf(d.soumisLe),
    status: d.status,
    assignedAt: isoDateOf(d.assignedAt),
    runId: d.runId,
    doneAt: isoDate(d.doneAt),
    evaluationId: d.evaluationId ? String(d.evaluationId) : null,
  };
}

/**
 * The grading assignments: one document per (examiner, conversation), created by unique
 * inserts (a retried or concurrent run never doubles one), and the one write path of each.
 */
@Injectable()
export class AssignmentRepository extends DocumentRepository<GradingAssignment> {
  constructor(
    @InjectModel(GradingAssignment.name) assignments: Model<GradingAssignment>,
    serializer: DocumentWriteSerializer,
  ) {
    super(assignments, serializer);
  }

  /** An examiner left the jury: their pending assignments there go (graded work stays). Returns their conversations. */
  async dropPending(
    hackathonId: string,
    examinerIds: string[],
  ): Promise<{ conversationId: string; examinerId: string }[]> {
    if (!examinerIds.length) return [];
    const q = { hackathonId: objectId(hackathonId), examinerId: { $in: examinerIds.map(objectId) }, status: 'pending' };
    const docs = await this.model.find(q, { conversationId: 1, examinerId: 1 }).lean<StoredAssignment[]>();
    await this.model.deleteMany(q);
    return docs.map((d) => ({ conversationId: String(d.conversationId), examinerId: String(d.examinerId) }));
  }

  async pairsOf(hackathonId: string): Promise<{ conversationId: string; examinerId: string }[]> {
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId) }, { conversationId: 1, examinerId: 1 })
      .lean<StoredAssignment[]>();
    return docs.map((d) => ({ conversationId: String(d.conversationId), examinerId: String(d.examinerId) }));
  }

  /** False when the pair already exists (a retried or concurrent run): the unique index decides. */
  insert(a: NewAssignment): Promise<boolean> {
    return this.insertOnce({
      ...a,
      hackathonId: objectId(a.hackathonId),
      conversationId: objectId(a.conversationId),
      examinerId: objectId(a.examinerId),
      studentId: objectId(a.studentId),
      status: 'pending',
    });
  }

  /** What one run created (for one examiner when given), earliest submission first. */
  async createdByRun(hackathonId: string, runId: string, examinerId?: string): Promise<AssignmentRecord[]> {
    const q: Record<string, unknown> = { hackathonId: objectId(hackathonId), runId };
    if (examinerId) q.examinerId = objectId(examinerId);
    const docs = await this.model.find(q).sort({ soumisLe: 1, _id: 1 }).lean<StoredAssignment[]>();
    return docs.map(toAssignment);
  }

  async find(examinerId: string, conversationId: string): Promise<AssignmentRecord | null> {
    const d = await this.model
      .findOne({ examinerId: objectId(examinerId), conversationId: objectId(conversationId) })
      .lean<StoredAssignment>();
    return d ? toAssignment(d) : null;
  }

  /** Done once: only a pending assignment takes the evaluation. */
  async markDone(id: string, evaluationId: string, at: Date): Promise<void> {
    await this.update(
      id,
      { $set: { status: 'done', doneAt: at, evaluationId: objectId(evaluationId) } },
      { status: 'pending' },
    );
  }

  /** Pending first ('pending' > 'done'), then oldest assignment, then earliest submission. */
  async listMine(
    examinerId: string,
    filter: { status?: AssignmentStatus; hackathonId?: string },
    skip: number,
    limit: number,
  ) {
    const q: Record<string, unknown> = { examinerId: objectId(examinerId) };
    if (filter.status) q.status = filter.status;
    if (filter.hackathonId) q.hackathonId = objectId(filter.hackathonId);
    const [docs, total] = await Promise.all([
      this.model
        .find(q)
        .sort({ status: -1, assignedAt: 1, soumisLe: 1, _id: 1 })
        .skip(skip)
        .limit(limit)
        .lean<StoredAssignment[]>(),
      this.model.countDocuments(q),
    ]);
    return { items: docs.map(toAssignment), total };
  }

  /** Per examiner: how many assignments of each status (one single-accumulator $group each). */
  async progress(hackathonId: string): Promise<Map<string, { pending: number; done: number }>> {
    const countBy = async (status: AssignmentStatus) =>
      this.model.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { hackathonId: objectId(hackathonId), status } },
        { $group: { _id: '$examinerId', n: { $sum: 1 } } },
      ]);
    const [pending, done] = await Promise.all([countBy('pending'), countBy('done')]);
    const out = new Map<string, { pending: number; done: number }>();
    const row = (id: string) => {
      let counts = out.get(id);
      if (!counts) out.set(id, (counts = { pending: 0, done: 0 }));
      return counts;
    };
    for (const r of pending) row(String(r._id)).pending = r.n;
    for (const r of done) row(String(r._id)).done = r.n;
    return out;
  }
}
