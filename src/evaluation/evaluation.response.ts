import { VerificationView } from '../verification';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../libs/http';

// The answers of the evaluation routes. Who wrote a submission is a CandidateView
// (candidate-identity.ts): for an examiner of an anonymous hackathon only `candidat` and
// `anonymous: true`; otherwise also studentId, groupId and student.

export class CandidateStudent {
  id: string;
  prenom: string;
  nom: string;
  email: string;
  numeroEtudiant: string | null;
}

/** Who wrote the submission, as the caller may see it (invariant 5). */
class CandidateFields {
  /** "Candidat N" in an anonymous hackathon, else the student's name. */
  candidat: string;
  anonymous: boolean;
  /** Absent when anonymous. */
  studentId?: string;
  groupId?: string | null;
  student?: CandidateStudent | null;
}

export class EvaluationView extends CandidateFields {
  id: string;
  conversationId: string;
  hackathonId: string | null;
  tacheId: string | null;
  examinerId: string;
  note: number;
  /** The scale's word for the note, rounded down. */
  label: string;
  comment: string;
  @ApiProperty({ format: 'date-time' }) gradedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EvaluationResponse {
  evaluation: EvaluationView;
}

export class EvaluationPage extends PageOf(EvaluationView) {}

export class ExaminerProgress {
  examinerId: string;
  prenom: string | null;
  nom: string | null;
  /** On the jury now. */
  attached: boolean;
  done: number;
  pending: number;
  total: number;
}

export class EvaluationStats {
  averageNote: number | null;
  totalEvaluations: number;
  maxNote: number | null;
  minNote: number | null;
  /** Every jury member for an admin, the caller only for an examiner. */
  examiners: ExaminerProgress[];
}

export class HackathonRef {
  id: string;
  nom: string | null;
  anonymatActif: boolean;
}

export class TacheRef {
  id: string | null;
  titre: string | null;
}

export class AssignmentView extends CandidateFields {
  id: string;
  conversationId: string;
  hackathon: HackathonRef;
  tache: TacheRef;
  status: 'pending' | 'done';
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
  @ApiProperty({ format: 'date-time' }) soumisLe: string;
  @ApiProperty({ format: 'date-time' }) doneAt: string | null;
  evaluationId: string | null;
}

export class AssignmentPage extends PageOf(AssignmentView) {}

export class SubmissionMessage {
  id: string;
  role: 'student' | 'assistant' | 'system';
  content: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  modelUsed: string | null;
  tokenCount: number | null;
}

export class SubmittedFinalVersion {
  promptFinal: string;
  reponseIAFinale: string;
  @ApiProperty({ format: 'date-time' }) soumisLe: string;
  messageId: string | null;
  modelName: string | null;
  temperature: number | null;
  maxTokens: number | null;
  /** The automatic checks, every case (hidden ones included): examiners grade with them. */
  verification: VerificationView | null;
}

export class SubmissionAssignment {
  id: string;
  status: 'pending' | 'done';
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
  evaluationId: string | null;
}

export class Submission extends CandidateFields {
  conversationId: string;
  hackathon: HackathonRef;
  tache: TacheRef;
  modelName: string;
  versionFinale: SubmittedFinalVersion | null;
  messages: SubmissionMessage[];
  messageCount: number;
  /** The caller's assignment (examiners), null for an admin. */
  assignment: SubmissionAssignment | null;
}

export class SubmissionResponse {
  submission: Submission;
}

export class LeaderboardWeights {
  poidsNote: number;
  poidsScore: number;
}

export class LeaderboardHackathon {
  id: string;
  nom: string;
  anonymatActif: boolean;
  /** The weights of the ranking: total = poidsNote × meanNote/10 + poidsScore × score. */
  classement: LeaderboardWeights;
}

export class RankedSubmission extends CandidateFields {
  conversationId: string;
  rank: number | null;
  meanNote: number | null;
  gradeCount: number;
  notes: number[];
  minNote: number | null;
  maxNote: number | null;
  /** The mean of the examiners' z-scores mapped back to 1–10. */
  fairNote: number | null;
  meanZScore: number | null;
  /** Grades differ by 3 points or more. */
  divergent: boolean;
  /** The automatic checks' score (0–1) once they ended `terminee`; null otherwise. */
  score: number | null;
  /** The final prompt's own tokens (equal totals: fewer first). */
  tokensPrompt: number | null;
  /** poidsNote × meanNote / 10 (null when ungraded). */
  partNote: number | null;
  /** poidsScore × score (null without a score). */
  partScore: number | null;
  /** partNote + partScore, what the rank follows (null: unranked). */
  total: number | null;
  label: string | null;
  tacheId: string;
  @ApiProperty({ format: 'date-time' }) soumisLe: string;
}

export class Leaderboard {
  hackathon: LeaderboardHackathon;
  totalSubmissions: number;
  items: RankedSubmission[];
}

export class ResultEvaluation {
  note: number;
  label: string;
  comment: string;
  @ApiProperty({ format: 'date-time' }) gradedAt: string;
  /** « Examinateur N » : le même examinateur porte le même numéro sur toutes les copies du hackathon (numéroté dans l’ordre de sa première évaluation) ; jamais un identifiant ni un nom. */
  examinateur: string;
}

export class ConversationResult {
  conversationId: string;
  tacheId: string | null;
  moyenne: number;
  evaluations: ResultEvaluation[];
  /** The automatic checks: public cases only, with the score (tasks with checks), else absent. */
  verification?: VerificationView;
}

/** Où en est la classe, et l’élève dans la classe. */
export class ClassStanding {
  /** Moyenne de la classe : moyenne des notes des élèves notés (2 décimales) ; null si personne n’est noté. */
  @ApiProperty({ type: Number, nullable: true }) moyenne: number | null;
  /** Nombre d’élèves ayant au moins une note. */
  @ApiProperty({ type: 'integer' }) effectif: number;
  /** Rang de l’élève parmi eux selon sa note (1 = meilleure ; des notes égales partagent un rang : 1, 1, 3) ; null s’il n’a pas de note. */
  @ApiProperty({ type: 'integer', nullable: true }) rang: number | null;
}

export class MyResults {
  hackathonId: string;
  /** Les chiffres de la classe, même pour un élève qui n’a rien soumis. */
  classe: ClassStanding;
  /** Les conversations notées de l’élève (vide s’il n’a rien soumis ou n’est pas encore noté). */
  conversations: ConversationResult[];
}
