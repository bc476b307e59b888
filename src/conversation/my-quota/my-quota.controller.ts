import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { MyQuotaUseCase } from './my-quota.usecase';
import { MyQuota } from '../conversation.response';
import { HackathonErrors } from '../../hackathon';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class MyQuotaController {
  constructor(private readonly quota: MyQuotaUseCase) {}

  @Roles('student')
  @Get(':id/quota/me')
  @ApiOperation({
    operationId: 'hackathons.myQuota',
    summary: 'Mes prompts et tokens utilisés (réservations en cours comprises) et les limites du hackathon',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notParticipant())
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<MyQuota> {
    return this.quota.execute(id, caller);
  }
}
