import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  DocumentRepository,
  DocumentWriteSerializer,
  isoDate,
  isoDateOf,
  objectId,
  Stored,
} from '../../../libs/database';
import type { TaskVerification } from '../../hackathon';
import type { VerificationStatut, VerificationSummary } from '../verification-summary';
import { EssaiVerification } from './essai-verification.schema';

export interface EssaiVerificationRecord {
  id: string;
  hackathonId: string;
  tacheId: string | null;
  requestedBy: string;
  prompt: string;
  systeme: string | null;
  verification: TaskVerification;
  modelName: string;
  temperature: number;
  maxTokens: number;
  statut: VerificationStatut;
  resume: VerificationSummary | null;
  tokensFactures: number;
  createdAt: string;
  finishedAt: string | null;
}

export type NewEssaiVerification = Omit<
  EssaiVerificationRecord,
  'statut' | 'resume' | 'tokensFactures' | 'createdAt' | 'finishedAt'
> & { createdAt: Date };

/** The only code that knows the verification_essais collection. */
@Injectable()
export class EssaiVerificationRepository extends DocumentRepository<EssaiVerification> {
  constructor(
    @InjectModel(EssaiVerification.name) essais: Model<EssaiVerification>,
    serializer: DocumentWriteSerializer,
  ) {
    super(essais, serializer);
  }

  async create(e: NewEssaiVerification): Promise<void> {
    await this.model.create({
      ...e,
      _id: objectId(e.id),
      hackathonId: objectId(e.hackathonId),
      requestedBy: objectId(e.requestedBy),
      statut: 'en_attente',
      resume: null,
      tokensFactures: 0,
      finishedAt: null,
    });
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: objectId(id) });
  }

  async findById(id: string): Promise<EssaiVerificationRecord | null> {
    const d = await this.model.findById(id).lean<Stored<EssaiVerification>>();
    if (!d) return null;
    return {
      id: String(d._id),
      hackathonId: String(d.hackathonId),
      tacheId: d.tacheId ?? null,
      requestedBy: String(d.requestedBy),
      prompt: d.prompt,
      systeme: d.systeme ?? null,
      verification: d.verification,
      modelName: d.modelName,
      temperature: d.temperature,
      maxTokens: d.maxTokens,
      statut: d.statut,
      resume: d.resume ?? null,
      tokensFactures: d.tokensFactures ?? 0,
      createdAt: isoDateOf(d.createdAt),
      finishedAt: isoDate(d.finishedAt),
    };
  }

  /** Ends the try with its summary, once; false when it had already ended. */
  finish(id: string, resume: VerificationSummary, tokensFactures: number, at: Date): Promise<boolean> {
    return this.update(
      id,
      { $set: { statut: resume.statut, resume, tokensFactures, finishedAt: at } },
      { statut: 'en_attente' },
    );
  }
}
