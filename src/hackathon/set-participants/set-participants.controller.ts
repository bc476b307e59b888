import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SetParticipantsDto } from './set-participants.dto';
import { SetParticipantsUseCase } from './set-participants.usecase';
import { RosterSet } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class SetParticipantsController {
  constructor(private readonly participants: SetParticipantsUseCase) {}

  @Put(':id/participants')
  @ApiOperation({
    operationId: 'hackathons.setParticipants',
    summary: 'Remplace la liste des participants (admin) : {studentIds} = la liste complète',
    description:
      'Utilisée quand acces vaut "liste". Seuls des étudiants sont acceptés (sinon 400 NOT_A_STUDENT avec les ids refusés).',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notAStudent([]))
  replace(@Param('id', ParseObjectIdPipe) id: string, @Body() dto: SetParticipantsDto): Promise<RosterSet> {
    return this.participants.execute(id, dto.studentIds);
  }
}
