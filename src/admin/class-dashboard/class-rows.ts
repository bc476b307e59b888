import { Injectable } from '@nestjs/common';
import { ClassActivity } from '../../conversation';
import { HackathonCatalog, HackathonView, ParticipantRecord } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { ActivityRecord, StudentActivityRepository } from './student-activity.repository';
import { DashboardRow, DashboardTotals } from '../admin.response';

/** One student's line of the class dashboard (docs/api.md 1.1). */
export type { DashboardRow, DashboardTotals };

const ACTIVE_MS = 15 * 60_000;
const NO_ACTIVITY = {
  conversations: 0,
  pendingReplies: 0,
  failedReplies: 0,
  submitted: 0,
  lastActivityAt: null,
  lastError: null,
};

/**
 * Builds the class dashboard's rows from small documents only: the roster and own quotas
 * (hackathon), the activity rows (this context), names (identity) and the quota gate's usage
 * (conversation) — never the conversations themselves.
 */
@Injectable()
export class ClassRows {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly activity: ClassActivity,
    private readonly rows: StudentActivityRepository,
  ) {}

  /** Every student of the class: the roster for `liste`; else whoever worked in it or got quotas of their own. */
  async all(hackathonId: string): Promise<{ hackathon: HackathonView; students: DashboardRow[] }> {
    const hackathon = await this.hackathons.viewOf(hackathonId);
    const [participants, activity] = await Promise.all([
      this.hackathons.participantsOf(hackathonId),
      this.rows.allOf(hackathonId),
    ]);
    const byStudent = new Map(participants.map((p) => [p.studentId, p]));
    const ids =
      hackathon.acces === 'liste'
        ? participants.filter((p) => p.onRoster).map((p) => p.studentId)
        : [...new Set([...participants.map((p) => p.studentId), ...activity.map((a) => a.studentId)])];
    const acts = new Map(activity.map((a) => [a.studentId, a]));
    const [users, usage] = await Promise.all([this.users.findManyByIds(ids), this.activity.usageOf(hackathonId, ids)]);
    const names = new Map(users.map((u) => [u.id, u]));
    const students = ids
      .flatMap((id) => {
        const user = names.get(id);
        return user
          ? [this.row(hackathon, id, user, byStudent.get(id) ?? null, acts.get(id) ?? null, usage.get(id))]
          : [];
      })
      .sort((a, b) => a.nom.localeCompare(b.nom, 'fr') || a.prenom.localeCompare(b.prenom, 'fr'));
    return { hackathon, students };
  }

  /** One student's row (after a change), or null when they are not (or no longer) in the class. */
  async one(hackathon: HackathonView, studentId: string): Promise<DashboardRow | null> {
    const [user, participant, activity, usage] = await Promise.all([
      this.users.findById(studentId),
      this.hackathons.participantOf(hackathon.id, studentId),
      this.rows.of(hackathon.id, studentId),
      this.activity.usageOf(hackathon.id, [studentId]),
    ]);
    if (!user || (hackathon.acces === 'liste' && !participant?.onRoster)) return null;
    return this.row(hackathon, studentId, user, participant, activity, usage.get(studentId));
  }

  totals(students: DashboardRow[], now: Date): DashboardTotals {
    const sum = (f: (r: DashboardRow) => number) => students.reduce((n, r) => n + f(r), 0);
    return {
      students: students.length,
      active: students.filter((r) => r.lastActivityAt && now.getTime() - Date.parse(r.lastActivityAt) < ACTIVE_MS)
        .length,
      prompts: sum((r) => r.promptsUsed),
      tokens: sum((r) => r.tokensUsed),
      pendingReplies: sum((r) => r.pendingReplies),
      failedReplies: sum((r) => r.failedReplies),
      submitted: sum((r) => r.submitted),
    };
  }

  private row(
    h: HackathonView,
    studentId: string,
    user: { prenom: string; nom: string },
    participant: ParticipantRecord | null,
    activity: ActivityRecord | null,
    usage: { prompts: number; tokens: number } | undefined,
  ): DashboardRow {
    const a = activity ?? NO_ACTIVITY;
    return {
      studentId,
      prenom: user.prenom,
      nom: user.nom,
      promptsUsed: usage?.prompts ?? 0,
      promptsLimit: participant?.promptsParEtudiant ?? h.quotas.promptsParEtudiant,
      tokensUsed: usage?.tokens ?? 0,
      tokensLimit: participant?.tokensParEtudiant ?? h.quotas.tokensParEtudiant,
      conversations: a.conversations,
      pendingReplies: a.pendingReplies,
      failedReplies: a.failedReplies,
      lastActivityAt: a.lastActivityAt,
      lastError: a.lastError,
      submitted: a.submitted,
    };
  }
}
