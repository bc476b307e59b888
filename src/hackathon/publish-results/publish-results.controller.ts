import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { PublishResultsUseCase } from './publish-results.usecase';
import { HackathonResponse } from '../hackathon.response';
import { HackathonErrors } from '../hackathon.errors';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class PublishResultsController {
  constructor(private readonly publish: PublishResultsUseCase) {}

  @Post(':id/results/publish')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'hackathons.publishResults',
    summary: 'Publie les résultats aux étudiants (admin) ; seulement « Terminé », sinon 409 INVALID_STATUS',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.resultsNeedTermine('En cours'))
  async handle(@Param('id', ParseObjectIdPipe) id: string): Promise<HackathonResponse> {
    return { hackathon: await this.publish.execute(id) };
  }
}
