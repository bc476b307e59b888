import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SetStudentQuotaDto } from './set-student-quota.dto';
import { SetStudentQuotaUseCase } from './set-student-quota.usecase';
import { StudentQuota } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class SetStudentQuotaController {
  constructor(private readonly quotas: SetStudentQuotaUseCase) {}

  @Put(':id/quotas/:studentId')
  @ApiOperation({
    operationId: 'hackathons.setStudentQuota',
    summary: 'Les limites propres d’un étudiant dans ce hackathon (admin), effectives dès son prochain envoi',
    description: '{promptsParEtudiant?, tokensParEtudiant?} ; null rend la limite du hackathon. 400 NOT_A_STUDENT.',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notAStudent([]))
  set(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('studentId', ParseObjectIdPipe) studentId: string,
    @Body() dto: SetStudentQuotaDto,
  ): Promise<StudentQuota> {
    return this.quotas.execute(id, studentId.toLowerCase(), dto);
  }
}
