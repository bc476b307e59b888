import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { UpdateHackathonDto } from './update-hackathon.dto';
import { UpdateHackathonUseCase } from './update-hackathon.usecase';
import { HackathonResponse } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class UpdateHackathonController {
  constructor(private readonly updateHackathon: UpdateHackathonUseCase) {}

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    operationId: 'hackathons.update',
    summary:
      'Modifie un hackathon (tout sauf statut → 400) ; dates et quotas partiels acceptés ; taches remplace la liste en gardant les ids (un champ de tâche absent garde sa valeur, null l’efface) ; 400 INVALID_VERIFICATION',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.invalidVerification([]))
  async update(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: UpdateHackathonDto,
  ): Promise<HackathonResponse> {
    return { hackathon: await this.updateHackathon.execute(id, dto) };
  }
}
