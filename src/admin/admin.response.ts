import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../libs/http';
import { HackathonView } from '../hackathon';
import { PublicUser } from '../identity';

// The answers of the admin context's routes (class dashboard, participants, RGPD).

export class LastError {
  message: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** The last `429 QUOTA_*` answer a student got: its code and when. */
export class LastRefusal {
  /** `QUOTA_PROMPTS_EXCEEDED` or `QUOTA_TOKENS_EXCEEDED` */
  code: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** The `429 QUOTA_*` answers given to a student's sends (API 1.2). */
export class Refusals {
  nombre: number;
  dernier: LastRefusal | null;
}

/** One student of the class dashboard; also the data of its stream's `event: student`. */
export class DashboardRow {
  studentId: string;
  prenom: string;
  nom: string;
  promptsUsed: number;
  promptsLimit: number;
  tokensUsed: number;
  tokensLimit: number;
  conversations: number;
  pendingReplies: number;
  failedReplies: number;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string | null;
  lastError: LastError | null;
  /** Final versions submitted. */
  submitted: number;
  /**
   * The student's next prompt in their latest conversation cannot fit the quota: no prompt
   * left, or the tokens the next send would reserve (its history window and `maxTokens`) do not fit.
   */
  bloque: boolean;
  refus: Refusals;
}

/** The dashboard's totals; also the data of its stream's `event: totals`. */
export class DashboardTotals {
  students: number;
  /** Students who did something in the last 15 minutes. */
  active: number;
  prompts: number;
  tokens: number;
  pendingReplies: number;
  failedReplies: number;
  submitted: number;
  /** Students whose next prompt cannot fit the quota (`bloque`). */
  blocked: number;
  /** Students who got at least one `429 QUOTA_*` answer. */
  refused: number;
}

/** The dashboard stream's `event: verification`: the automatic checks of a student's final version ended. */
export class DashboardVerification {
  studentId: string;
  conversationId: string;
  /** `terminee`, `budget_epuise` or `echec`. */
  statut: string;
  /** Passed runs / runs (0–1); null when nothing could run. */
  score: number | null;
}

export class Dashboard {
  hackathon: HackathonView;
  totals: DashboardTotals;
  /** Blocked students first, then those who were refused, then by name. */
  students: DashboardRow[];
}

/** `POST /hackathons/:id/dashboard/rebuild`: how many students' rows were rebuilt. */
export class RebuiltDashboard {
  hackathonId: string;
  rebuilt: number;
}

export class Participant {
  studentId: string;
  prenom: string;
  nom: string;
  promptsUsed: number;
  promptsLimit: number;
  tokensUsed: number;
  tokensLimit: number;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string | null;
}

export class ParticipantPage extends PageOf(Participant) {}

export class ErasedUser {
  id: string;
  erased: true;
  /** It had been erased before: nothing changed. */
  alreadyErased: boolean;
}

export class ExportedEvaluations {
  received: object[];
  given: object[];
}

/** Everything the service keeps about the caller (RGPD), as JSON. */
export class MyDataExport {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  profile: PublicUser;
  /** Own conversations with their messages and their tries on the public examples (`essais`, students). */
  conversations: object[];
  evaluations: ExportedEvaluations;
  usage: object[];
  audit: object[];
}
