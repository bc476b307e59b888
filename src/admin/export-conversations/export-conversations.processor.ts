import { Injectable } from '@nestjs/common';
import { ExportConversationsJob, HandlesJob, JobContext, JobHandler } from '../../../libs/queue';
import { ExportConversationsUseCase } from './export-conversations.usecase';

@Injectable()
@JobHandler('admin', 'export-conversations')
export class ExportConversationsProcessor implements HandlesJob<'admin', 'export-conversations'> {
  constructor(private readonly exportConversations: ExportConversationsUseCase) {}

  handle(data: ExportConversationsJob, ctx: JobContext) {
    return this.exportConversations.execute(data, ctx.id, ctx.progress);
  }
}
