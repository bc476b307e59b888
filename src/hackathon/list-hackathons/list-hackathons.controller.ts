import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../libs/http';
import { ListHackathonsQuery } from './list-hackathons.dto';
import { ListHackathonsUseCase } from './list-hackathons.usecase';
import { HackathonPage } from '../hackathon.response';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class ListHackathonsController {
  constructor(private readonly listHackathons: ListHackathonsUseCase) {}

  @Get()
  @ApiOperation({
    operationId: 'hackathons.list',
    summary:
      'Hackathons paginés, début le plus récent d’abord ; filtres statut et q (recherche littérale dans nom et description)',
  })
  list(@Query() q: ListHackathonsQuery, @CurrentUser() caller: AuthUser): Promise<HackathonPage> {
    return this.listHackathons.execute(q, caller);
  }
}
