import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, objectId, Stored } from '../../libs/database';
import { CandidatePseudonym } from './evaluation.schema';

type StoredPseudonym = Stored<CandidatePseudonym>;
const key = (hackathonId: string, studentId: string) => `${hackathonId}:${studentId}`;

/**
 * "Candidat N", stable per (hackathon, student). Numbers are handed out 1, 2, 3… in the order
 * students are first seen (the assignments job sees them in submission order). Two allocations
 * racing for one number: the unique (hackathonId, numero) index lets one win, the other retries.
 */
@Injectable()
export class PseudonymRepository extends DocumentRepository<CandidatePseudonym> {
  constructor(
    @InjectModel(CandidatePseudonym.name) pseudonyms: Model<CandidatePseudonym>,
    serializer: DocumentWriteSerializer,
  ) {
    super(pseudonyms, serializer);
  }

  /** Numbers of the given (hackathon, student) pairs, allocating the missing ones in order. */
  async numbersOf(pairs: { hackathonId: string; studentId: string }[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!pairs.length) return out;
    const docs = await this.model
      .find({
        hackathonId: { $in: [...new Set(pairs.map((p) => p.hackathonId))].map(objectId) },
        studentId: { $in: [...new Set(pairs.map((p) => p.studentId))].map(objectId) },
      })
      .lean<StoredPseudonym[]>();
    for (const d of docs) out.set(key(String(d.hackathonId), String(d.studentId)), d.numero);
    for (const p of pairs) {
      if (!out.has(key(p.hackathonId, p.studentId)))
        out.set(key(p.hackathonId, p.studentId), await this.allocate(p.hackathonId, p.studentId));
    }
    return out;
  }

  private async allocate(hackathonId: string, studentId: string): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const mine = await this.model
        .findOne({ hackathonId: objectId(hackathonId), studentId: objectId(studentId) })
        .lean<StoredPseudonym>();
      if (mine) return mine.numero;
      const last = await this.model
        .findOne({ hackathonId: objectId(hackathonId) }, { numero: 1 })
        .sort({ numero: -1 })
        .lean<StoredPseudonym>();
      const numero = (last?.numero ?? 0) + 1;
      if (await this.insertOnce({ hackathonId: objectId(hackathonId), studentId: objectId(studentId), numero }))
        return numero;
    }
    throw new Error(`pseudonyme introuvable pour ${hackathonId}/${studentId} après 50 essais`);
  }
}

export const pseudonymKey = key;
export const candidateLabel = (numero: number) => `Candidat ${numero}`;
