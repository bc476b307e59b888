import { Body, Controller, Get, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { JobQueue, JobReports } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { AssignmentRepository } from '../assignment.repository';
import { EvaluationErrors } from '../evaluation.errors';

export class RunAssignmentsDto {
  @ApiProperty({ minimum: 1, maximum: 50, example: 2, description: 'k : examinateurs distincts par soumission' })
  @IsInt()
  @Min(1)
  @Max(50)
  examinersPerSubmission: number;
}

/** Checks what can be checked now (hackathon, k ≤ jury size), then queues the job. */
@Injectable()
export class RunAssignmentsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly jobs: JobQueue,
    private readonly reports: JobReports,
  ) {}

  async execute(hackathonId: string, k: number, caller: AuthUser): Promise<{ jobId: string }> {
    await this.hackathons.getForParticipation(hackathonId);
    const attached = (await this.hackathons.juryOf(hackathonId)).length;
    if (k > attached) throw EvaluationErrors.notEnoughExaminers(k, attached);
    const job = await this.jobs.enqueue('admin', 'assign-examiners', {
      hackathonId,
      examinersPerSubmission: k,
      requestedBy: caller.id,
    });
    return { jobId: String(job.id) };
  }

  /** The job's report (kept in MongoDB by the worker host, like every admin job's). */
  async status(_hackathonId: string, jobId: string) {
    const report = /^[0-9a-fA-F]{24}$/.test(jobId) ? await this.reports.findById(jobId) : null;
    if (!report || report.name !== 'assign-examiners') throw EvaluationErrors.jobNotFound();
    return report;
  }
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class RunAssignmentsController {
  constructor(private readonly run: RunAssignmentsUseCase) {}

  @Roles('admin')
  @Post(':id/assignments')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Répartit les soumissions entre les examinateurs rattachés (job admin) → 202 {jobId}',
    description:
      'k examinateurs distincts par soumission, charges à ±1, déterministe, idempotent (une relance n’ajoute que ce qui manque). ' +
      'Chaque examinateur reçoit un mail listant ses nouvelles attributions. k supérieur au jury : 400 NOT_ENOUGH_EXAMINERS.',
  })
  execute(@Param('id', ParseObjectIdPipe) id: string, @Body() dto: RunAssignmentsDto, @CurrentUser() caller: AuthUser) {
    return this.run.execute(id, dto.examinersPerSubmission, caller);
  }

  @Roles('admin')
  @Get(':id/assignments/jobs/:jobId')
  @ApiOperation({ summary: 'État d’un job d’attribution : {id, name, state, progress, result, failedReason}' })
  status(@Param('id', ParseObjectIdPipe) id: string, @Param('jobId') jobId: string) {
    return this.run.status(id, jobId);
  }
}
