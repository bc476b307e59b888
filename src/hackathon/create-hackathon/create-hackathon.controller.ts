import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '../../../libs/http';
import { HackathonErrors } from '../hackathon.errors';
import { CreateHackathonDto } from './create-hackathon.dto';
import { CreateHackathonUseCase } from './create-hackathon.usecase';
import { HackathonResponse } from '../hackathon.response';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class CreateHackathonController {
  constructor(private readonly createHackathon: CreateHackathonUseCase) {}

  @Roles('admin')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'hackathons.create',
    summary:
      'Crée un hackathon (statut Brouillon) ; tâches en titres ou {titre, consigne, systeme, verification}, chacune avec un id stable ; fin ≤ debut → 400 ; vérification mal définie → 400 INVALID_VERIFICATION (chemin exact dans details)',
  })
  @ApiErrors(HackathonErrors.invalidVerification([]))
  async create(@Body() dto: CreateHackathonDto): Promise<HackathonResponse> {
    return { hackathon: await this.createHackathon.execute(dto) };
  }
}
