import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { JobAcceptedDto } from './start-job.dto';
import { StartJobUseCase } from './start-job.usecase';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/jobs')
export class StartJobController {
  constructor(private readonly start: StartJobUseCase) {}

  @Post(':name')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'admin.startJob',
    summary:
      "Lance une tâche d'administration (import-users, cleanup-magic-links, archive-conversations, integrity-check, export-results)",
  })
  @ApiBody({ required: false, schema: { type: 'object' } })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  run(@Param('name') name: string, @Body() body: unknown, @CurrentUser() caller: AuthUser) {
    return this.start.execute(name, body, caller);
  }
}
