import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetJobUseCase } from './get-job.usecase';
import { AdminErrors } from '../admin.errors';
import { JobReportView } from '../../../libs/queue';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/jobs')
export class GetJobController {
  constructor(private readonly get: GetJobUseCase) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'admin.getJob',
    summary: "État d'une tâche : state, progress 0–100, result, failedReason",
  })
  @ApiErrors(AdminErrors.jobNotFound())
  status(@Param('id', ParseObjectIdPipe) id: string): Promise<JobReportView> {
    return this.get.execute(id);
  }
}
