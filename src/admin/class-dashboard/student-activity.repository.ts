import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentWriteSerializer, isoDate, objectId, Stored } from '../../../libs/database';
import { DocumentRepository } from '../../../libs/database';
import type { LatestConversation, StudentActivity } from '../../conversation';
import { StudentActivityRow } from './student-activity.schema';

export interface Refusals {
  nombre: number;
  dernier: { code: string; at: string } | null;
}

export interface ActivityRecord extends StudentActivity {
  studentId: string;
  refus: Refusals;
}

type Counter = 'conversations' | 'pendingReplies' | 'failedReplies' | 'submitted' | 'refusals';

/** What one domain event changes in a row: counters moved, and facts that hold when newer than the row's. */
export interface ActivityChange {
  at: Date;
  inc?: Partial<Record<Counter, number>>;
  latest?: Omit<LatestConversation, 'at'>;
  lastError?: { message: string };
  lastRefusal?: { code: string };
}

const COUNTERS: Counter[] = ['conversations', 'pendingReplies', 'failedReplies', 'submitted', 'refusals'];

const toRecord = (d: Stored<StudentActivityRow>): ActivityRecord => ({
  studentId: String(d.studentId),
  conversations: d.conversations ?? 0,
  // A reply's event may land before its send's: a passing negative shows as nothing pending.
  pendingReplies: Math.max(0, d.pendingReplies ?? 0),
  failedReplies: d.failedReplies ?? 0,
  submitted: d.submitted ?? 0,
  lastActivityAt: isoDate(d.lastActivityAt),
  lastError: d.lastError ?? null,
  latest: d.latest ?? null,
  refus: { nombre: d.refusals ?? 0, dernier: d.lastRefusal ?? null },
});

/** The one newest-wins fact an event carries, if any, as stored. */
function factOf(
  change: ActivityChange,
  at: string,
): { field: 'latest' | 'lastError' | 'lastRefusal'; value: object } | null {
  if (change.latest) return { field: 'latest', value: { ...change.latest, at } };
  if (change.lastError) return { field: 'lastError', value: { ...change.lastError, at } };
  if (change.lastRefusal) return { field: 'lastRefusal', value: { ...change.lastRefusal, at } };
  return null;
}

/** Whether `at` is as new as `than` (or there is nothing yet): the newest fact wins whatever the order. */
const newer = (at: string, than: { at: string } | null | undefined) => !than || at >= than.at;

/**
 * The only code that knows `student_activity`. Every write of a row (an event's change, a
 * repair) runs with no other writer of that row in between, on every engine: FerretDB applies
 * `$inc` by read-modify-write, and the newest-wins facts are decided on the row as it is.
 */
@Injectable()
export class StudentActivityRepository extends DocumentRepository<StudentActivityRow> {
  constructor(
    @InjectModel(StudentActivityRow.name) rows: Model<StudentActivityRow>,
    serializer: DocumentWriteSerializer,
  ) {
    super(rows, serializer);
  }

  private keyOf(hackathonId: string, studentId: string) {
    return { hackathonId: objectId(hackathonId), studentId: objectId(studentId) };
  }

  /**
   * One event's change: counters by `$inc`, the activity time by `$max`, the event's newest fact
   * by `$set`. One update when the row exists and holds no newer fact (the usual case: a row
   * per student, events in order); else the row is read and the change decided on it.
   */
  apply(hackathonId: string, studentId: string, change: ActivityChange): Promise<void> {
    return this.serialized(`${hackathonId}:${studentId}`, async () => {
      const key = this.keyOf(hackathonId, studentId);
      const at = change.at.toISOString();
      const $inc = Object.fromEntries(Object.entries(change.inc ?? {}).filter(([, n]) => n));
      const facts = [change.latest, change.lastError, change.lastRefusal].filter(Boolean).length;
      if (facts > 1) return this.applyOnRow(key, change, at, $inc);
      const fact = factOf(change, at);
      const res = await this.model.updateOne(
        // A fact lands only on a row that holds none as new (`null`: none yet).
        fact ? { ...key, $or: [{ [`${fact.field}.at`]: { $lte: at } }, { [fact.field]: null }] } : key,
        {
          $max: { lastActivityAt: change.at },
          ...(Object.keys($inc).length ? { $inc } : {}),
          ...(fact ? { $set: { [fact.field]: fact.value } } : {}),
        },
      );
      if (res.matchedCount === 0) await this.applyOnRow(key, change, at, $inc);
    });
  }

  /** The first event of a row, or one older than the row's fact: decided on the row as it is. */
  private async applyOnRow(
    key: ReturnType<StudentActivityRepository['keyOf']>,
    change: ActivityChange,
    at: string,
    $inc: Record<string, number>,
  ): Promise<void> {
    const row = await this.model.findOne(key).lean<Stored<StudentActivityRow>>();
    const $set: Record<string, unknown> = {};
    if (!row?.lastActivityAt || change.at > new Date(row.lastActivityAt)) $set.lastActivityAt = change.at;
    if (change.latest && newer(at, row?.latest)) $set.latest = { ...change.latest, at };
    if (change.lastError && newer(at, row?.lastError)) $set.lastError = { ...change.lastError, at };
    if (change.lastRefusal && newer(at, row?.lastRefusal)) $set.lastRefusal = { ...change.lastRefusal, at };
    if (row) {
      const update = { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($inc).length ? { $inc } : {}) };
      if (Object.keys(update).length) await this.model.updateOne({ _id: row._id }, update);
      return;
    }
    const fresh = Object.fromEntries(COUNTERS.map((c) => [c, $inc[c] ?? 0]));
    await this.model.create({ ...key, ...fresh, ...$set });
  }

  /**
   * A repair: the row's conversation facts replaced by their recomputation (`compute`, run
   * with the row's writers held off), its refusals kept (only events know them).
   */
  rebuild(hackathonId: string, studentId: string, compute: () => Promise<StudentActivity>): Promise<void> {
    return this.serialized(`${hackathonId}:${studentId}`, async () => {
      const key = this.keyOf(hackathonId, studentId);
      const a = await compute();
      const fields = { ...a, lastActivityAt: a.lastActivityAt ? new Date(a.lastActivityAt) : null };
      const row = await this.model.findOne(key, { _id: 1 }).lean<Stored<StudentActivityRow>>();
      if (row) await this.model.updateOne({ _id: row._id }, { $set: fields });
      else await this.model.create({ ...key, ...fields, refusals: 0, lastRefusal: null });
    });
  }

  async of(hackathonId: string, studentId: string): Promise<ActivityRecord | null> {
    const d = await this.model.findOne(this.keyOf(hackathonId, studentId)).lean<Stored<StudentActivityRow>>();
    return d ? toRecord(d) : null;
  }

  /** Several students' rows in one query. */
  async ofMany(hackathonId: string, studentIds: string[]): Promise<ActivityRecord[]> {
    if (!studentIds.length) return [];
    const docs = await this.model
      .find({ hackathonId: objectId(hackathonId), studentId: { $in: studentIds.map(objectId) } })
      .lean<Stored<StudentActivityRow>[]>();
    return docs.map(toRecord);
  }

  async allOf(hackathonId: string): Promise<ActivityRecord[]> {
    const docs = await this.model.find({ hackathonId: objectId(hackathonId) }).lean<Stored<StudentActivityRow>[]>();
    return docs.map(toRecord);
  }
}
