import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { QuotaGate } from './quota-gate';

/** What a student has used (reserved in-flight answers included) against the hackathon's quotas. */
@Injectable()
export class QuotaMeUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly gate: QuotaGate,
  ) {}

  async execute(hackathonId: string, caller: AuthUser) {
    const h = await this.hackathons.getForParticipation(hackathonId);
    const usage = await this.gate.usage(hackathonId, caller.id);
    return {
      promptsUsed: usage.prompts,
      promptsLimit: h.quotas.promptsParEtudiant,
      tokensUsed: usage.tokens,
      tokensLimit: h.quotas.tokensParEtudiant,
    };
  }
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class QuotaMeController {
  constructor(private readonly quota: QuotaMeUseCase) {}

  @Roles('student')
  @Get(':id/quota/me')
  @ApiOperation({
    summary: 'Mes prompts et tokens utilisés (réservations en cours comprises) et les limites du hackathon',
  })
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return this.quota.execute(id, caller);
  }
}
