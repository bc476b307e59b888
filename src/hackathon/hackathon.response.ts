import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PageOf } from '../../libs/http';
import type { HackathonStatut } from './hackathon-status';
import { RULE_TYPES, VERIFICATION_LIMITS, type Rule } from './task-verification';

// The answers of the hackathon routes; the repository builds HackathonView field by field.

/** OpenAPI schema of one rule (task-verification.ts says what each type checks). */
export const RULE_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    '`contient` / `ne_contient_pas` (texte, sans tenir compte de la casse ni des espaces répétés), `egal` (texte, exact une fois les bords rognés), ' +
    '`regex` (motif, drapeau `flags: "i"` seul permis), `json_schema` (objet schéma JSON), `max_mots` (entier positif)',
  properties: {
    type: { type: 'string', enum: [...RULE_TYPES] },
    valeur: { description: 'texte, motif, schéma JSON (objet) ou nombre de mots selon le type' },
    flags: { type: 'string', enum: ['', 'i'], description: 'regex seulement' },
  },
  required: ['type', 'valeur'],
};

/** A case as a student sees it: only public ones, their inputs and expected rules. */
export class PublicCase {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'nom de l’entrée → texte mis à la place de {{nom}} dans le prompt',
  })
  entrees: Record<string, string>;
  @ApiProperty({ type: 'array', items: RULE_SCHEMA }) attendu: Rule[];
}

export class VerificationCaseView extends PublicCase {
  /** Shown to students (and tried by them) when true. */
  public: boolean;
}

/** A task's automatic checks: admins and examiners only, never sent to a student. */
export class TaskVerificationView {
  @ApiProperty({
    type: [VerificationCaseView],
    minItems: VERIFICATION_LIMITS.cas.min,
    maxItems: VERIFICATION_LIMITS.cas.max,
  })
  cas: VerificationCaseView[];
  /** Rules every case must pass. */
  @ApiProperty({ type: 'array', items: RULE_SCHEMA }) regles: Rule[];
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1 }) maxTokensPrompt: number | null;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) repetitions: number;
  /** Replaces the final version's temperature in the checks, when set. */
  @ApiProperty({ type: 'number', nullable: true }) temperature: number | null;
}

export class Tache {
  /** Stable id of the task (`tacheId` elsewhere). */
  id: string;
  titre: string;
  /** Instructions shown to students (Markdown). */
  @ApiProperty({ type: 'string', nullable: true }) consigne: string | null;
  /** System prompt sent first in every AI call of this task. */
  @ApiProperty({ type: 'string', nullable: true }) systeme: string | null;
  /** Whether final versions of this task are checked automatically. */
  avecVerification: boolean;
  /** The placeholder names ({{nom}}) a final prompt must use, one per case input. */
  entrees: string[];
  /** The longest final prompt the checks accept, in tokens (null: no limit). */
  @ApiProperty({ type: 'integer', nullable: true }) maxTokensPrompt: number | null;
  /** The public cases (inputs and expected rules), what students see of the checks. */
  casPublics: PublicCase[];
  /** The whole definition, hidden cases included: admins and examiners only. */
  @ApiPropertyOptional({ type: TaskVerificationView, nullable: true }) verification?: TaskVerificationView | null;
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
  /** Tokens the automatic checks of the whole hackathon may spend (never charged to a student). */
  tokensVerification: number;
}

/** Ranking: `poidsNote × note/10 + poidsScore × score`. */
export class Classement {
  @ApiProperty({ minimum: 0, maximum: 1 }) poidsNote: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) poidsScore: number;
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
  /** The models students may pick (names of GET /ai/models); empty: all of them. */
  modeles: string[];
  classement: Classement;
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
