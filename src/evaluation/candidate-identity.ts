import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../libs/http';
import { HackathonCatalog, HackathonParticipation } from '../hackathon';
import { UserDirectory } from '../identity';
import { candidateLabel, pseudonymKey, PseudonymRepository } from './pseudonym.repository';

export interface SubjectRef {
  hackathonId: string;
  studentId: string;
  groupId?: string | null;
}

/** Who is looking: only the role decides what they may see. */
export type Viewer = Pick<AuthUser, 'role'>;

/**
 * Who wrote a submission, as a given viewer may see it. Invariant 5: when the hackathon has
 * `anonymatActif`, an examiner gets the pseudonym only — no studentId, name, email, student
 * number or group. Every examiner-facing answer of this context is built from this.
 */
export type CandidateView =
  | { candidat: string; anonymous: true }
  | {
      candidat: string;
      anonymous: false;
      studentId: string;
      groupId: string | null;
      student: { id: string; prenom: string; nom: string; email: string; numeroEtudiant: string | null } | null;
    };

/** `numbersOf` hands out every missing number, so each asked pair has one. */
function numberOf(numbers: Map<string, number>, r: SubjectRef): number {
  const n = numbers.get(pseudonymKey(r.hackathonId, r.studentId));
  if (n === undefined) throw new Error(`pseudonyme manquant pour ${r.hackathonId}/${r.studentId}`);
  return n;
}

@Injectable()
export class CandidateIdentity {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly pseudonyms: PseudonymRepository,
  ) {}

  /** Hands out the pseudonyms of these students now, in this order ("Candidat 1" first). */
  async ensurePseudonyms(hackathonId: string, studentIds: string[]): Promise<void> {
    await this.pseudonyms.numbersOf([...new Set(studentIds)].map((studentId) => ({ hackathonId, studentId })));
  }

  /** Participations of several hackathons (null for one that no longer exists). */
  async hackathonsById(ids: string[]): Promise<Map<string, HackathonParticipation | null>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.hackathons.getForParticipation(id).catch(() => null)));
    return new Map(unique.map((id, i) => [id, found[i]]));
  }

  async viewsOf(
    refs: SubjectRef[],
    viewer: Viewer,
    known?: Map<string, HackathonParticipation | null>,
  ): Promise<CandidateView[]> {
    if (!refs.length) return [];
    const hackathons = known ?? (await this.hackathonsById(refs.map((r) => r.hackathonId)));
    // Unknown hackathon: anonymous by default, the safe side.
    const hidden = (r: SubjectRef) => viewer.role !== 'admin' && (hackathons.get(r.hackathonId)?.anonymatActif ?? true);
    const numbers = await this.pseudonyms.numbersOf(
      refs.map((r) => ({ hackathonId: r.hackathonId, studentId: r.studentId })),
    );
    const visible = refs.filter((r) => !hidden(r));
    const users = new Map(
      (visible.length ? await this.users.findManyByIds(visible.map((r) => r.studentId)) : []).map((u) => [u.id, u]),
    );
    return refs.map((r) => {
      const candidat = candidateLabel(numberOf(numbers, r));
      if (hidden(r)) return { candidat, anonymous: true };
      const u = users.get(r.studentId);
      return {
        candidat,
        anonymous: false,
        studentId: r.studentId,
        groupId: r.groupId ?? null,
        student: u
          ? { id: u.id, prenom: u.prenom, nom: u.nom, email: u.email, numeroEtudiant: u.numeroEtudiant }
          : null,
      };
    });
  }
}
