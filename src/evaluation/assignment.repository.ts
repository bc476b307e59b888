import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from './evaluation.repository';
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

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const oid = (id: string) => new Types.ObjectId(id);

function toAssignment(d: any): AssignmentRecord {
  return {
    id: String(d._id),
    hackathonId: String(d.hackathonId),
    conversationId: String(d.conversationId),
    examinerId: String(d.examinerId),
    studentId: String(d.studentId),
    tacheId: d.tacheId ?? null,
    groupId: d.groupId ?? null,
    soumisLe: iso(d.soumisLe)!,
    status: d.status,
    assignedAt: iso(d.assignedAt)!,
    runId: d.runId,
    doneAt: iso(d.doneAt),
    evaluationId: d.evaluationId ? String(d.evaluationId) : null,
  };
}

/**
 * The jury of each hackathon (attached examiners) and the grading assignments. One document
 * per pair, created by unique inserts: no document is updated by two writers at once, except
 * an assignment marked done by its own examiner.
 */
@Injectable()
export class AssignmentRepository {
  constructor(@InjectModel(GradingAssignment.name) private readonly assignments: Model<GradingAssignment>) {}

  /** An examiner left the jury: their pending assignments there go (graded work stays). Returns their conversations. */
  async dropPending(
    hackathonId: string,
    examinerIds: string[],
  ): Promise<{ conversationId: string; examinerId: string }[]> {
    if (!examinerIds.length) return [];
    const q = { hackathonId: oid(hackathonId), examinerId: { $in: examinerIds.map(oid) }, status: 'pending' };
    const docs = await this.assignments.find(q, { conversationId: 1, examinerId: 1 }).lean();
    await this.assignments.deleteMany(q);
    return docs.map((d) => ({ conversationId: String(d.conversationId), examinerId: String(d.examinerId) }));
  }

  // --- assignments --------------------------------------------------------------------------

  async pairsOf(hackathonId: string): Promise<{ conversationId: string; examinerId: string }[]> {
    const docs = await this.assignments
      .find({ hackathonId: oid(hackathonId) }, { conversationId: 1, examinerId: 1 })
      .lean();
    return docs.map((d) => ({ conversationId: String(d.conversationId), examinerId: String(d.examinerId) }));
  }

  /** False when the pair already exists (a retried or concurrent run): the unique index decides. */
  async insert(a: NewAssignment): Promise<boolean> {
    try {
      await this.assignments.create({
        ...a,
        hackathonId: oid(a.hackathonId),
        conversationId: oid(a.conversationId),
        examinerId: oid(a.examinerId),
        studentId: oid(a.studentId),
        status: 'pending',
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async createdByRun(hackathonId: string, runId: string): Promise<AssignmentRecord[]> {
    const docs = await this.assignments
      .find({ hackathonId: oid(hackathonId), runId })
      .sort({ soumisLe: 1, _id: 1 })
      .lean();
    return docs.map(toAssignment);
  }

  async find(examinerId: string, conversationId: string): Promise<AssignmentRecord | null> {
    const d = await this.assignments
      .findOne({ examinerId: oid(examinerId), conversationId: oid(conversationId) })
      .lean();
    return d ? toAssignment(d) : null;
  }

  async markDone(examinerId: string, conversationId: string, evaluationId: string, at: Date): Promise<void> {
    await this.assignments.updateOne(
      { examinerId: oid(examinerId), conversationId: oid(conversationId) },
      { $set: { status: 'done', doneAt: at, evaluationId: oid(evaluationId) } },
    );
  }

  /** Pending first ('pending' > 'done'), then oldest assignment, then earliest submission. */
  async listMine(
    examinerId: string,
    filter: { status?: AssignmentStatus; hackathonId?: string },
    skip: number,
    limit: number,
  ) {
    const q: Record<string, unknown> = { examinerId: oid(examinerId) };
    if (filter.status) q.status = filter.status;
    if (filter.hackathonId) q.hackathonId = oid(filter.hackathonId);
    const [docs, total] = await Promise.all([
      this.assignments.find(q).sort({ status: -1, assignedAt: 1, soumisLe: 1, _id: 1 }).skip(skip).limit(limit).lean(),
      this.assignments.countDocuments(q),
    ]);
    return { items: docs.map(toAssignment), total };
  }

  /** Per examiner: how many assignments of each status (one single-accumulator $group each). */
  async progress(hackathonId: string): Promise<Map<string, { pending: number; done: number }>> {
    const countBy = async (status: AssignmentStatus) =>
      this.assignments.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { hackathonId: oid(hackathonId), status } },
        { $group: { _id: '$examinerId', n: { $sum: 1 } } },
      ]);
    const [pending, done] = await Promise.all([countBy('pending'), countBy('done')]);
    const out = new Map<string, { pending: number; done: number }>();
    const row = (id: string) => out.get(id) ?? out.set(id, { pending: 0, done: 0 }).get(id)!;
    for (const r of pending) row(String(r._id)).pending = r.n;
    for (const r of done) row(String(r._id)).done = r.n;
    return out;
  }
}
