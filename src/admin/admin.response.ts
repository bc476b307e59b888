import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../libs/http';
import { HackathonView } from '../hackathon';
import { PublicUser } from '../identity';

// The answers of the admin context's routes (class dashboard, participants, RGPD).

export class LastError {
  message: string;
  @ApiProperty({ format: 'date-time' }) at: string;
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
}

export class Dashboard {
  hackathon: HackathonView;
  totals: DashboardTotals;
  students: DashboardRow[];
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
  /** Own conversations with their messages (students). */
  conversations: object[];
  evaluations: ExportedEvaluations;
  usage: object[];
  audit: object[];
}
