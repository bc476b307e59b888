import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from './evaluation.repository';
import { CandidatePseudonym } from './evaluation.schema';

const oid = (id: string) => new Types.ObjectId(id);
const key = (hackathonId: string, studentId: string) => `${hackathonId}:${studentId}`;

/**
 * "Candidat N", stable per (hackathon, student). Numbers are handed out 1, 2, 3… in the order
 * students are first seen (the assignments job sees them in submission order). Two allocations
 * racing for one number: the unique (hackathonId, numero) index lets one win, the other retries.
 */
@Injectable()
export class PseudonymRepository {
  constructor(@InjectModel(CandidatePseudonym.name) private readonly pseudonyms: Model<CandidatePseudonym>) {}

  /** Numbers of the given (hackathon, student) pairs, allocating the missing ones in order. */
  async numbersOf(pairs: { hackathonId: string; studentId: string }[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!pairs.length) return out;
    const docs = await this.pseudonyms
      .find({
        hackathonId: { $in: [...new Set(pairs.map((p) => p.hackathonId))].map(oid) },
        studentId: { $in: [...new Set(pairs.map((p) => p.studentId))].map(oid) },
      })
      .lean();
    for (const d of docs) out.set(key(String(d.hackathonId), String(d.studentId)), d.numero);
    for (const p of pairs) {
      if (!out.has(key(p.hackathonId, p.studentId)))
        out.set(key(p.hackathonId, p.studentId), await this.allocate(p.hackathonId, p.studentId));
    }
    return out;
  }

  private async allocate(hackathonId: string, studentId: string): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const mine = await this.pseudonyms.findOne({ hackathonId: oid(hackathonId), studentId: oid(studentId) }).lean();
      if (mine) return mine.numero;
      const last = await this.pseudonyms
        .findOne({ hackathonId: oid(hackathonId) }, { numero: 1 })
        .sort({ numero: -1 })
        .lean();
      const numero = (last?.numero ?? 0) + 1;
      try {
        await this.pseudonyms.create({ hackathonId: oid(hackathonId), studentId: oid(studentId), numero });
        return numero;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new Error(`pseudonyme introuvable pour ${hackathonId}/${studentId} après 50 essais`);
  }
}

export const pseudonymKey = key;
export const candidateLabel = (numero: number) => `Candidat ${numero}`;
