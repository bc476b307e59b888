import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { PublishResultsUseCase } from './publish-results.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class PublishResultsController {
  constructor(private readonly publish: PublishResultsUseCase) {}

  @Post(':id/results/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publie les résultats aux étudiants (admin) ; seulement « Terminé », sinon 409 INVALID_STATUS',
  })
  async handle(@Param('id', ParseObjectIdPipe) id: string) {
    return { hackathon: await this.publish.execute(id) };
  }
}
