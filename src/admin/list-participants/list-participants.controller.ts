import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageQuery, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { ListParticipantsUseCase } from './list-participants.usecase';
import { ParticipantPage } from '../admin.response';
import { HackathonErrors } from '../../hackathon';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class ListParticipantsController {
  constructor(private readonly participants: ListParticipantsUseCase) {}

  @Get(':id/participants')
  @ApiOperation({
    operationId: 'hackathons.listParticipants',
    summary: 'Les participants (admin) avec promptsUsed/Limit, tokensUsed/Limit et lastActivityAt, paginés',
    description: 'La liste pour acces "liste" ; sinon les étudiants qui y ont travaillé ou qui ont des quotas propres.',
  })
  @ApiErrors(HackathonErrors.notFound())
  list(@Param('id', ParseObjectIdPipe) id: string, @Query() q: PageQuery): Promise<ParticipantPage> {
    return this.participants.execute(id, q);
  }
}
