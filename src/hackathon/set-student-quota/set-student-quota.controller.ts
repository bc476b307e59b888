import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SetStudentQuotaDto } from './set-student-quota.dto';
import { SetStudentQuotaUseCase } from './set-student-quota.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class SetStudentQuotaController {
  constructor(private readonly quotas: SetStudentQuotaUseCase) {}

  @Put(':id/quotas/:studentId')
  @ApiOperation({
    summary: 'Les limites propres d’un étudiant dans ce hackathon (admin), effectives dès son prochain envoi',
    description: '{promptsParEtudiant?, tokensParEtudiant?} ; null rend la limite du hackathon. 400 NOT_A_STUDENT.',
  })
  set(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('studentId', ParseObjectIdPipe) studentId: string,
    @Body() dto: SetStudentQuotaDto,
  ) {
    return this.quotas.execute(id, studentId.toLowerCase(), dto);
  }
}
