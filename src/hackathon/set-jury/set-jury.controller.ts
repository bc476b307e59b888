import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SetJuryDto } from './set-jury.dto';
import { SetJuryUseCase } from './set-jury.usecase';
import { Jury } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class SetJuryController {
  constructor(private readonly jury: SetJuryUseCase) {}

  @Get(':id/examiners')
  @ApiOperation({
    operationId: 'hackathons.getJury',
    summary: 'Le jury du hackathon : les examinateurs rattachés (admin)',
  })
  @ApiErrors(HackathonErrors.notFound())
  get(@Param('id', ParseObjectIdPipe) id: string): Promise<Jury> {
    return this.jury.get(id);
  }

  @Put(':id/examiners')
  @ApiOperation({
    operationId: 'hackathons.setJury',
    summary: 'Remplace le jury du hackathon (admin) : {examinerIds} = la liste complète',
    description:
      'Idempotent. Seuls des utilisateurs de rôle examinateur sont acceptés (sinon 400 NOT_AN_EXAMINER avec les ids ' +
      'refusés). Un examinateur retiré perd ses attributions en attente dans ce hackathon ; ses évaluations restent.',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notExaminers([]))
  replace(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: SetJuryDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<Jury> {
    return this.jury.replace(id, dto.examinerIds, caller);
  }
}
