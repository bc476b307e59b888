import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce, objectId, Stored } from '../../libs/database';
import { VerificationRun } from './verification-run.schema';

export interface RunRecord {
  hackathonId: string;
  conversationId: string;
  empreinte: string;
  cas: number;
  repetition: number;
  essai: number;
  reponse: string;
  reussi: boolean;
  raisons: string[];
  promptTokens: number;
  completionTokens: number;
  at: Date;
}

/** The only code that knows the verification_runs collection: runs are inserted once, never changed. */
@Injectable()
export class VerificationRunRepository {
  constructor(@InjectModel(VerificationRun.name) private readonly runs: Model<VerificationRun>) {}

  /** Records a finished run; false when that run was already recorded (another runner finished it first). */
  record(run: RunRecord): Promise<boolean> {
    return insertOnce(this.runs, {
      ...run,
      hackathonId: objectId(run.hackathonId),
      conversationId: objectId(run.conversationId),
    });
  }

  /** The finished runs of a submission's checks of one fingerprint. */
  async finishedRuns(conversationId: string, empreinte: string): Promise<RunRecord[]> {
    const rows = await this.runs
      .find({ conversationId: objectId(conversationId), empreinte })
      .sort({ cas: 1, repetition: 1 })
      .lean<Stored<VerificationRun>[]>();
    return rows.map((r) => ({
      hackathonId: String(r.hackathonId),
      conversationId: String(r.conversationId),
      empreinte: r.empreinte,
      cas: r.cas,
      repetition: r.repetition,
      essai: r.essai,
      reponse: r.reponse,
      reussi: r.reussi,
      raisons: r.raisons ?? [],
      promptTokens: r.promptTokens ?? 0,
      completionTokens: r.completionTokens ?? 0,
      at: r.at,
    }));
  }
}
