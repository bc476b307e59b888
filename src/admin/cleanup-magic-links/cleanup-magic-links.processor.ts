import { Injectable } from '@nestjs/common';
import { CleanupMagicLinksJob, HandlesJob, JobHandler, JobContext } from '../../../libs/queue';
import { CleanupMagicLinksUseCase } from './cleanup-magic-links.usecase';

@Injectable()
@JobHandler('admin', 'cleanup-magic-links')
export class CleanupMagicLinksProcessor implements HandlesJob<'admin', 'cleanup-magic-links'> {
  constructor(private readonly cleanup: CleanupMagicLinksUseCase) {}

  handle(_data: CleanupMagicLinksJob, ctx: JobContext) {
    return this.cleanup.execute(ctx.progress);
  }
}
