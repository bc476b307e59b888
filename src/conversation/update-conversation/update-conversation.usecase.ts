import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';
import { UpdateConversationDto } from './update-conversation.dto';

/**
 * The owner changes the answer's length for the next sends, under the rules of a send: their
 * own conversation (404 otherwise), not submitted, the hackathon open. An answer being written
 * keeps the length its send reserved (GenerateReplyJob.maxTokens).
 */
@Injectable()
export class UpdateConversationUseCase {
  constructor(
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
  ) {}

  async execute(id: string, dto: UpdateConversationDto, caller: AuthUser): Promise<ConversationSummary> {
    const c = await this.access.ownedBy(id, caller);
    if (c.versionFinale) throw ConversationErrors.alreadySubmitted();
    assertOpen(
      await this.hackathons.getForParticipation(c.hackathonId, {
        asAdmin: caller.role === 'admin',
        studentId: caller.id,
      }),
    );
    if (!(await this.conversations.setMaxTokens(id, dto.maxTokens))) throw ConversationErrors.alreadySubmitted();
    const updated = await this.conversations.findSummary(id);
    if (!updated) throw ConversationErrors.notFound();
    return updated;
  }
}
