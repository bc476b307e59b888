import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { composeMail, formatMailDate, Mailer, webLink } from '../../../libs/mail';
import type { GradingAssignmentsMailJob } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { AssignmentRepository } from '../assignment.repository';
import { CandidateIdentity } from '../candidate-identity';

/** What the mail job answers (BullMQ keeps it in Redis): counts only, never an address. */
export interface GradingAssignmentsMailOutcome {
  sent: boolean;
  assignments: number;
  reason?: 'user-not-found' | 'nothing-assigned';
}

/**
 * "Tell examiner X what run R gave them in hackathon H": the job names ids only; this worker
 * reads the examiner, the run's assignments and the hackathon, and writes the mail for a
 * person — French, dates in APP_TIMEZONE, a link to the web client's examiner page. Authors
 * appear as the examiner may see them (pseudonyms only when the hackathon is anonymous).
 */
@Injectable()
export class SendGradingAssignmentsUseCase {
  private readonly logger = new Logger('GradingMail');

  constructor(
    private readonly users: UserDirectory,
    private readonly hackathons: HackathonCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly candidates: CandidateIdentity,
    private readonly mailer: Mailer,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute({ examinerId, hackathonId, runId }: GradingAssignmentsMailJob): Promise<GradingAssignmentsMailOutcome> {
    const examiner = await this.users.findById(examinerId);
    if (!examiner) {
      // Deleted since the run: nothing to send, nothing to retry.
      this.logger.log({ examinerId, runId }, 'mail non envoyé : examinateur introuvable ou supprimé');
      return { sent: false, assignments: 0, reason: 'user-not-found' };
    }
    const list = await this.assignments.createdByRun(hackathonId, runId, examinerId);
    // Taken back since the run (the examiner left the jury): nothing to announce.
    if (!list.length) return { sent: false, assignments: 0, reason: 'nothing-assigned' };
    const hackathon = await this.hackathons.getForParticipation(hackathonId);
    const who = await this.candidates.viewsOf(list, { role: 'examiner' }, new Map([[hackathonId, hackathon]]));
    const tasks = new Map(hackathon.taches.map((t) => [t.id, t.titre]));
    const lines = list.map((a, i) => {
      const w = who[i];
      const name = w.anonymous || !w.student ? w.candidat : `${w.student.prenom} ${w.student.nom}`;
      const task = tasks.get(a.tacheId ?? '') ?? a.tacheId ?? '?';
      const at = formatMailDate(new Date(a.soumisLe), this.config.APP_TIMEZONE);
      return `• ${name} — tâche « ${task} » — soumise le ${at} (réf. ${a.conversationId})`;
    });
    const n = list.length;
    const mail = composeMail(`[Prompt Challenge] ${n} soumission(s) à évaluer — ${hackathon.nom}`, {
      greeting: `Bonjour ${examiner.prenom},`,
      intro: [
        `${n === 1 ? 'Une nouvelle soumission' : `${n} nouvelles soumissions`} du hackathon « ${hackathon.nom} » ` +
          `${n === 1 ? 'vous est attribuée' : 'vous sont attribuées'} :`,
        ...lines,
      ],
      action: { label: 'Ouvrir ma file d’évaluation', url: webLink(this.config.PUBLIC_WEB_URL, '/examinateur') },
      outro: [
        hackathon.anonymatActif
          ? 'Ce hackathon est anonyme : les candidats apparaissent sous un pseudonyme.'
          : 'Vous retrouverez chaque soumission dans votre file d’évaluation, les plus anciennes d’abord.',
      ],
    });
    await this.mailer.send({ to: examiner.email, ...mail, kind: 'grading-assignments' });
    return { sent: true, assignments: n };
  }
}
