import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListAiModelsUseCase } from './list-ai-models.usecase';
import { AiModels } from '../conversation.response';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('ai')
export class ListAiModelsController {
  constructor(private readonly list: ListAiModelsUseCase) {}

  @Get('models')
  @ApiOperation({
    operationId: 'ai.listModels',
    summary: 'Modèles proposés, plages de temperature et maxTokens ; `fake: true` quand le faux LLM local répond',
  })
  models(): AiModels {
    return this.list.execute();
  }
}
