import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { Clock } from '../../../libs/clock';
import { AuthUser, CommonErrors, createValidationPipe } from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { AdminErrors } from '../admin.errors';
import { JobInputRepository } from '../job-input.repository';
import { ADMIN_JOBS, AdminJobName, isAdminJobName } from './admin-job-definitions';
import { NoParamsDto } from './start-job.dto';

/** Validates the job's body, then queues it; its report exists from the `202 {jobId}` on. */
@Injectable()
export class StartJobUseCase {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly jobs: JobQueue,
    private readonly inputs: JobInputRepository,
    private readonly clock: Clock,
  ) {}

  async execute(name: string, body: unknown, caller: AuthUser): Promise<{ jobId: string }> {
    if (!isAdminJobName(name)) throw AdminErrors.unknownJob(name);
    const def = ADMIN_JOBS[name];
    const dto = await this.validate(body, def.body);
    const jobId = new Types.ObjectId().toHexString();
    const payload = def.payload(dto, caller.id, this.clock.now(), jobId);
    // What must not travel through Redis (an import's CSV) waits in MongoDB under the job's id.
    const input = def.input?.(dto);
    if (input !== undefined) await this.inputs.store(jobId, input, caller.id);
    try {
      await this.jobs.enqueue('admin', name as AdminJobName, payload, { jobId });
    } catch (err) {
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
