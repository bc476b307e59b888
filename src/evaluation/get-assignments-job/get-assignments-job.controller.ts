import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetAssignmentsJobUseCase } from './get-assignments-job.usecase';
import { EvaluationErrors } from '../evaluation.errors';
import { JobReportView } from '../../../libs/queue';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class GetAssignmentsJobController {
  constructor(private readonly getJob: GetAssignmentsJobUseCase) {}

  @Roles('admin')
  @Get(':id/assignments/jobs/:jobId')
  @ApiOperation({
    operationId: 'assignments.getJob',
    summary: 'État d’un job d’attribution : {id, name, state, progress, result, failedReason}',
  })
  @ApiErrors(EvaluationErrors.jobNotFound())
  status(@Param('id', ParseObjectIdPipe) id: string, @Param('jobId') jobId: string): Promise<JobReportView> {
    return this.getJob.execute(id, jobId);
  }
}
