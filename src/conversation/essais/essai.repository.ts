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
import type { Rule } from '../../hackathon';
import { Essai, EssaiCase, EssaiCaseResult, EssaiStatut } from './essai.schema';

export interface EssaiRecord {
  id: string;
  conversationId: string;
  hackathonId: string;
  studentId: string;
  prompt: string;
  modelName: string;
  temperature: number;
  maxTokens: number;
  systeme: string | null;
  countsUsage: boolean;
  cas: EssaiCase[];
  regles: Rule[];
  reserves: number[];
  statut: EssaiStatut;
  /** By case index; undefined while the case has not run. */
  resultats: (EssaiCaseResult | undefined)[];
  erreur: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type NewEssai = Omit<EssaiRecord, 'statut' | 'resultats' | 'erreur' | 'createdAt' | 'finishedAt'> & {
  createdAt: Date;
};

/** The only code that knows the essais collection. */
@Injectable()
export class EssaiRepository extends DocumentRepository<Essai> {
  constructor(@InjectModel(Essai.name) essais: Model<Essai>, serializer: DocumentWriteSerializer) {
    super(essais, serializer);
  }

  async create(e: NewEssai): Promise<void> {
    await this.model.create({
      ...e,
      _id: objectId(e.id),
      conversationId: objectId(e.conversationId),
      hackathonId: objectId(e.hackathonId),
      studentId: objectId(e.studentId),
      statut: 'en_attente',
      resultats: {},
      erreur: null,
      finishedAt: null,
    });
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: objectId(id) });
  }

  async findById(id: string): Promise<EssaiRecord | null> {
    const d = await this.model.findById(id).lean<Stored<Essai>>();
    return d ? recordOf(d) : null;
  }

  /** The tries of these conversations, oldest first (the conversationId index). */
  async ofConversations(conversationIds: string[]): Promise<EssaiRecord[]> {
    if (!conversationIds.length) return [];
    const docs = await this.model
      .find({ conversationId: { $in: conversationIds.map((id) => objectId(id)) } })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Stored<Essai>[]>();
    return docs.map(recordOf);
  }

  /** Case i's result, written once (a resumed job does not overwrite it). */
  async recordResult(id: string, i: number, result: EssaiCaseResult): Promise<void> {
    await this.update(id, { $set: { [`resultats.c${i}`]: result } }, { [`resultats.c${i}`]: { $exists: false } });
  }

  /** Ends the try once; false when it had already ended. */
  finish(id: string, statut: Exclude<EssaiStatut, 'en_attente'>, erreur: string | null, at: Date): Promise<boolean> {
    return this.update(id, { $set: { statut, erreur, finishedAt: at } }, { statut: 'en_attente' });
  }
}

function recordOf(d: Stored<Essai>): EssaiRecord {
  const resultats = d.resultats ?? {};
  return {
    id: String(d._id),
    conversationId: String(d.conversationId),
    hackathonId: String(d.hackathonId),
    studentId: String(d.studentId),
    prompt: d.prompt,
    modelName: d.modelName,
    temperature: d.temperature,
    maxTokens: d.maxTokens,
    systeme: d.systeme ?? null,
    countsUsage: d.countsUsage !== false,
    cas: d.cas ?? [],
    regles: d.regles ?? [],
    reserves: d.reserves ?? [],
    statut: d.statut,
    resultats: (d.cas ?? []).map((_c, i) => resultats[`c${i}`]),
    erreur: d.erreur ?? null,
    createdAt: isoDateOf(d.createdAt),
    finishedAt: isoDate(d.finishedAt),
  };
}
