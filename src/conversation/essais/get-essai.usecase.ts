import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { EssaiRepository } from './essai.repository';
import type { EssaiView } from './essai.response';
import { essaiView } from './essai-view';

/** The owner reads their try; anyone else, or a try of another conversation: 404. */
@Injectable()
export class GetEssaiUseCase {
  constructor(
    private readonly access: ConversationAccess,
    private readonly essais: EssaiRepository,
  ) {}

  async execute(conversationId: string, essaiId: string, caller: AuthUser): Promise<EssaiView> {
    await this.access.ownedBy(conversationId, caller);
    const e = await this.essais.findById(essaiId);
    if (!e || e.conversationId !== conversationId.toLowerCase()) throw ConversationErrors.essaiNotFound();
    return essaiView(e);
  }
}
