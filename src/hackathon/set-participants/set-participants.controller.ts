import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SetParticipantsDto } from './set-participants.dto';
import { SetParticipantsUseCase } from './set-participants.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class SetParticipantsController {
  constructor(private readonly participants: SetParticipantsUseCase) {}

  @Put(':id/participants')
  @ApiOperation({
    summary: 'Remplace la liste des participants (admin) : {studentIds} = la liste complète',
    description:
      'Utilisée quand acces vaut "liste". Seuls des étudiants sont acceptés (sinon 400 NOT_A_STUDENT avec les ids refusés).',
  })
  replace(@Param('id', ParseObjectIdPipe) id: string, @Body() dto: SetParticipantsDto) {
    return this.participants.execute(id, dto.studentIds);
  }
}
