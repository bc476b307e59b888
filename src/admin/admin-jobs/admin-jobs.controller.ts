import { Body, Controller, Get, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Types } from 'mongoose';
import { Clock } from '../../../libs/clock';
import {
  AuthUser,
  CommonErrors,
  createValidationPipe,
  CurrentUser,
  ParseObjectIdPipe,
  Roles,
} from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { AdminErrors } from '../admin.errors';
import { JobInputRepository } from '../job-input.repository';
import { JobReportRepository, JobReportView } from '../job-report.repository';
import { ADMIN_JOBS, isAdminJobName } from './admin-job-definitions';
import { JobAcceptedDto, NoParamsDto } from './admin-jobs.dto';

/** Records the report, then queues the job under the report's id (`202 {jobId}`). */
@Injectable()
export class StartAdminJobUseCase {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly reports: JobReportRepository,
    private readonly inputs: JobInputRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async execute(name: string, body: unknown, caller: AuthUser): Promise<{ jobId: string }> {
    if (!isAdminJobName(name)) throw AdminErrors.unknownJob(name);
    const def = ADMIN_JOBS[name];
    const dto = await this.validate(body, def.body);
    const jobId = new Types.ObjectId().toHexString();
    const payload = def.payload(dto, caller.id, this.clock.now(), jobId);
    const input = 'input' in def ? def.input?.(dto) : undefined;
    if (input !== undefined) await this.inputs.store(jobId, input, caller.id);
    await this.reports.create(jobId, name, caller.id);
    try {
      await this.jobs.enqueue('admin', name, payload as never, { jobId });
    } catch (err) {
      await this.reports.remove(jobId).catch(() => undefined);
      if (input !== undefined) await this.inputs.remove(jobId).catch(() => undefined);
      throw err;
    }
    return { jobId };
  }

  /** Jobs without parameters take `{}` (class-validator refuses a class with no rules). */
  private async validate(body: unknown, metatype: new () => object): Promise<unknown> {
    if (metatype !== NoParamsDto) return this.pipe.transform(body ?? {}, { type: 'body', metatype });
    const keys =
      body && typeof body === 'object' && !Array.isArray(body)
        ? Object.keys(body)
        : body === undefined || body === null
          ? []
          : ['body'];
    if (keys.length) {
      throw CommonErrors.validation(
        keys.map((field) => ({ field, messages: [`la propriété ${field} n'est pas attendue`] })),
        `Données invalides — cette tâche ne prend aucun paramètre`,
      );
    }
    return {};
  }
}

export interface AdminJobAnswer {
  id: string;
  name: string;
  state: string;
  progress: number;
  result: unknown;
  failedReason: string | null;
  requestedBy: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

@Injectable()
export class GetAdminJobUseCase {
  constructor(private readonly reports: JobReportRepository) {}

  async execute(id: string): Promise<AdminJobAnswer> {
    const r: JobReportView | null = await this.reports.findById(id);
    if (!r) throw AdminErrors.jobNotFound();
    const { updatedAt: _u, ...answer } = r;
    return answer;
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(
    private readonly start: StartAdminJobUseCase,
    private readonly get: GetAdminJobUseCase,
  ) {}

  @Post(':name')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Lance une tâche d'administration (import-users, cleanup-magic-links, archive-conversations, integrity-check)",
  })
  @ApiBody({ required: false, schema: { type: 'object' } })
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  run(@Param('name') name: string, @Body() body: unknown, @CurrentUser() caller: AuthUser) {
    return this.start.execute(name, body, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: "État d'une tâche : state, progress 0–100, result, failedReason" })
  status(@Param('id', ParseObjectIdPipe) id: string) {
    return this.get.execute(id);
  }
}
