import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, Roles } from '../../../libs/http';
import { JobAccepted } from '../../../libs/queue';
import { AdminErrors } from '../admin.errors';
import { ADMIN_JOBS } from './admin-job-definitions';
import { StartJobUseCase } from './start-job.usecase';

const jobBodies = [...new Set(Object.values(ADMIN_JOBS).map((job) => job.body))];

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
      "Lance une tâche d'administration (import-users, cleanup-magic-links, archive-conversations, integrity-check, export-results, export-conversations, purge-analytics)",
    description:
      'import-users : CSV de tableur (voir ImportUsersDto), rapport {rows, created, skippedExisting, invitationsSent, ' +
      'rejected: [{line, email, reason}], existing: [{line, email, reason}], existingSample, separator, columns, ' +
      'ignoredColumns, roster?} ; en-tête illisible : échec CSV_HEADER. export-results : tous les étudiants de la ' +
      'classe, une ligne par étudiant et par tâche avec soumis oui/non. export-conversations : format jsonl ou csv ' +
      '(un message par ligne). integrity-check : {dryRun?} ; répare ce qu’elle trouve et peut réparer (rapport ' +
      '`repaired`), sauf avec dryRun: true.',
  })
  // The names and bodies come from ADMIN_JOBS, the one list the use case reads.
  @ApiParam({ name: 'name', enum: Object.keys(ADMIN_JOBS) })
  @ApiExtraModels(...jobBodies)
  @ApiBody({
    required: false,
    description: 'Le corps propre à la tâche (voir admin-job-definitions.ts) ; {} ou rien pour celles sans paramètre',
    schema: { oneOf: jobBodies.map((type) => ({ $ref: getSchemaPath(type) })) },
  })
  @ApiErrors(AdminErrors.unknownJob('x'), CommonErrors.queueUnavailable())
  run(@Param('name') name: string, @Body() body: unknown, @CurrentUser() caller: AuthUser): Promise<JobAccepted> {
    return this.start.execute(name, body, caller);
  }
}
