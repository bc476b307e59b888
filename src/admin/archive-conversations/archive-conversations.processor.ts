import { Injectable } from '@nestjs/common';
import { ArchiveConversationsJob, HandlesJob, JobHandler, JobContext } from '../../../libs/queue';
import { ArchiveConversationsUseCase } from './archive-conversations.usecase';

@Injectable()
@JobHandler('admin', 'archive-conversations')
export class ArchiveConversationsProcessor implements HandlesJob<'admin', 'archive-conversations'> {
  constructor(private readonly archive: ArchiveConversationsUseCase) {}

  handle(data: ArchiveConversationsJob, ctx: JobContext) {
    return this.archive.execute(data, ctx.progress);
  }
}
