import { Body, Controller, Injectable, Param, Put } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Clock } from '../../../libs/clock';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles, Trim } from '../../../libs/http';
import { DocumentLock } from '../../../libs/redis';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';

export class SubmitFinalDto {
  @Trim() @IsString() @MinLength(1) @MaxLength(20000) promptFinal: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(50000) reponseIAFinale: string;
}

/**
 * Invariant 4: one final version per conversation, only while the hackathon is open. The
 * first claim (unique insert) wins, on every engine; later ones get 409 ALREADY_SUBMITTED.
 */
@Injectable()
export class SubmitFinalUseCase {
  constructor(
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly lock: DocumentLock,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async execute(id: string, dto: SubmitFinalDto, caller: AuthUser): Promise<ConversationSummary> {
    const c = await this.access.ownedBy(id, caller);
    if (c.versionFinale) throw ConversationErrors.alreadySubmitted();
    assertOpen(await this.hackathons.getForParticipation(c.hackathonId, { asAdmin: caller.role === 'admin' }));
    const now = this.clock.now();
    if (!(await this.conversations.claimFinal(id, now))) throw ConversationErrors.alreadySubmitted();
    const final = (await this.lock.run(`conversation:${id}`, () =>
      this.conversations.setFinal(id, { ...dto, soumisLe: now }),
    ))!;
    this.events.emit('final.submitted', {
      conversationId: id,
      hackathonId: c.hackathonId,
      studentId: caller.id,
      tacheId: c.tacheId,
      at: now,
    });
    return final;
  }
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class SubmitFinalController {
  constructor(private readonly submit: SubmitFinalUseCase) {}

  @Roles('student', 'admin')
  @Put(':id/final')
  @ApiOperation({ summary: 'Soumet la version finale (une seule fois, hackathon ouvert) ; 409 ALREADY_SUBMITTED' })
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: SubmitFinalDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { conversation: await this.submit.execute(id, dto, caller) };
  }
}
