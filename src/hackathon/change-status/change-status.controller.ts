import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { ChangeStatusDto } from './change-status.dto';
import { ChangeStatusUseCase } from './change-status.usecase';
import { HackathonResponse } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class ChangeStatusController {
  constructor(private readonly changeStatus: ChangeStatusUseCase) {}

  @Roles('admin')
  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'hackathons.changeStatus',
    summary:
      'Change le statut selon la table du guide (5.4) ; autre transition → 409 INVALID_STATUS_TRANSITION ; archiver fixe dates.archiveLe',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.invalidTransition('Brouillon', 'Terminé'))
  async change(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: ChangeStatusDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<HackathonResponse> {
    return { hackathon: await this.changeStatus.execute(id, dto.statut, caller.id) };
  }
}
