import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetJobUseCase } from './get-job.usecase';

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
  status(@Param('id', ParseObjectIdPipe) id: string) {
    return this.get.execute(id);
  }
}
