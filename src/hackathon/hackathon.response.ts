import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../libs/http';
import type { HackathonStatut } from './hackathon-status';

// The answers of the hackathon routes; the repository builds HackathonView field by field.

export class Tache {
  /** Stable id of the task (`tacheId` elsewhere). */
  id: string;
  titre: string;
}

export class HackathonDates {
  @ApiProperty({ format: 'date-time' }) debut: string;
  @ApiProperty({ format: 'date-time' }) fin: string;
  /** Set when the hackathon is archived. */
  @ApiProperty({ format: 'date-time' }) archiveLe: string | null;
}

export class HackathonQuotas {
  promptsParEtudiant: number;
  tokensParEtudiant: number;
}

/** A hackathon as it leaves the service (API.md: `id`, `taches: [{id, titre}]`, ISO dates). */
export class HackathonView {
  id: string;
  nom: string;
  description: string;
  objectifs: string;
  dates: HackathonDates;
  anonymatActif: boolean;
  quotas: HackathonQuotas;
  taches: Tache[];
  statut: HackathonStatut;
  /** `liste`: only the students of its roster see it and work in it. */
  acces: 'tous' | 'liste';
  resultatsPublies: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HackathonResponse {
  hackathon: HackathonView;
}

export class HackathonPage extends PageOf(HackathonView) {}

export class ActiveHackathons {
  items: HackathonView[];
}

export class JuryMember {
  id: string;
  prenom: string;
  nom: string;
  email: string;
}

export class Jury {
  hackathonId: string;
  examinerIds: string[];
  examiners: JuryMember[];
}

export class RosterSet {
  hackathonId: string;
  /** Students on the roster now. */
  count: number;
}

export class StudentQuota {
  studentId: string;
  promptsLimit: number;
  tokensLimit: number;
}
