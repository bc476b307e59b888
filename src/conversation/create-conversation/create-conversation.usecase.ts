import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { AI_PARAMETER_RANGES } from '../../../config/ai-models';
import type { AuthUser } from '../../../libs/http';
import { HackathonCatalog, assertModelAllowed, assertOpen } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';
import { CreateConversationDto } from './create-conversation.dto';

/** A student opens a conversation on one task of an open hackathon (an admin: in a Test one). */
@Injectable()
export class CreateConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly models: AiModelCatalog,
    private readonly events: DomainEvents,
  ) {}

  async execute(dto: CreateConversationDto, caller: AuthUser): Promise<ConversationSummary> {
    if (dto.modelName !== undefined && !this.models.find(dto.modelName))
      throw ConversationErrors.unknownModel(dto.modelName);
    const participation = await this.hackathons.getForParticipation(dto.hackathonId, {
      asAdmin: caller.role === 'admin',
      studentId: caller.id,
    });
    // Without a choice: the first model the hackathon allows (docs/api.md 1.2 `modeles`).
    const modelName = dto.modelName ?? participation.modeles[0] ?? this.models.models[0].name;
    assertModelAllowed(participation, modelName);
    if (caller.role === 'admin' && participation.statut !== 'Test') throw ConversationErrors.forbiddenHackathon();
    assertOpen(participation);
    if (!participation.taches.some((t) => t.id === dto.tacheId)) throw ConversationErrors.unknownTask(dto.tacheId);
    const user = await this.users.findById(caller.id);
    const groupId = dto.groupId ?? (user?.profilEtudiant as { groupId?: string } | null)?.groupId ?? null;
    const created = await this.conversations.create({
      hackathonId: participation.id,
      tacheId: dto.tacheId,
      studentId: caller.id,
      groupId,
      modelName,
      maxTokens: dto.maxTokens ?? AI_PARAMETER_RANGES.maxTokens.default,
      temperature: dto.temperature ?? AI_PARAMETER_RANGES.temperature.default,
      countsUsage: participation.countsUsage,
    });
    this.events.emit('conversation.created', {
      conversationId: created.id,
      hackathonId: created.hackathonId,
      studentId: caller.id,
      modelName,
      maxTokens: created.maxTokens,
      at: new Date(created.createdAt),
    });
    return created;
  }
}
