import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { CommonErrors } from '../../../libs/http';
import { UserDirectory } from '../../identity';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository } from '../hackathon.repository';
import { SetStudentQuotaDto } from './set-student-quota.dto';

/**
 * Raises (or lowers) one student's limits in one hackathon — the teacher helping a student who
 * ran out. The quota gate reads the limits at every send, so they are in force for the next one.
 */
@Injectable()
export class SetStudentQuotaUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly users: UserDirectory,
    private readonly events: DomainEvents,
  ) {}

  async execute(hackathonId: string, studentId: string, dto: SetStudentQuotaDto) {
    if (dto.promptsParEtudiant === undefined && dto.tokensParEtudiant === undefined)
      throw CommonErrors.validation(
        [{ field: 'promptsParEtudiant', messages: ['promptsParEtudiant ou tokensParEtudiant attendu'] }],
        'Données invalides — rien à modifier : promptsParEtudiant ou tokensParEtudiant attendu',
      );
    const h = await this.hackathons.findById(hackathonId);
    if (!h) throw HackathonErrors.notFound();
    const student = await this.users.findById(studentId);
    if (student?.role !== 'student') throw HackathonErrors.notAStudent([studentId]);
    const p = await this.hackathons.setStudentQuotas(hackathonId, studentId, dto);
    this.events.emit('quota.changed', { hackathonId, studentId });
    return {
      studentId,
      promptsLimit: p.promptsParEtudiant ?? h.quotas.promptsParEtudiant,
      tokensLimit: p.tokensParEtudiant ?? h.quotas.tokensParEtudiant,
    };
  }
}
