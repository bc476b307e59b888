import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListAiModelsUseCase } from './list-ai-models.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('ai')
export class ListAiModelsController {
  constructor(private readonly list: ListAiModelsUseCase) {}

  @Get('models')
  @ApiOperation({
    summary: 'Modèles proposés, plages de temperature et maxTokens ; `fake: true` quand le faux LLM local répond',
  })
  models() {
    return this.list.execute();
  }
}
