import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { MyQuotaUseCase } from './my-quota.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class MyQuotaController {
  constructor(private readonly quota: MyQuotaUseCase) {}

  @Roles('student')
  @Get(':id/quota/me')
  @ApiOperation({
    summary: 'Mes prompts et tokens utilisés (réservations en cours comprises) et les limites du hackathon',
  })
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return this.quota.execute(id, caller);
  }
}
