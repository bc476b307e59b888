import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetAssignmentsJobUseCase } from './get-assignments-job.usecase';

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
  status(@Param('id', ParseObjectIdPipe) id: string, @Param('jobId') jobId: string) {
    return this.getJob.execute(id, jobId);
  }
}
