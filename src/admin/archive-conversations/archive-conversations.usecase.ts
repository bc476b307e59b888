import { Injectable } from '@nestjs/common';
import { ArchiveConversationsJob } from '../../../libs/queue';
import { ConversationMaintenance } from '../../conversation';
import type { ProgressReporter } from '../../../libs/queue';

export interface ArchiveConversationsResult {
  olderThanDays: number;
  before: string;
  /** Conversations archived by this job (a retry counts what is left). */
  archived: number;
}

/** docs/data-model.md §11.2: conversations created before the cutoff fixed at request time are archived. */
@Injectable()
export class ArchiveConversationsUseCase {
  constructor(private readonly conversations: ConversationMaintenance) {}

  async execute(data: ArchiveConversationsJob, progress: ProgressReporter): Promise<ArchiveConversationsResult> {
    const { archived } = await this.conversations.archiveCreatedBefore(new Date(data.before), (done, total) =>
      progress((done / total) * 95),
    );
    return { olderThanDays: data.olderThanDays, before: data.before, archived };
  }
}
