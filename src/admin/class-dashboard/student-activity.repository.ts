import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentWriteSerializer, insertOnce, isoDate, objectId, Stored } from '../../../libs/database';
import { DocumentRepository } from '../../../libs/database';
import type { StudentActivity } from '../../conversation';
import { StudentActivityRow } from './student-activity.schema';

export interface ActivityRecord extends StudentActivity {
  studentId: string;
}

const toRecord = (d: Stored<StudentActivityRow>): ActivityRecord => ({
  studentId: String(d.studentId),
  conversations: d.conversations ?? 0,
  pendingReplies: d.pendingReplies ?? 0,
  failedReplies: d.failedReplies ?? 0,
  submitted: d.submitted ?? 0,
  lastActivityAt: isoDate(d.lastActivityAt),
  lastError: d.lastError ?? null,
});

/** The only code that knows `student_activity`. A row is replaced whole by its recomputation. */
@Injectable()
export class StudentActivityRepository extends DocumentRepository<StudentActivityRow> {
  constructor(
    @InjectModel(StudentActivityRow.name) rows: Model<StudentActivityRow>,
    serializer: DocumentWriteSerializer,
  ) {
    super(rows, serializer);
  }

  async save(hackathonId: string, studentId: string, a: StudentActivity): Promise<void> {
    const key = { hackathonId: objectId(hackathonId), studentId: objectId(studentId) };
    const fields = { ...a, lastActivityAt: a.lastActivityAt ? new Date(a.lastActivityAt) : null };
    if (await insertOnce(this.model, { ...key, ...fields })) return;
    const row = await this.model.findOne(key, { _id: 1 }).lean<Stored<StudentActivityRow>>();
    if (row) await this.update(String(row._id), { $set: fields });
  }

  async of(hackathonId: string, studentId: string): Promise<ActivityRecord | null> {
    const d = await this.model
      .findOne({ hackathonId: objectId(hackathonId), studentId: objectId(studentId) })
      .lean<Stored<StudentActivityRow>>();
    return d ? toRecord(d) : null;
  }

  async allOf(hackathonId: string): Promise<ActivityRecord[]> {
    const docs = await this.model.find({ hackathonId: objectId(hackathonId) }).lean<Stored<StudentActivityRow>[]>();
    return docs.map(toRecord);
  }
}
