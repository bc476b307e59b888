import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../libs/http';
import { ActiveHackathonsUseCase } from './active-hackathons.usecase';
import { ActiveHackathons } from '../hackathon.response';

@ApiTags('hackathons')
@ApiBearerAuth()
@Controller('hackathons')
export class ActiveHackathonsController {
  constructor(private readonly activeHackathons: ActiveHackathonsUseCase) {}

  /** Registered before GET /hackathons/:id (see HackathonModule), or "active" would be read as an id. */
  @Get('active')
  @ApiOperation({
    operationId: 'hackathons.listActive',
    summary:
      'Hackathons En cours dont les dates encadrent maintenant, début le plus récent d’abord : {items} (cache Redis court)',
  })
  active(@CurrentUser() caller: AuthUser): Promise<ActiveHackathons> {
    return this.activeHackathons.execute(caller);
  }
}
